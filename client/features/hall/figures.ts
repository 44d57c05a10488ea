/**
 * The figures a hall's screen shows beside the programme: people watching (site screens and
 * viewers, not the organisers' own devices), delegates checked in, sites online.
 */
import type { ConferenceState } from '../../../shared/domain.js'
import type { Presence } from '../../../shared/protocol.js'

/** Screens and viewers watching now; the host's tabs and signers' tablets are not an audience. */
export function watchingCount(p: Presence): number {
  return p.watching
}

/** Delegates present by the latest roll call of every site. */
export function delegateCount(state: ConferenceState): number {
  return state.sites.reduce((n, s) => n + (s.checkIn?.attendees ?? 0), 0)
}

export function sitesOnline(p: Presence, state: ConferenceState): number {
  return state.sites.filter((s) => p.sites[s.id]?.online).length
}

/** Sites that took part: checked in, or connected at some point known to this page. */
export function sitesTakingPart(state: ConferenceState): number {
  return state.sites.filter((s) => s.checkIn).length
}

/** The conference's day: when it opened, else when it is scheduled to, else the date it was set up with. */
export function conferenceDay(state: ConferenceState): string | undefined {
  return state.startedAt ?? state.startsAt ?? state.date
}
