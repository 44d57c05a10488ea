/**
 * The agenda's contract: which item is current, and the host's edits before and during the
 * conference (add, update, move, remove).
 *
 * Concurrent edits: an item carries `rev`, bumped by each update; an update or removal names the
 * revision it was made on and is refused with `conflict` (reason `agenda.stale`) when the item
 * changed since. The list carries `agenda.rev`, bumped by add, move and remove; a move names it
 * and is refused (`agenda.orderChanged`) when the order changed since. An add clashes with
 * nothing. So no edit is ever lost silently: it applies to what its sender saw, or is refused.
 */
import { z } from 'zod'
import { Empty, Id, Text } from '../../kernel.js'
import { command, defineContract, event } from '../define.js'
import { AgendaItem, AgendaItemKind } from './state.js'

/** Items an agenda may hold. */
export const MAX_AGENDA_ITEMS = 100
/** The lengths and sizes of an item's fields. */
const ITEM = { title: 300, presenter: 200, unit: 200, plannedMinutes: 600 } as const
const Minutes = z.number().int().min(0).max(ITEM.plannedMinutes)
const Rev = z.number().int().min(0)

export const GotoAgendaItem = z.object({ itemId: Id }).strict()

export const AddAgendaItem = z
  .object({
    title: Text(ITEM.title),
    kind: AgendaItemKind,
    presenter: Text(ITEM.presenter).optional(),
    unit: Text(ITEM.unit).optional(),
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
    title: Text(ITEM.title).optional(),
    kind: AgendaItemKind.optional(),
    presenter: Text(ITEM.presenter).nullable().optional(),
    unit: Text(ITEM.unit).nullable().optional(),
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

/** The fields an update changed: a value sets, null clears. */
export const AgendaItemChanges = z.object({
  title: z.string().optional(),
  kind: AgendaItemKind.optional(),
  presenter: z.string().nullable().optional(),
  unit: z.string().nullable().optional(),
  plannedMinutes: z.number().nullable().optional(),
})
export type AgendaItemChanges = z.infer<typeof AgendaItemChanges>

/** The agenda contract: its commands, events (with versions and upcasts), refusal reasons and limits. */
export const agendaContract = defineContract({
  name: 'agenda',
  commands: [
    command('agenda.goto', GotoAgendaItem),
    command('agenda.next', Empty),
    command('agenda.previous', Empty),
    command('agenda.addItem', AddAgendaItem),
    command('agenda.updateItem', UpdateAgendaItem),
    command('agenda.moveItem', MoveAgendaItem),
    command('agenda.removeItem', RemoveAgendaItem),
  ],
  events: {
    'agenda.itemStarted': event(z.object({ itemId: Id })),
    /** `index`: its 0-based place in the list. */
    'agenda.itemAdded': event(z.object({ item: AgendaItem, index: z.number().int().min(0) })),
    'agenda.itemUpdated': event(z.object({ itemId: Id, changes: AgendaItemChanges })),
    'agenda.itemMoved': event(z.object({ itemId: Id, toIndex: z.number().int().min(0) })),
    'agenda.itemRemoved': event(z.object({ itemId: Id })),
  },
  reasons: {
    agendaNoItem: 'agenda.noItem',
    agendaAlreadyCurrent: 'agenda.alreadyCurrent',
    agendaAtEnd: 'agenda.atEnd',
    agendaAtStart: 'agenda.atStart',
    agendaEmpty: 'agenda.empty',
    agendaFull: 'agenda.full',
    agendaStale: 'agenda.stale',
    agendaOrderChanged: 'agenda.orderChanged',
    agendaNothingChanged: 'agenda.nothingChanged',
    agendaRemoveCurrent: 'agenda.removeCurrent',
    agendaRemoveRan: 'agenda.removeRan',
  },
  limits: {
    'agenda.addItem': { ...ITEM, items: MAX_AGENDA_ITEMS },
    'agenda.updateItem': ITEM,
  },
})
