/**
 * The whole state, composed from each feature's slice. Other systems read it through snapshots:
 * keep these names and meanings.
 */
import type { AgendaSlice } from './agenda/state.js'
import type { AwardsSlice } from './awards/state.js'
import { emptyConference, type ConferenceSlice } from './conference/state.js'
import type { SigningSlice } from './signing/state.js'
import type { SitesSlice } from './sites/state.js'

/** What a snapshot carries: every feature's slice side by side. */
export interface ConferenceState extends ConferenceSlice, AgendaSlice, SitesSlice, AwardsSlice, SigningSlice {}

/**
 * The shape version of `ConferenceState`. A saved snapshot of another version is not used: the
 * state is rebuilt from the log instead. Bump it with any change of what evolve produces.
 */
export const STATE_VERSION = 5

/** The empty conference every log starts from (each feature's empty slice, ./conference/state.ts); `conference.created` fills it. */
export function initialState(id = ''): ConferenceState {
  return emptyConference(id)
}
