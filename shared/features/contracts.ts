/**
 * Every feature's contract joined: the `Command` union every inbound payload is parsed with, the
 * log's events with their versions and upcasts, and the features' refusal reasons. Derived by
 * mapping the list below: a command or event is named once, in its feature's contract.
 */
import { z } from 'zod'
import { agendaContract } from './agenda/contract.js'
import { awardsContract } from './awards/contract.js'
import { conferenceContract } from './conference/contract.js'
import type { Envelope, EventSpec } from './define.js'
import { signingContract } from './signing/contract.js'
import { sitesContract } from './sites/contract.js'

/** The features' contracts, in the order the protocol page lists them. */
export const CONTRACTS = [conferenceContract, agendaContract, sitesContract, awardsContract, signingContract] as const

export const Command = z.discriminatedUnion('type', [
  ...conferenceContract.commands,
  ...agendaContract.commands,
  ...sitesContract.commands,
  ...awardsContract.commands,
  ...signingContract.commands,
])
export type Command = z.infer<typeof Command>
export type CommandType = Command['type']
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>

/** Every command type, in contract order. */
export const COMMAND_TYPES: CommandType[] = Command.options.map((o) => o.shape.type.value)

/** Every event type's contract: its schema, version and upcasts. */
export const EVENTS = {
  ...conferenceContract.events,
  ...agendaContract.events,
  ...sitesContract.events,
  ...awardsContract.events,
  ...signingContract.events,
} satisfies Record<string, EventSpec>

export type EventType = keyof typeof EVENTS
export type EventDataMap = { [T in EventType]: z.output<(typeof EVENTS)[T]['schema']> }

/** An event as decided, before the store gives it a place in the log. */
export type NewEvent = { [T in EventType]: { type: T; data: EventDataMap[T] } }[EventType]

/** An event in the log, as it goes on the wire. `at` is ISO server time. */
export type ConferenceEvent = { [T in EventType]: Envelope<T, EventDataMap[T]> }[EventType]
export type EventOf<T extends EventType> = Extract<ConferenceEvent, { type: T }>

export const isEventType = (type: string): type is EventType => Object.hasOwn(EVENTS, type)

/**
 * The shape version of each event type's data as written today. A stored event carries the
 * version it was written with; older ones are upcast when read.
 */
// The one cast here: fromEntries forgets the keys it was given.
export const EVENT_VERSION = Object.fromEntries(Object.entries(EVENTS).map(([type, spec]) => [type, spec.version])) as Readonly<Record<EventType, number>>

/** The features' refusal reasons: key (used in code) to wire code. */
export const FEATURE_REASONS = {
  ...conferenceContract.reasons,
  ...agendaContract.reasons,
  ...sitesContract.reasons,
  ...awardsContract.reasons,
  ...signingContract.reasons,
}
