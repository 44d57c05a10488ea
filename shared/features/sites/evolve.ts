/** The sites' reducers: roll call, problems with their history, new sites. */
import { unreachable } from '../decision.js'
import type { ContractEvent } from '../define.js'
import { patcher } from '../feature.js'
import type { sitesContract } from './contract.js'
import type { Site, SiteIssueRecord, SitesSlice } from './state.js'

const patch = patcher<SitesSlice>()
const updateSite = (sites: Site[], siteId: string, f: (s: Site) => Site) => sites.map((s) => (s.id === siteId ? f(s) : s))

/** Closes the open entry of a site's problem history, if any. */
function closeOpen(issues: SiteIssueRecord[] | undefined, at: string, by: SiteIssueRecord['resolvedBy'], replaced = false): SiteIssueRecord[] {
  return (issues ?? []).map((i) => (i.resolvedAt ? i : { ...i, resolvedAt: at, ...(by ? { resolvedBy: by } : {}), ...(replaced ? { replaced: true } : {}) }))
}

/** The sites reducer: one case per event of its contract. */
export function evolveSites<X extends SitesSlice>(state: X, event: ContractEvent<typeof sitesContract>): X {
  switch (event.type) {
    case 'site.checkedIn': {
      const { at, data: { siteId, attendees } } = event
      return patch(state, { sites: updateSite(state.sites, siteId, (s) => ({ ...s, checkIn: { attendees, at } })) })
    }
    case 'site.issueReported': {
      // A new report while one is open replaces it: the older one stays in the history, marked replaced.
      const { at, data: { siteId, message, by } } = event
      return patch(state, {
        sites: updateSite(state.sites, siteId, (s) => ({
          ...s,
          issue: { message, at },
          issues: [...closeOpen(s.issues, at, by, true), { message, reportedAt: at, ...(by ? { reportedBy: by } : {}) }],
        })),
      })
    }
    case 'site.issueResolved': {
      const { at, data: { siteId, by } } = event
      return patch(state, { sites: updateSite(state.sites, siteId, ({ issue: _issue, ...rest }) => ({ ...rest, issues: closeOpen(rest.issues, at, by) })) })
    }
    case 'site.added':
      return patch(state, { sites: [...state.sites, event.data.site] })
    default:
      return unreachable(event)
  }
}
