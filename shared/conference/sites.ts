/**
 * Sites: roll call (điểm danh), technical problems (sự cố) with their history, and the site
 * hierarchy (province hub → district → commune) that the host may extend during the day.
 */
import { z } from 'zod'
import { Id, Text, type Site, type SiteIssueRecord } from '../domain.js'
import type { Evolvers } from './envelope.js'

export const CheckIn = z.object({ attendees: z.number().int('must be a whole number').min(0).max(100_000) }).strict()
export const ReportIssue = z.object({ message: Text(500, { multiline: true }), siteId: Id.optional() }).strict()
export const ResolveIssue = z.object({ siteId: Id.optional() }).strict()
/** A new connection point under an existing one: a district under the hub, a commune under a district. */
export const AddSite = z.object({
  name: Text(200),
  kind: z.enum(['district', 'commune']),
  parentId: Id,
  /** Chosen by the host; without one, made from the name. */
  id: Id.optional(),
}).strict()

/** A conference has at most this many sites: the board, presence and links are sized for it. */
export const MAX_SITES = 2000

export const siteCommands = {
  'site.checkIn': CheckIn,
  'site.reportIssue': ReportIssue,
  'site.resolveIssue': ResolveIssue,
  'site.add': AddSite,
}

/** Who acted on a problem: the site's own operator or the organisers (host). */
const By = z.enum(['site', 'host'])

export const siteEvents = {
  'site.checkedIn': z.object({ siteId: Id, attendees: z.number().int().min(0) }),
  // `by` is absent in logs written before problems kept their history.
  'site.issueReported': z.object({ siteId: Id, message: z.string(), by: By.optional() }),
  'site.issueResolved': z.object({ siteId: Id, by: By.optional() }),
  'site.added': z.object({ site: z.object({ id: Id, name: z.string(), kind: z.enum(['district', 'commune']), parentId: Id }) }),
}
export type SiteEvents = { [T in keyof typeof siteEvents]: z.infer<(typeof siteEvents)[T]> }

const updateSite = (sites: Site[], siteId: string, f: (s: Site) => Site) => sites.map((s) => (s.id === siteId ? f(s) : s))

/** Closes the open entry of a site's problem history, if any. */
function closeOpen(issues: SiteIssueRecord[] | undefined, at: string, by: SiteIssueRecord['resolvedBy'], replaced = false): SiteIssueRecord[] {
  return (issues ?? []).map((i) => (i.resolvedAt ? i : { ...i, resolvedAt: at, ...(by ? { resolvedBy: by } : {}), ...(replaced ? { replaced: true } : {}) }))
}

export const siteEvolvers: Evolvers<SiteEvents> = {
  'site.checkedIn': (state, { at, data: { siteId, attendees } }) => ({
    ...state,
    sites: updateSite(state.sites, siteId, (s) => ({ ...s, checkIn: { attendees, at } })),
  }),
  // A new report while one is open replaces it: the older one stays in the history, marked replaced.
  'site.issueReported': (state, { at, data: { siteId, message, by } }) => ({
    ...state,
    sites: updateSite(state.sites, siteId, (s) => ({
      ...s,
      issue: { message, at },
      issues: [...closeOpen(s.issues, at, by, true), { message, reportedAt: at, ...(by ? { reportedBy: by } : {}) }],
    })),
  }),
  'site.issueResolved': (state, { at, data: { siteId, by } }) => ({
    ...state,
    sites: updateSite(state.sites, siteId, ({ issue: _issue, ...rest }) => ({ ...rest, issues: closeOpen(rest.issues, at, by) })),
  }),
  'site.added': (state, { data: { site } }) => ({ ...state, sites: [...state.sites, site] }),
}

/** A site id made from a name: "Xã Vĩnh Hải" → "xa-vinh-hai"; "-2", "-3" … when taken. */
export function siteIdFor(name: string, taken: ReadonlySet<string>): string {
  const base = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 70) || 'diem-cau'
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}
