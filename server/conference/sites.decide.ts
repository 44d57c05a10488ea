/** Rules of the sites slice: roll call and technical problems. */
import type { Actor, ConferenceState } from '../../shared/domain.js'
import { accept, refuse, type Decision, type Rules } from './decision.js'

/** The site a command is about: a site's own, or the one a host names. */
const subjectSite = (actor: Actor, named: string | undefined) => (actor.role === 'site' ? actor.siteId : named)

function withSite(state: ConferenceState, siteId: string | undefined, then: (siteId: string) => Decision): Decision {
  if (!siteId) return refuse('invalid', 'data.siteId: name the site')
  if (!state.sites.some((s) => s.id === siteId)) return refuse('not_found', `there is no site ${siteId}`)
  return then(siteId)
}

/** A site acts only for itself; the host names the site. */
const ownSiteOnly = (actor: Actor, cmd: { data: { siteId?: string } }) =>
  actor.role === 'site' && cmd.data.siteId !== undefined && cmd.data.siteId !== actor.siteId
    ? `a site may report or resolve only its own problems, not site ${cmd.data.siteId}`
    : null

export const siteRules: Rules<'site.checkIn' | 'site.reportIssue' | 'site.resolveIssue'> = {
  'site.checkIn': {
    roles: ['site'],
    decide: (state, cmd, actor) =>
      withSite(state, actor.siteId, (siteId) => accept({ type: 'site.checkedIn', data: { siteId, attendees: cmd.data.attendees } })),
  },
  'site.reportIssue': {
    roles: ['site', 'host'],
    subject: ownSiteOnly,
    decide: (state, cmd, actor) =>
      withSite(state, subjectSite(actor, cmd.data.siteId), (siteId) => accept({ type: 'site.issueReported', data: { siteId, message: cmd.data.message } })),
  },
  'site.resolveIssue': {
    roles: ['site', 'host'],
    subject: ownSiteOnly,
    decide: (state, cmd, actor) =>
      withSite(state, subjectSite(actor, cmd.data.siteId), (siteId) => {
        const site = state.sites.find((s) => s.id === siteId)
        if (!site?.issue) return refuse('conflict', `site ${siteId} has no open problem to resolve`)
        return accept({ type: 'site.issueResolved', data: { siteId } })
      }),
  },
}
