/**
 * What every document is built from: the folded state, the log's events with their place in the
 * hash chain, the log's head and the result of re-checking the chain. Read once per document.
 */
import type { ConferenceState } from '../../shared/domain.js'
import { readEvent, type ConferenceEvent } from '../../shared/events.js'
import type { ConferenceService } from '../conference/service.js'
import type { EventStore, VerifyResult } from '../store/event-store.js'

/** An event of the log with its hash, as the audit trail shows it. */
export type LoggedEvent = ConferenceEvent & { hash: string }

export interface DocumentSource {
  state: ConferenceState
  /** The events up to `head.seq`, in order (only those of the types asked for, when asked). */
  events: LoggedEvent[]
  head: { seq: number; hash: string }
  verify: VerifyResult
  /** ISO server time the document was made. */
  generatedAt: string
}

const PAGE = 10_000

/**
 * Reads a conference's log and state as they are now, for one document. `only`: the event types
 * the document needs (the others are not parsed: a pledge needs no award list).
 */
export async function loadSource(
  deps: { store: EventStore; service: ConferenceService; now?: () => number },
  conferenceId: string,
  only?: ReadonlySet<string>,
): Promise<DocumentSource> {
  const room = await deps.service.room(conferenceId)
  const state = room.state
  const seq = room.seq
  const events: LoggedEvent[] = []
  let head = { seq: 0, hash: '' }
  for (let since = 0; since < seq; ) {
    const batch = await deps.store.read(conferenceId, since, PAGE)
    if (batch.length === 0) break
    for (const raw of batch) {
      if (raw.seq > seq) break
      head = { seq: raw.seq, hash: raw.hash }
      if (!only || only.has(raw.type)) events.push({ ...readEvent(raw, state), hash: raw.hash })
    }
    since = batch.at(-1)!.seq
  }
  const verify = await deps.store.verify(conferenceId)
  return {
    state,
    events,
    head,
    verify,
    generatedAt: new Date((deps.now ?? Date.now)()).toISOString(),
  }
}
