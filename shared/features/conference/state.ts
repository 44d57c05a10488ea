/**
 * The conference's own slice of the state (its identity, where and when, and whether it is live),
 * and the whole state its creation makes anew: every feature's slice, empty until its setup.
 */
import { z } from 'zod'
import { emptyAgenda, type AgendaSlice } from '../agenda/state.js'
import { emptyAwards, type AwardsSlice } from '../awards/state.js'
import type { Lifecycle } from '../lifecycle.js'
import { emptySigning, type SigningSlice } from '../signing/state.js'
import { emptySites, type SitesSlice } from '../sites/state.js'

/** The demo's, and the default for conferences created before they had one. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh'

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

export const TimeZone = z.string().min(1).max(60).refine(isTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')

/** What the conference feature keeps in `ConferenceState`: its identity, and its lifecycle (../lifecycle.ts). */
export interface ConferenceSlice extends Lifecycle {
  id: string
  title: string
  /** Where and when, as the invitation says it. */
  venue?: string
  date?: string
  /** IANA time zone every time is shown in, whatever the device's (Asia/Ho_Chi_Minh). */
  timeZone: string
}

/** What the conference's rules and reducer read: its slice, the agenda (whose first item starts with it) and the awards (whose roll ends with it). */
export type ConferenceView = ConferenceSlice & AgendaSlice & AwardsSlice

/** Every feature's slice: the whole state, which the conference's creation makes anew. */
export type WholeConference = ConferenceSlice & AgendaSlice & SitesSlice & AwardsSlice & SigningSlice

/** The empty conference every log starts from: every feature's empty slice; `conference.created` fills it. */
export function emptyConference(id: string): WholeConference {
  return { id, title: '', timeZone: DEFAULT_TIME_ZONE, status: 'scheduled', ...emptyAgenda(), ...emptySites(), ...emptyAwards(), ...emptySigning() }
}
