/**
 * Commands: what a client asks for. Names are part of the contract (../DESIGN.md).
 * Every inbound payload is parsed with `Command` before anything else sees it.
 */
import { z } from 'zod'
import { Award, Id, Sha256Hex, Strokes, Text } from './domain.js'

/** Chosen by the client (a UUID); makes a command idempotent. */
export const CommandId = z.string().min(8, 'must be at least 8 characters (use a UUID)').max(80).regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "_" and "-"')

const Empty = z.object({}).strict()

export const GotoAgendaItem = z.object({ itemId: Id }).strict()
export const CheckIn = z.object({ attendees: z.number().int('must be a whole number').min(0).max(100_000) }).strict()
export const ReportIssue = z.object({ message: Text(500), siteId: Id.optional() }).strict()
export const ResolveIssue = z.object({ siteId: Id.optional() }).strict()
export const AnnounceAwards = z
  .object({
    awardIds: z.array(Id).min(1, 'name at least one award').max(5000, 'at most 5000 awards at once'),
    revealInMs: z.number().int().min(0).max(10_000).optional(),
  })
  .strict()
/** New awards for the catalog, as an import parsed them; `announcedAt`, `revealAt`, `retracted` and `sealed` are the ceremony's, never imported. */
export const ImportAwards = z
  .object({
    awards: z
      .array(Award.omit({ announcedAt: true, revealAt: true, retracted: true, sealed: true }).strict())
      .min(1, 'the list has no awards')
      .max(20_000, 'at most 20000 awards in one import'),
  })
  .strict()
export const RetractAward = z.object({ awardId: Id, reason: Text(500) }).strict()
export const SignPledge = z
  .object({ blocId: Id, contentHash: Sha256Hex, strokes: Strokes, signerName: Text(200).optional() })
  .strict()
export const WitnessSigning = z.object({ witnessName: Text(200).optional() }).strict()

const cmd = <T extends string, D extends z.ZodTypeAny>(type: T, data: D) =>
  z.object({ id: CommandId, type: z.literal(type), data })

export const Command = z.discriminatedUnion('type', [
  cmd('conference.start', Empty),
  cmd('conference.end', Empty),
  cmd('agenda.goto', GotoAgendaItem),
  cmd('agenda.next', Empty),
  cmd('agenda.previous', Empty),
  cmd('site.checkIn', CheckIn),
  cmd('site.reportIssue', ReportIssue),
  cmd('site.resolveIssue', ResolveIssue),
  cmd('award.announce', AnnounceAwards),
  cmd('award.retract', RetractAward),
  cmd('award.import', ImportAwards),
  cmd('pledge.openSigning', Empty),
  cmd('pledge.closeSigning', Empty),
  cmd('pledge.sign', SignPledge),
  cmd('pledge.witness', WitnessSigning),
])
export type Command = z.infer<typeof Command>
export type CommandType = Command['type']
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>

export const COMMAND_TYPES = Command.options.map((o) => o.shape.type.value) as CommandType[]

/** Turns a zod failure into one plain sentence naming the field, e.g. `data.awardIds: name at least one award`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'the payload does not parse'
  const path = issue.path.length ? issue.path.join('.') : 'payload'
  return `${path}: ${issue.message}`
}
