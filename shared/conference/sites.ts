/**
 * Sites: roll call (điểm danh) and technical problems (sự cố).
 */
import { z } from 'zod'
import { Id, Text, type Site } from '../domain.js'
import type { Evolvers } from './envelope.js'

export const CheckIn = z.object({ attendees: z.number().int('must be a whole number').min(0).max(100_000) }).strict()
export const ReportIssue = z.object({ message: Text(500, { multiline: true }), siteId: Id.optional() }).strict()
export const ResolveIssue = z.object({ siteId: Id.optional() }).strict()

export const siteCommands = {
  'site.checkIn': CheckIn,
  'site.reportIssue': ReportIssue,
  'site.resolveIssue': ResolveIssue,
}

export const siteEvents = {
  'site.checkedIn': z.object({ siteId: Id, attendees: z.number().int().min(0) }),
  'site.issueReported': z.object({ siteId: Id, message: z.string() }),
  'site.issueResolved': z.object({ siteId: Id }),
}
export type SiteEvents = { [T in keyof typeof siteEvents]: z.infer<(typeof siteEvents)[T]> }

const updateSite = (sites: Site[], siteId: string, f: (s: Site) => Site) => sites.map((s) => (s.id === siteId ? f(s) : s))

export const siteEvolvers: Evolvers<SiteEvents> = {
  'site.checkedIn': (state, { at, data: { siteId, attendees } }) => ({
    ...state,
    sites: updateSite(state.sites, siteId, (s) => ({ ...s, checkIn: { attendees, at } })),
  }),
  'site.issueReported': (state, { at, data: { siteId, message } }) => ({
    ...state,
    sites: updateSite(state.sites, siteId, (s) => ({ ...s, issue: { message, at } })),
  }),
  'site.issueResolved': (state, { data: { siteId } }) => ({
    ...state,
    sites: updateSite(state.sites, siteId, ({ issue: _issue, ...rest }) => rest),
  }),
}
