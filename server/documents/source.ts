/**
 * What every document is built from: the folded state, the log's events with their place in the
 * hash chain, the log's head and the result of re-checking the chain. Read once per document,
 * through the service: the events come current, each upcast against the state before it.
 */
import type { ConferenceState } from '../../shared/domain.js'
import type { ConferenceService, LoggedEvent } from '../conference/service.js'
import type { VerifyResult } from '../store/event-store.js'

export type { LoggedEvent } from '../conference/service.js'

export interface DocumentSource {
  state: ConferenceState
  /** The events up to `head.seq`, in order (only those of the types asked for, when asked). */
  events: LoggedEvent[]
  head: { seq: number; hash: string }
  verify: VerifyResult
  /** ISO server time the document was made. */
  generatedAt: string
}

/**
 * Reads a conference's log and state as they are now, for one document. `only`: the event types
 * the document needs (the others are not parsed: a pledge needs no award list).
 */
export async function loadSource(
  deps: { service: ConferenceService; now?: () => number },
  conferenceId: string,
  only?: ReadonlySet<string>,
): Promise<DocumentSource> {
  const { state, events, head } = await deps.service.history(conferenceId, only)
  const verify = await deps.service.verify(conferenceId)
  return { state, events, head, verify, generatedAt: new Date((deps.now ?? Date.now)()).toISOString() }
}
