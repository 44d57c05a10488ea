/**
 * The shapes every feature slice shares: an event in the log, and the reducer of one event type.
 * Type-only: each slice (conference, agenda, sites, awards, signing) builds on these.
 */
import type { ConferenceState } from '../domain.js'

/** One event of type `T` with data `D`, as the log keeps it and the wire carries it. `at` is ISO server time. */
export interface Envelope<T extends string, D> {
  seq: number
  type: T
  at: string
  data: D
}

/** The reducers of a slice, one per event type it owns. */
export type Evolvers<M> = { [T in keyof M & string]: (state: ConferenceState, event: Envelope<T, M[T]>) => ConferenceState }
