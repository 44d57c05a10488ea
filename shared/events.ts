/**
 * Events: what happened, in the past tense of the command. The log of a conference is an ordered
 * list of these with a gapless `seq`. Each feature in ./features/ owns its events' schemas,
 * versions and upcasts; stored events are parsed with them when read back (`readEvent`).
 */
import type { ConferenceState } from './features/state.js'

export { EVENTS, EVENT_VERSION, type ConferenceEvent, type EventDataMap, type EventOf, type EventType, type NewEvent } from './features/contracts.js'
export { readEvent, UnreadableEventError } from './features/read-event.js'
export type { Envelope } from './features/define.js'
export type { ConferenceSetup } from './features/conference/contract.js'
export type { AwardShown } from './features/awards/state.js'

export interface Snapshot {
  seq: number
  state: ConferenceState
  /** Epoch ms on the server when the snapshot was sent. */
  serverTime: number
}
