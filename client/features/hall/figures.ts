/**
 * The figures a hall's screen shows beside the programme: people watching (site screens and
 * viewers, not the organisers' own devices), delegates checked in, sites online.
 */
import type { ConferenceState, Site } from '../../../shared/domain.js'
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

/**
 * Sites present at the conference: checked in, or connected while it ran (online now, or last
 * seen at or after the opening). The hub is often online all day without a roll call of its own.
 * Who was connected is presence, kept by the server beside the log: a server restarted since has
 * forgotten the sites that left before it, and counts them only by their check-in.
 */
export function sitesPresent(state: ConferenceState, p: Presence): Site[] {
  const opened = state.startedAt ? Date.parse(state.startedAt) : Infinity
  return state.sites.filter((s) => {
    const live = p.sites[s.id]
    const seen = live?.lastSeenAt ? Date.parse(live.lastSeenAt) : -Infinity
    return !!s.checkIn || !!live?.online || seen >= opened
  })
}

/** The conference's day: when it opened, else when it is scheduled to, else the date it was set up with. */
export function conferenceDay(state: ConferenceState): string | undefined {
  return state.startedAt ?? state.startsAt ?? state.date
}

/** The day in four figures, as the closing screens show them (the labels are the page's). */
export function closingFigures(state: ConferenceState, p: Presence): { key: 'awards' | 'blocs' | 'sites' | 'delegates'; n: number; of?: number }[] {
  return [
    { key: 'awards', n: state.awards.filter((a) => a.announcedAt && !a.retracted).length },
    { key: 'blocs', n: state.blocs.filter((b) => b.signature).length, of: state.blocs.length },
    { key: 'sites', n: sitesPresent(state, p).length, of: state.sites.length },
    { key: 'delegates', n: delegateCount(state) },
  ]
}
