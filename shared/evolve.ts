/**
 * The one reducer. Pure, run unchanged by the server and by every browser: two sites that
 * have applied the same events show the same state. It only routes: each feature slice in
 * ./conference/ owns the reducers of its events.
 */
import { initialState, type ConferenceState } from './domain.js'
import { agendaEvolvers } from './conference/agenda.js'
import { awardEvolvers } from './conference/awards.js'
import { conferenceEvolvers } from './conference/conference.js'
import type { Evolvers } from './conference/envelope.js'
import { signingEvolvers } from './conference/signing.js'
import { siteEvolvers } from './conference/sites.js'
import type { ConferenceEvent, EventDataMap } from './events.js'

/** Every event type has exactly one reducer: a type missing here fails the type-check. */
const EVOLVERS: Evolvers<EventDataMap> = { ...conferenceEvolvers, ...agendaEvolvers, ...siteEvolvers, ...awardEvolvers, ...signingEvolvers }

export function evolve(state: ConferenceState, event: ConferenceEvent): ConferenceState {
  const reducer = EVOLVERS[event.type] as (s: ConferenceState, e: ConferenceEvent) => ConferenceState
  return reducer(state, event)
}

/** Replays a log from the empty state (or from a snapshot's state). */
export function replay(events: readonly ConferenceEvent[], from: ConferenceState = initialState()): ConferenceState {
  return events.reduce(evolve, from)
}
