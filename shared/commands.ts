/**
 * Commands: what a client asks for. Names are part of the contract (../DESIGN.md).
 * Each feature slice in ./conference/ owns its commands' schemas; this file joins them into the
 * one `Command` union that every inbound payload is parsed with before anything else sees it.
 */
import { z } from 'zod'
import { agendaCommands } from './conference/agenda.js'
import { awardCommands } from './conference/awards.js'
import { conferenceCommands } from './conference/conference.js'
import { signingCommands } from './conference/signing.js'
import { siteCommands } from './conference/sites.js'

export { AddAgendaItem, GotoAgendaItem, MoveAgendaItem, RemoveAgendaItem, UpdateAgendaItem } from './conference/agenda.js'
export { AnnounceAwards, ImportAwards, RetractAward } from './conference/awards.js'
export { ScheduleConference } from './conference/conference.js'
export { AddSite, CheckIn, ReportIssue, ResolveIssue } from './conference/sites.js'
export { OpenSigning, SignPledge, VoidSignature, WitnessSigning } from './conference/signing.js'

/** Chosen by the client (a UUID); makes a command idempotent. */
export const CommandId = z.string().min(8, 'must be at least 8 characters (use a UUID)').max(80).regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "_" and "-"')

const cmd = <T extends string, D extends z.ZodTypeAny>(type: T, data: D) =>
  z.object({ id: CommandId, type: z.literal(type), data })

const c = { ...conferenceCommands, ...agendaCommands, ...siteCommands, ...awardCommands, ...signingCommands }

export const Command = z.discriminatedUnion('type', [
  cmd('conference.start', c['conference.start']),
  cmd('conference.end', c['conference.end']),
  cmd('conference.schedule', c['conference.schedule']),
  cmd('agenda.goto', c['agenda.goto']),
  cmd('agenda.next', c['agenda.next']),
  cmd('agenda.previous', c['agenda.previous']),
  cmd('agenda.addItem', c['agenda.addItem']),
  cmd('agenda.updateItem', c['agenda.updateItem']),
  cmd('agenda.moveItem', c['agenda.moveItem']),
  cmd('agenda.removeItem', c['agenda.removeItem']),
  cmd('site.checkIn', c['site.checkIn']),
  cmd('site.reportIssue', c['site.reportIssue']),
  cmd('site.resolveIssue', c['site.resolveIssue']),
  cmd('site.add', c['site.add']),
  cmd('award.announce', c['award.announce']),
  cmd('award.retract', c['award.retract']),
  cmd('award.import', c['award.import']),
  cmd('pledge.openSigning', c['pledge.openSigning']),
  cmd('pledge.closeSigning', c['pledge.closeSigning']),
  cmd('pledge.sign', c['pledge.sign']),
  cmd('pledge.void', c['pledge.void']),
  cmd('pledge.witness', c['pledge.witness']),
])
export type Command = z.infer<typeof Command>
export type CommandType = Command['type']
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>

// Every slice command is in the union and nothing else: a command added to a slice but not here fails the type-check.
const _complete: Record<keyof typeof c, true> = Object.fromEntries(Command.options.map((o) => [o.shape.type.value, true])) as Record<CommandType, true>
void _complete

export const COMMAND_TYPES = Command.options.map((o) => o.shape.type.value) as CommandType[]

/** Turns a zod failure into one plain sentence naming the field, e.g. `data.awardIds: name at least one award`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'the payload does not parse'
  const path = issue.path.length ? issue.path.join('.') : 'payload'
  return `${path}: ${issue.message}`
}
