/**
 * The sites' contract: roll call (điểm danh), technical problems (sự cố) with their history, and
 * the site hierarchy (province hub → district → commune before 2025; nation → province → commune
 * since) that the host may extend during the day.
 */
import { z } from 'zod'
import { Id, Text } from '../../kernel.js'
import { command, defineContract, event } from '../define.js'

/** The most attendees a roll call may count, the longest problem report and site name. */
const MAX_ATTENDEES = 100_000
const MESSAGE_CHARS = 500
const NAME_CHARS = 200

export const CheckIn = z.object({ attendees: z.number().int('must be a whole number').min(0).max(MAX_ATTENDEES) }).strict()
export const ReportIssue = z.object({ message: Text(MESSAGE_CHARS, { multiline: true }), siteId: Id.optional() }).strict()
export const ResolveIssue = z.object({ siteId: Id.optional() }).strict()
/** The levels a site added during the day may have: every one but the hub. */
const AddedKind = z.enum(['province', 'district', 'commune'])
/** A new connection point under an existing one: a province or a district under the hub, a commune under either. */
export const AddSite = z.object({
  name: Text(NAME_CHARS),
  kind: AddedKind,
  parentId: Id,
  /** Chosen by the host; without one, made from the name. */
  id: Id.optional(),
}).strict()

/** A conference has at most this many sites: the board, presence and links are sized for it (a national day: 1 + 34 + 3,321). */
export const MAX_SITES = 4000

/** Who acted on a problem: the site's own operator or the organisers (host). */
const By = z.enum(['site', 'host'])

/** The sites contract: its commands, events (with versions and upcasts), refusal reasons and limits. */
export const sitesContract = defineContract({
  name: 'sites',
  commands: [
    command('site.checkIn', CheckIn),
    command('site.reportIssue', ReportIssue),
    command('site.resolveIssue', ResolveIssue),
    command('site.add', AddSite),
  ],
  events: {
    'site.checkedIn': event(z.object({ siteId: Id, attendees: z.number().int().min(0) })),
    // `by` is absent in logs written before problems kept their history.
    'site.issueReported': event(z.object({ siteId: Id, message: z.string(), by: By.optional() })),
    'site.issueResolved': event(z.object({ siteId: Id, by: By.optional() })),
    'site.added': event(z.object({ site: z.object({ id: Id, name: z.string(), kind: AddedKind, parentId: Id }) })),
  },
  reasons: {
    siteUnnamed: 'site.unnamed',
    siteNoSite: 'site.noSite',
    siteNoIssue: 'site.noIssue',
    siteIssueOpen: 'site.issueOpen',
    siteNoParent: 'site.noParent',
    siteWrongLevel: 'site.wrongLevel',
    siteUnderCommune: 'site.underCommune',
    siteTooMany: 'site.tooMany',
    siteNameTaken: 'site.nameTaken',
    siteIdTaken: 'site.idTaken',
  },
  limits: {
    'site.checkIn': { attendees: MAX_ATTENDEES },
    'site.reportIssue': { message: MESSAGE_CHARS },
    'site.add': { name: NAME_CHARS, sites: MAX_SITES },
  },
})

/** A site id made from a name: "Xã Vĩnh Hải" → "xa-vinh-hai"; "-2", "-3" … when taken. */
export function siteIdFor(name: string, taken: ReadonlySet<string>): string {
  const base = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 70) || 'diem-cau'
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}
