/**
 * What each audience may see of the whole state and of every event. The host sees everything; a
 * site, signer or viewer (the public audience) never receives the recipient of an award before
 * its announcement: not in a snapshot, not in an event (the awards feature seals it, `sealAward`).
 * Pure, so the server projects once per audience, not per socket.
 */
import type { Role } from './kernel.js'
import { sealAward } from './features/awards/state.js'
import type { ConferenceEvent } from './features/contracts.js'
import type { ConferenceState } from './features/state.js'

export type Audience = 'host' | 'public'

export const audienceOf = (role: Role): Audience => (role === 'host' ? 'host' : 'public')

const sealedAwards = new WeakMap<ConferenceState['awards'], ConferenceState['awards']>()

/** The state as `audience` may see it. */
export function stateFor(state: ConferenceState, audience: Audience): ConferenceState {
  if (audience === 'host') return state
  let awards = sealedAwards.get(state.awards)
  if (!awards) {
    awards = state.awards.map(sealAward)
    sealedAwards.set(state.awards, awards)
  }
  return { ...state, awards }
}

/** What a site, signer or viewer receives of an event: an import arrives sealed. */
export function publicAwardEvent(event: ConferenceEvent): ConferenceEvent {
  if (event.type !== 'award.imported') return event
  return { ...event, data: { awards: event.data.awards.map(sealAward) } }
}

/** An event as `audience` may see it. */
export function eventFor(event: ConferenceEvent, audience: Audience): ConferenceEvent {
  return audience === 'host' ? event : publicAwardEvent(event)
}

/** True when the event reads the same for every audience, so one encoding serves all. */
export const sameForAll = (event: ConferenceEvent): boolean => event.type !== 'award.imported'
