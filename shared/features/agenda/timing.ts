/**
 * Agenda timers on the server's clock. Pure: every screen passes the same server-clock instant
 * (see client/composables/useServerClock.ts) and so shows the same figures, whatever its own
 * clock or time zone says.
 *
 * `elapsedMs` is the item's total across all its runs: an item the host came back to goes on
 * counting from where it stopped, since its planned minutes are for the item, not for each
 * entry. `runElapsedMs` is the current (or last) run alone.
 */
import type { Lifecycle } from '../lifecycle.js'
import type { AgendaItem, AgendaRun, AgendaView } from './state.js'

export interface ItemTiming {
  itemId: string
  /** Server epoch ms the current (or last) run started; null when the item never ran. */
  startedAt: number | null
  /** Total of every run, the running one up to now. */
  elapsedMs: number
  /** The current (or last) run alone. */
  runElapsedMs: number
  /** How many times the item was current. */
  runs: number
  plannedMs: number | null
  /** Planned minus elapsed, never below 0; null without a plan. */
  remainingMs: number | null
  /** Elapsed beyond the plan; 0 without a plan or within it. */
  overrunMs: number
  /** Current in a live conference: its timer moves. */
  running: boolean
}

export interface AgendaPosition {
  /** 1-based place of the current item; 0 when no item is current (before the start, after the end). */
  index: number
  total: number
  current: AgendaItem | null
  /** What comes after the current item; before the start, the first item; after the end, null. */
  next: AgendaItem | null
}

/** The runs of an item; a state from before runs were kept has only its last start. */
export function itemRuns(item: AgendaItem): AgendaRun[] {
  return item.runs ?? (item.startedAt ? [{ startedAt: item.startedAt }] : [])
}

const ms = (iso: string | undefined): number | null => {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** Length of one run; an open run counts up to `openUntil` (null: it does not count). */
function runMs(run: AgendaRun, openUntil: number | null): number {
  const start = ms(run.startedAt)
  const end = ms(run.endedAt) ?? openUntil
  return start === null || end === null ? 0 : Math.max(0, end - start)
}

export function itemTiming(state: AgendaView, itemId: string, serverNowMs: number): ItemTiming {
  const item = state.agenda.items.find((i) => i.id === itemId)
  const runs = item ? itemRuns(item) : []
  const last = runs.at(-1)
  const running = !!last && !last.endedAt && state.status === 'live' && state.agenda.currentItemId === itemId
  // An open run of a conference that is not live (a state from before runs closed at the end) stops at its end.
  const openUntil = running ? serverNowMs : (ms(state.endedAt) ?? null)
  const elapsedMs = runs.reduce((sum, r) => sum + runMs(r, openUntil), 0)
  const plannedMs = item?.plannedMinutes !== undefined ? item.plannedMinutes * 60_000 : null
  return {
    itemId,
    startedAt: ms(last?.startedAt),
    elapsedMs,
    runElapsedMs: last ? runMs(last, openUntil) : 0,
    runs: runs.length,
    plannedMs,
    remainingMs: plannedMs === null ? null : Math.max(0, plannedMs - elapsedMs),
    overrunMs: plannedMs === null ? 0 : Math.max(0, elapsedMs - plannedMs),
    running,
  }
}

export function agendaPosition(state: AgendaView): AgendaPosition {
  const items = state.agenda.items
  const total = items.length
  if (state.status === 'ended') return { index: 0, total, current: null, next: null }
  const i = items.findIndex((it) => it.id === state.agenda.currentItemId)
  if (i < 0) return { index: 0, total, current: null, next: items[0] ?? null }
  return { index: i + 1, total, current: items[i] ?? null, next: items[i + 1] ?? null }
}

/** Time since the conference started (its own clock), up to its end; 0 before the start. */
export function conferenceElapsedMs(state: Lifecycle, serverNowMs: number): number {
  const start = ms(state.startedAt)
  if (start === null) return 0
  return Math.max(0, (ms(state.endedAt) ?? serverNowMs) - start)
}

/** Each item's planned start (server epoch ms) from the scheduled start and the planned minutes before it; null without `startsAt`. */
export function plannedStarts(state: AgendaView): { itemId: string; at: number }[] | null {
  let at = ms(state.startsAt)
  if (at === null) return null
  const out: { itemId: string; at: number }[] = []
  for (const item of state.agenda.items) {
    out.push({ itemId: item.id, at })
    at += (item.plannedMinutes ?? 0) * 60_000
  }
  return out
}
