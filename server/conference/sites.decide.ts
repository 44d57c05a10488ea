/** Rules of the sites slice: roll call, technical problems, and new sites in the hierarchy. */
import type { Actor, ConferenceState, SiteKind } from '../../shared/domain.js'
import { MAX_SITES, siteIdFor } from '../../shared/conference/sites.js'
import { ErrorReason } from '../../shared/errors.js'
import { accept, refuse, type Decision, type Rules } from './decision.js'

/** The site a command is about: a site's own, or the one a host names. */
const subjectSite = (actor: Actor, named: string | undefined) => (actor.role === 'site' ? actor.siteId : named)

function withSite(state: ConferenceState, siteId: string | undefined, then: (siteId: string) => Decision): Decision {
  if (!siteId) return refuse('invalid', 'data.siteId: name the site', ErrorReason.siteUnnamed, undefined, 'siteId')
  const site = state.sites.find((s) => s.id === siteId)
  if (!site) return refuse('not_found', `there is no site ${siteId}`, ErrorReason.siteNoSite)
  return then(siteId)
}

/** A site acts only for itself; the host names the site. */
const ownSiteOnly = (actor: Actor, cmd: { data: { siteId?: string } }) =>
  actor.role === 'site' && cmd.data.siteId !== undefined && cmd.data.siteId !== actor.siteId
    ? `a site may report or resolve only its own problems, not site ${cmd.data.siteId}`
    : null

const by = (actor: Actor) => (actor.role === 'host' ? 'host' as const : 'site' as const)

/** The level a child of each kind of site has: the hub's children are districts, a district's are communes. */
const CHILD_OF: Record<SiteKind, SiteKind | null> = { hub: 'district', district: 'commune', commune: null }

const sameName = (a: string, b: string) => a.normalize('NFC').toLocaleLowerCase('vi') === b.normalize('NFC').toLocaleLowerCase('vi')

export const siteRules: Rules<'site.checkIn' | 'site.reportIssue' | 'site.resolveIssue' | 'site.add'> = {
  'site.checkIn': {
    roles: ['site'],
    decide: (state, cmd, actor) =>
      withSite(state, actor.siteId, (siteId) => accept({ type: 'site.checkedIn', data: { siteId, attendees: cmd.data.attendees } })),
  },
  'site.reportIssue': {
    roles: ['site', 'host'],
    subject: ownSiteOnly,
    decide: (state, cmd, actor) =>
      withSite(state, subjectSite(actor, cmd.data.siteId), (siteId) => {
        const open = state.sites.find((s) => s.id === siteId)?.issue
        if (open && open.message === cmd.data.message) return refuse('conflict', `site ${siteId} already has this problem open since ${open.at}`, ErrorReason.siteIssueOpen, { at: open.at })
        return accept({ type: 'site.issueReported', data: { siteId, message: cmd.data.message, by: by(actor) } })
      }),
  },
  'site.resolveIssue': {
    roles: ['site', 'host'],
    subject: ownSiteOnly,
    decide: (state, cmd, actor) =>
      withSite(state, subjectSite(actor, cmd.data.siteId), (siteId) => {
        const site = state.sites.find((s) => s.id === siteId)
        if (!site?.issue) return refuse('conflict', `site ${siteId} has no open problem to resolve`, ErrorReason.siteNoIssue, { site: site?.name ?? siteId })
        return accept({ type: 'site.issueResolved', data: { siteId, by: by(actor) } })
      }),
  },
  'site.add': {
    roles: ['host'],
    decide: (state, cmd) => {
      const { name, kind, parentId } = cmd.data
      const parent = state.sites.find((s) => s.id === parentId)
      if (!parent) return refuse('not_found', `there is no site ${parentId} to add a site under`, ErrorReason.siteNoParent, undefined, 'parentId')
      const childKind = CHILD_OF[parent.kind]
      if (childKind !== kind) {
        return childKind
          ? refuse('invalid', `data.kind: a site under ${parent.kind} ${parentId} is a ${childKind}, not a ${kind}`, ErrorReason.siteWrongLevel, { parent: parent.name, kind: childKind }, 'kind')
          : refuse('invalid', `data.parentId: ${parentId} is a commune; nothing can be added under a commune`, ErrorReason.siteUnderCommune, { parent: parent.name }, 'parentId')
      }
      if (state.sites.length >= MAX_SITES) return refuse('conflict', `the conference already has ${MAX_SITES} sites, the most it may have`, ErrorReason.siteTooMany, { max: MAX_SITES })
      const twin = state.sites.find((s) => s.parentId === parentId && sameName(s.name, name))
      if (twin) return refuse('conflict', `${parentId} already has a site named "${twin.name}" (${twin.id})`, ErrorReason.siteNameTaken, { name: twin.name, parent: parent.name }, 'name')
      const taken = new Set(state.sites.map((s) => s.id))
      if (cmd.data.id && taken.has(cmd.data.id)) return refuse('conflict', `data.id: a site ${cmd.data.id} already exists`, ErrorReason.siteIdTaken, { id: cmd.data.id }, 'id')
      const id = cmd.data.id ?? siteIdFor(name, taken)
      return accept({ type: 'site.added', data: { site: { id, name, kind, parentId } } })
    },
  },
}
