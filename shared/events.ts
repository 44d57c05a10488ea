/**
 * Events: what happened, in the past tense of the command. The log of a conference is
 * an ordered list of these with a gapless `seq`.
 */
import type { AgendaItem, Award, AwardType, Bloc, ConferenceState, Site, Strokes } from './domain.js'

/** The setup of a conference: everything but its awards, which come by `award.imported`. */
export interface ConferenceSetup {
  id: string
  title: string
  venue?: string
  date?: string
  sites: Site[]
  agenda: AgendaItem[]
  awardTypes: AwardType[]
  blocs: Bloc[]
}

export interface EventDataMap {
  'conference.created': ConferenceSetup
  'conference.started': Record<string, never>
  'conference.ended': Record<string, never>
  'agenda.itemStarted': { itemId: string }
  'site.checkedIn': { siteId: string; attendees: number }
  'site.issueReported': { siteId: string; message: string }
  'site.issueResolved': { siteId: string }
  'award.imported': { awards: Award[] }
  'award.announced': { awardIds: string[]; revealAt: number }
  'award.retracted': { awardId: string; reason: string }
  'pledge.signingOpened': Record<string, never>
  'pledge.signingClosed': Record<string, never>
  'pledge.signed': { blocId: string; contentHash: string; strokes: Strokes; signerName: string }
  'pledge.signingCompleted': Record<string, never>
  'pledge.witnessed': { witnessName?: string }
}
export type EventType = keyof EventDataMap

/** An event as decided, before the store gives it a place in the log. */
export type NewEvent = { [T in EventType]: { type: T; data: EventDataMap[T] } }[EventType]

/** An event in the log, as it goes on the wire. `at` is ISO server time. */
export type ConferenceEvent = { [T in EventType]: { seq: number; type: T; at: string; data: EventDataMap[T] } }[EventType]

export interface Snapshot {
  seq: number
  state: ConferenceState
  /** Epoch ms on the server when the snapshot was sent. */
  serverTime: number
}
