/**
 * The conference itself: its setup, going live, ending.
 */
import { z } from 'zod'
import { AgendaItem, AwardType, Bloc, Id, initialState, Site } from '../domain.js'
import type { Evolvers } from './envelope.js'

const Empty = z.object({}).strict()

export const conferenceCommands = {
  'conference.start': Empty,
  'conference.end': Empty,
}

/** The setup of a conference: everything but its awards, which come by `award.imported`. */
export const ConferenceSetup = z.object({
  id: Id,
  title: z.string().min(1),
  venue: z.string().optional(),
  date: z.string().optional(),
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
}
export type ConferenceEvents = { [T in keyof typeof conferenceEvents]: z.infer<(typeof conferenceEvents)[T]> }

export const conferenceEvolvers: Evolvers<ConferenceEvents> = {
  'conference.created': (_state, { data }) => {
    const { id, title, venue, date, sites, agenda, awardTypes, blocs } = data
    return { ...initialState(id), title, venue, date, sites, awardTypes, blocs, agenda: { items: agenda, currentItemId: null } }
  },
  'conference.started': (state, { at }) => ({ ...state, status: 'live', startedAt: at }),
  'conference.ended': (state, { at }) => ({ ...state, status: 'ended', endedAt: at }),
}
