/**
 * Reading stored events in order, each made current against the state just before it (what
 * `readEvent` asks for: an upcast may read the catalog as it stood). Only the store and the
 * service see a stored event; everything past here gets `ConferenceEvent`s.
 */
import { initialState, type ConferenceState } from '../../shared/domain.js'
import { EVENT_VERSION, readEvent, type ConferenceEvent } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import type { EventStore, StoredEvent } from '../store/event-store.js'

const PAGE = 5000
const VERSIONS: Readonly<Record<string, number>> = EVENT_VERSION

/** Whether an event was written at an older version: its upcast may read the state before it. */
export const isOld = (raw: StoredEvent): boolean => raw.v < (VERSIONS[raw.type] ?? raw.v)

/** An event of the log with its place in the hash chain. */
export type LoggedEvent = ConferenceEvent & { hash: string }

/**
 * Makes `raws` (consecutive, in order) current. When one of them is old, the state before the
 * first is rebuilt from the log (`stateBefore`) and folded along, so each upcast sees the state
 * just before its event; when none is, no state is read at all.
 */
export async function readInOrder(raws: StoredEvent[], stateBefore: () => Promise<ConferenceState>): Promise<ConferenceEvent[]> {
  const first = raws[0]
  if (!first) return []
  if (!raws.some(isOld)) return raws.map((raw) => readEvent(raw, initialState('')))
  let state = await stateBefore()
  return raws.map((raw) => {
    const e = readEvent(raw, state)
    state = evolve(state, e)
    return e
  })
}

/** The state of a conference after `seq`, folded from the start of its log. */
export async function stateAt(store: EventStore, conferenceId: string, seq: number): Promise<ConferenceState> {
  let state = initialState(conferenceId)
  for (let since = 0; since < seq; ) {
    const batch = (await store.read(conferenceId, since, PAGE)).filter((raw) => raw.seq <= seq)
    const last = batch.at(-1)
    if (!last) break
    for (const raw of batch) state = evolve(state, readEvent(raw, state))
    since = last.seq
  }
  return state
}

/**
 * The whole log up to `seq` (only the types in `only`, when given), current and with hashes, and
 * the head it reached: what a document is made from. Folded only when an old event needs it.
 */
export async function readLog(store: EventStore, conferenceId: string, seq: number, only?: ReadonlySet<string>): Promise<{ events: LoggedEvent[]; head: { seq: number; hash: string } }> {
  const raws: StoredEvent[] = []
  for (let since = 0; since < seq; ) {
    const batch = (await store.read(conferenceId, since, 10_000)).filter((raw) => raw.seq <= seq)
    const last = batch.at(-1)
    if (!last) break
    raws.push(...batch)
    since = last.seq
  }
  // Folded only when an old event may need the state; else only the wanted types are parsed.
  const fold = raws.some(isOld)
  let state = initialState(conferenceId)
  const events: LoggedEvent[] = []
  for (const raw of raws) {
    const wanted = !only || only.has(raw.type)
    if (!fold && !wanted) continue
    const e = readEvent(raw, state)
    if (fold) state = evolve(state, e)
    if (wanted) events.push({ ...e, hash: raw.hash })
  }
  const last = raws.at(-1)
  return { events, head: last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: '' } }
}
