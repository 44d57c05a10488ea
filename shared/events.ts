/**
 * Events: what happened, in the past tense of the command. The log of a conference is
 * an ordered list of these with a gapless `seq`. Each feature slice in ./conference/ owns its
 * events' schemas; stored events are parsed with them when read back (see `readEvent`).
 */
import type { ConferenceState } from './domain.js'
import { agendaEvents, type AgendaEvents } from './conference/agenda.js'
import { awardEvents, upcastAnnouncedV1, type AwardEvents } from './conference/awards.js'
import { conferenceEvents, upcastCreatedV1, type ConferenceEvents } from './conference/conference.js'
import type { Envelope } from './conference/envelope.js'
import { signingEvents, type SigningEvents } from './conference/signing.js'
import { siteEvents, type SiteEvents } from './conference/sites.js'

export type { ConferenceSetup } from './conference/conference.js'
export type { AwardShown } from './conference/awards.js'

export type EventDataMap = ConferenceEvents & AgendaEvents & SiteEvents & AwardEvents & SigningEvents
export type EventType = keyof EventDataMap

/** The schema of every event's data, by type: the whole log's vocabulary. */
export const EVENT_SCHEMAS = { ...conferenceEvents, ...agendaEvents, ...siteEvents, ...awardEvents, ...signingEvents } satisfies Record<EventType, unknown>

/** An event as decided, before the store gives it a place in the log. */
export type NewEvent = { [T in EventType]: { type: T; data: EventDataMap[T] } }[EventType]

/** An event in the log, as it goes on the wire. `at` is ISO server time. */
export type ConferenceEvent = { [T in EventType]: Envelope<T, EventDataMap[T]> }[EventType]

/**
 * The shape version of each event type's data as written today. A stored event carries the
 * version it was written with; older ones are upcast when read.
 */
export const EVENT_VERSION: Record<EventType, number> = Object.fromEntries(
  Object.keys(EVENT_SCHEMAS).map((t) => [t, t === 'award.announced' || t === 'conference.created' ? 2 : 1]),
) as Record<EventType, number>

/** Steps from an older shape to the next, by type and the version they start from. */
const UPCASTS: Partial<Record<EventType, Record<number, (data: never, state: ConferenceState) => unknown>>> = {
  'award.announced': { 1: upcastAnnouncedV1 },
  'conference.created': { 1: upcastCreatedV1 },
}

export class UnreadableEventError extends Error {}

/**
 * A stored event made current: unknown types and data that does not fit its schema are refused
 * (never applied half-understood); older versions are upcast step by step. `state` is the
 * conference just before the event, for upcasts that need the catalog.
 */
export function readEvent(raw: { seq: number; type: string; at: string; data: unknown; v?: number }, state: ConferenceState): ConferenceEvent {
  const type = raw.type as EventType
  const schema = EVENT_SCHEMAS[type]
  if (!schema) throw new UnreadableEventError(`event ${raw.seq} has the unknown type ${raw.type}`)
  let data = raw.data
  for (let v = raw.v ?? 1; v < EVENT_VERSION[type]; v++) {
    const step = UPCASTS[type]?.[v]
    if (!step) throw new UnreadableEventError(`event ${raw.seq} (${type}) has version ${v}, and no upcast leads from it`)
    data = step(data as never, state)
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw new UnreadableEventError(`event ${raw.seq} (${type}) does not fit its schema: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`)
  return { seq: raw.seq, type, at: raw.at, data: parsed.data } as ConferenceEvent
}

export interface Snapshot {
  seq: number
  state: ConferenceState
  /** Epoch ms on the server when the snapshot was sent. */
  serverTime: number
}
