/**
 * Commands: what a client asks for. Names are part of the contract (../DESIGN.md). Each feature
 * in ./features/ owns its commands' schemas; ./features/contracts.ts joins them into the one
 * `Command` union that every inbound payload is parsed with before anything else sees it.
 */
import type { z } from 'zod'

export { CommandId } from './kernel.js'
export { Command, COMMAND_TYPES, type CommandOf, type CommandType } from './features/contracts.js'
export { AddAgendaItem, GotoAgendaItem, MoveAgendaItem, RemoveAgendaItem, UpdateAgendaItem } from './features/agenda/contract.js'
export { AnnounceAwards, ImportAwards, RetractAward } from './features/awards/contract.js'
export { ScheduleConference } from './features/conference/contract.js'
export { AddSite, CheckIn, ReportIssue, ResolveIssue } from './features/sites/contract.js'
export { OpenSigning, SignPledge, VoidSignature, WitnessSigning } from './features/signing/contract.js'

/** Turns a zod failure into one plain sentence naming the field, e.g. `data.awardIds: name at least one award`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'the payload does not parse'
  const path = issue.path.length ? issue.path.join('.') : 'payload'
  return `${path}: ${issue.message}`
}
