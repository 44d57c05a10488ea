/**
 * The agenda: which item is current, each item's runs (every start and end), and the host's
 * edits before and during the conference (add, update, move, remove).
 *
 * Concurrent edits: an item carries `rev`, bumped by each update; an update or removal names the
 * revision it was made on and is refused with `conflict` (reason `agenda.stale`) when the item
 * changed since. The list carries `agenda.rev`, bumped by add, move and remove; a move names it
 * and is refused (`agenda.orderChanged`) when the order changed since. An add clashes with
 * nothing. So no edit is ever lost silently: it applies to what its sender saw, or is refused.
 */
import { z } from 'zod'
import { AgendaItem, AgendaItemKind, Id, Text, type ConferenceState } from '../domain.js'
import type { Evolvers } from './envelope.js'

const Empty = z.object({}).strict()

/** Items an agenda may hold. */
export const MAX_AGENDA_ITEMS = 100
const Minutes = z.number().int().min(0).max(600)
const Rev = z.number().int().min(0)

export const GotoAgendaItem = z.object({ itemId: Id }).strict()

export const AddAgendaItem = z
  .object({
    title: Text(300),
    kind: AgendaItemKind,
    presenter: Text(200).optional(),
    unit: Text(200).optional(),
    plannedMinutes: Minutes.optional(),
    /** Place it after this item; null: first; absent: last. */
    afterItemId: Id.nullable().optional(),
  })
  .strict()
export type AddAgendaItem = z.infer<typeof AddAgendaItem>

/** Only the fields sent change; null clears an optional one. */
export const UpdateAgendaItem = z
  .object({
    itemId: Id,
    /** The item's revision the edit was made on. */
    rev: Rev,
    title: Text(300).optional(),
    kind: AgendaItemKind.optional(),
    presenter: Text(200).nullable().optional(),
    unit: Text(200).nullable().optional(),
    plannedMinutes: Minutes.nullable().optional(),
  })
  .strict()
export type UpdateAgendaItem = z.infer<typeof UpdateAgendaItem>

export const MoveAgendaItem = z
  .object({
    itemId: Id,
    /** 0-based position in the list after the move. */
    toIndex: z.number().int().min(0).max(MAX_AGENDA_ITEMS - 1),
    /** The list's revision (`agenda.rev`) the move was made on. */
    listRev: Rev,
  })
  .strict()
export type MoveAgendaItem = z.infer<typeof MoveAgendaItem>

export const RemoveAgendaItem = z.object({ itemId: Id, rev: Rev }).strict()

export const agendaCommands = {
  'agenda.goto': GotoAgendaItem,
  'agenda.next': Empty,
  'agenda.previous': Empty,
  'agenda.addItem': AddAgendaItem,
  'agenda.updateItem': UpdateAgendaItem,
  'agenda.moveItem': MoveAgendaItem,
  'agenda.removeItem': RemoveAgendaItem,
}

/** The fields an update changed: a value sets, null clears. */
export const AgendaItemChanges = z.object({
  title: z.string().optional(),
  kind: AgendaItemKind.optional(),
  presenter: z.string().nullable().optional(),
  unit: z.string().nullable().optional(),
  plannedMinutes: z.number().nullable().optional(),
})
export type AgendaItemChanges = z.infer<typeof AgendaItemChanges>

export const agendaEvents = {
  'agenda.itemStarted': z.object({ itemId: Id }),
  /** `index`: its 0-based place in the list. */
  'agenda.itemAdded': z.object({ item: AgendaItem, index: z.number().int().min(0) }),
  'agenda.itemUpdated': z.object({ itemId: Id, changes: AgendaItemChanges }),
  'agenda.itemMoved': z.object({ itemId: Id, toIndex: z.number().int().min(0) }),
  'agenda.itemRemoved': z.object({ itemId: Id }),
}
export type AgendaEvents = { [T in keyof typeof agendaEvents]: z.infer<(typeof agendaEvents)[T]> }

/** Closes the open run of every item at `at` (there is at most one). */
export function endRuns(items: AgendaItem[], at: string): AgendaItem[] {
  return items.map((i) => {
    const last = i.runs?.at(-1)
    return last && !last.endedAt ? { ...i, runs: [...i.runs!.slice(0, -1), { ...last, endedAt: at }] } : i
  })
}

function applyChanges(item: AgendaItem, changes: AgendaItemChanges): AgendaItem {
  const next: AgendaItem = { ...item, rev: (item.rev ?? 0) + 1 }
  if (changes.title !== undefined) next.title = changes.title
  if (changes.kind !== undefined) next.kind = changes.kind
  for (const key of ['presenter', 'unit', 'plannedMinutes'] as const) {
    const v = changes[key]
    if (v === null) delete next[key]
    else if (v !== undefined) (next as Record<string, unknown>)[key] = v
  }
  return next
}

const withItems = (state: ConferenceState, items: AgendaItem[], listChanged: boolean): ConferenceState => ({
  ...state,
  agenda: { ...state.agenda, items, rev: state.agenda.rev + (listChanged ? 1 : 0) },
})

export const agendaEvolvers: Evolvers<AgendaEvents> = {
  'agenda.itemStarted': (state, { at, data: { itemId } }) => {
    const items = endRuns(state.agenda.items, at).map((i) => (i.id === itemId ? { ...i, startedAt: at, runs: [...(i.runs ?? []), { startedAt: at }] } : i))
    return { ...state, agenda: { ...state.agenda, items, currentItemId: itemId } }
  },
  'agenda.itemAdded': (state, { data: { item, index } }) => {
    const items = [...state.agenda.items]
    items.splice(index, 0, { ...item, rev: item.rev ?? 1, runs: item.runs ?? [] })
    return withItems(state, items, true)
  },
  'agenda.itemUpdated': (state, { data: { itemId, changes } }) =>
    withItems(state, state.agenda.items.map((i) => (i.id === itemId ? applyChanges(i, changes) : i)), false),
  'agenda.itemMoved': (state, { data: { itemId, toIndex } }) => {
    const item = state.agenda.items.find((i) => i.id === itemId)
    if (!item) return state
    const items = state.agenda.items.filter((i) => i.id !== itemId)
    items.splice(toIndex, 0, item)
    return withItems(state, items, true)
  },
  'agenda.itemRemoved': (state, { data: { itemId } }) => withItems(state, state.agenda.items.filter((i) => i.id !== itemId), true),
}
