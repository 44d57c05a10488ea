/** The agenda slice of the state: the items, which one is current, and each item's runs. */
import { z } from 'zod'
import { Id, Text } from '../../kernel.js'
import type { Lifecycle } from '../lifecycle.js'

export const AgendaItemKind = z.enum(['opening', 'report', 'speech', 'directive', 'awards', 'signing', 'closing', 'other'])
export type AgendaItemKind = z.infer<typeof AgendaItemKind>

/** One time an item was current: from its start to the start of the next item, or the conference's end. */
export const AgendaRun = z.object({ startedAt: z.string(), endedAt: z.string().optional() })
export type AgendaRun = z.infer<typeof AgendaRun>

export const AgendaItem = z.object({
  id: Id,
  title: Text(300),
  kind: AgendaItemKind,
  /** Who speaks or presents it ("Đồng chí Trần Quốc Nam, Chủ tịch UBND tỉnh"). */
  presenter: Text(200).optional(),
  /** The presenter's agency or locality ("UBND huyện Ninh Hải"). */
  unit: Text(200).optional(),
  plannedMinutes: z.number().int().min(0).max(600).optional(),
  /** ISO time the item last became current. */
  startedAt: z.string().optional(),
  /** Every time the item was current, oldest first (an item entered twice has two). */
  runs: z.array(AgendaRun).optional(),
  /** Bumped by each edit of the item; an edit or removal names the revision it was made on. */
  rev: z.number().int().min(0).optional(),
})
export type AgendaItem = z.infer<typeof AgendaItem>

/** What the agenda feature keeps in `ConferenceState`. */
export interface AgendaSlice {
  /** `rev` is bumped by each change of the list's membership or order (add, move, remove). */
  agenda: { items: AgendaItem[]; currentItemId: string | null; rev: number }
}

/** The agenda before the conference's setup: no items. */
export const emptyAgenda = (): AgendaSlice => ({ agenda: { items: [], currentItemId: null, rev: 0 } })

/** What the agenda's rules and timers read: its slice, and where the conference stands in its day. */
export type AgendaView = AgendaSlice & Lifecycle

/** Closes the open run of every item at `at` (there is at most one). */
export function endRuns(items: AgendaItem[], at: string): AgendaItem[] {
  return items.map((i) => {
    const runs = i.runs ?? []
    const last = runs.at(-1)
    return last && !last.endedAt ? { ...i, runs: [...runs.slice(0, -1), { ...last, endedAt: at }] } : i
  })
}
