/** The sites slice of the state: the connection points and their problems' history. */
import { z } from 'zod'
import { Id, Text } from '../../kernel.js'

/**
 * A site's level: the hub (the province's, or the nation's at a national conference), a province
 * (tỉnh, thành phố: since July 2025 the level under the nation), a district (huyện, thành phố thuộc
 * tỉnh: the level of conferences held before 2025) and a commune (xã, phường, đặc khu).
 */
export const SiteKind = z.enum(['hub', 'province', 'district', 'commune'])
export type SiteKind = z.infer<typeof SiteKind>

/** One problem of a site: `by` is the site's own operator or the organisers (host); absent in older logs. */
export const SiteIssueRecord = z.object({
  message: z.string(),
  reportedAt: z.string(),
  reportedBy: z.enum(['site', 'host']).optional(),
  resolvedAt: z.string().optional(),
  resolvedBy: z.enum(['site', 'host']).optional(),
  /** Closed by a newer report rather than resolved. */
  replaced: z.literal(true).optional(),
})
export type SiteIssueRecord = z.infer<typeof SiteIssueRecord>

export const Site = z.object({
  id: Id,
  name: Text(200),
  kind: SiteKind,
  parentId: Id.optional(),
  /** Last roll call (điểm danh) of the site. */
  checkIn: z.object({ attendees: z.number().int().min(0), at: z.string() }).optional(),
  /** The open technical problem (sự cố), if any. */
  issue: z.object({ message: z.string(), at: z.string() }).optional(),
  /** Every problem reported at the site, oldest first, with when and by whom it was reported and resolved. */
  issues: z.array(SiteIssueRecord).optional(),
})
export type Site = z.infer<typeof Site>

/** What the sites feature keeps in `ConferenceState`. */
export interface SitesSlice {
  sites: Site[]
}

/** The sites before the conference's setup: none. */
export const emptySites = (): SitesSlice => ({ sites: [] })
