/**
 * The conference itself: its setup, going live, ending.
 */
import { z } from 'zod'
import { AgendaItem, AwardType, Bloc, DEFAULT_TIME_ZONE, Id, initialState, Site, TimeZone } from '../domain.js'
import { endRuns } from './agenda.js'
import type { Evolvers } from './envelope.js'

const Empty = z.object({}).strict()

/** When the conference opens: an ISO instant with its offset (the lobby counts down to it). */
const StartsAt = z.iso.datetime({ offset: true })

/** The host moves the scheduled start (before the conference has started). */
export const ScheduleConference = z.object({ startsAt: StartsAt }).strict()

export const conferenceCommands = {
  'conference.start': Empty,
  'conference.end': Empty,
  'conference.schedule': ScheduleConference,
}

/** The setup of a conference: everything but its awards, which come by `award.imported`. */
export const ConferenceSetup = z.object({
  id: Id,
  title: z.string().min(1),
  venue: z.string().optional(),
  date: z.string().optional(),
  /** ISO instant the conference is scheduled to start. */
  startsAt: StartsAt.optional(),
  /** IANA time zone every screen shows times in. */
  timeZone: TimeZone,
  sites: z.array(Site),
  agenda: z.array(AgendaItem),
  awardTypes: z.array(AwardType),
  blocs: z.array(Bloc),
})
export type ConferenceSetup = z.infer<typeof ConferenceSetup>

export const conferenceEvents = {
  'conference.created': ConferenceSetup,
  'conference.started': z.object({}),
  'conference.ended': z.object({}),
  'conference.scheduled': z.object({ startsAt: StartsAt }),
}
export type ConferenceEvents = { [T in keyof typeof conferenceEvents]: z.infer<(typeof conferenceEvents)[T]> }

/** `conference.created` v1 had no time zone: those conferences were all the demo's province. */
export function upcastCreatedV1(data: Record<string, unknown>): unknown {
  return { ...data, timeZone: DEFAULT_TIME_ZONE }
}

export const conferenceEvolvers: Evolvers<ConferenceEvents> = {
  'conference.created': (_state, { data }) => {
    const { id, title, venue, date, startsAt, timeZone, sites, agenda, awardTypes, blocs } = data
    const items = agenda.map((i) => ({ ...i, rev: i.rev ?? 1, runs: i.runs ?? [] }))
    return { ...initialState(id), title, venue, date, ...(startsAt ? { startsAt } : {}), timeZone, sites, awardTypes, blocs, agenda: { items, currentItemId: null, rev: 1 } }
  },
  'conference.scheduled': (state, { data }) => ({ ...state, startsAt: data.startsAt }),
  'conference.started': (state, { at }) => ({ ...state, status: 'live', startedAt: at }),
  // The item running at the end stops with it: the minutes give it its true length.
  'conference.ended': (state, { at }) => ({ ...state, status: 'ended', endedAt: at, agenda: { ...state.agenda, items: endRuns(state.agenda.items, at) } }),
}
