/**
 * The conference itself, its contract: setup, scheduled start, going live, ending.
 */
import { z } from 'zod'
import { Empty, Id } from '../../kernel.js'
import { AgendaItem } from '../agenda/state.js'
import { AwardType } from '../awards/state.js'
import { command, defineContract, event, upcast } from '../define.js'
import { LifecycleReason } from '../lifecycle.js'
import { Bloc } from '../signing/state.js'
import { Site } from '../sites/state.js'
import { DEFAULT_TIME_ZONE, TimeZone } from './state.js'

/** When the conference opens: an ISO instant with its offset (the lobby counts down to it). */
const StartsAt = z.iso.datetime({ offset: true })

/** The host moves the scheduled start (before the conference has started). */
export const ScheduleConference = z.object({ startsAt: StartsAt }).strict()

/** A start a minute in the past is a slow hand, not a mistake. */
export const START_PAST_SLACK_MS = 60_000
/** A start further away than this is a mistyped year. */
export const START_MAX_AHEAD_MS = 366 * 24 * 3600_000

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

/** `conference.created` v1 had no time zone: those conferences were all the demo's province. */
const createdV1 = upcast(z.looseObject({}), (data) => ({ ...data, timeZone: DEFAULT_TIME_ZONE }))

/** The conference contract: its commands, events (with versions and upcasts), refusal reasons and limits. */
export const conferenceContract = defineContract({
  name: 'conference',
  commands: [
    command('conference.start', Empty),
    command('conference.end', Empty),
    command('conference.schedule', ScheduleConference),
  ],
  events: {
    'conference.created': event(ConferenceSetup, [createdV1]),
    'conference.started': event(z.object({})),
    'conference.ended': event(z.object({})),
    'conference.scheduled': event(z.object({ startsAt: StartsAt })),
  },
  reasons: {
    conferenceMissing: 'conference.missing',
    conferenceEnded: 'conference.ended',
    ...LifecycleReason,
    conferenceAlreadyStarted: 'conference.alreadyStarted',
    conferenceScheduleStarted: 'conference.scheduleStarted',
    conferenceStartsInPast: 'conference.startsInPast',
    conferenceStartsTooFar: 'conference.startsTooFar',
    conferenceBusy: 'conference.busy',
  },
  limits: {},
})
