/** The sites' rules: roll call, technical problems, and new sites in the hierarchy. */
import type { Actor } from '../../kernel.js'
import { accept, refuse, unreachable, type ContractDecision, type DecideClock, type Rights } from '../decision.js'
import type { ContractCommand } from '../define.js'
import { MAX_SITES, siteIdFor, sitesContract } from './contract.js'
import type { SiteKind, SitesSlice } from './state.js'

/** A sites command (of type `T`), and what a sites rule decides. */
type CommandOf<T extends string = string> = ContractCommand<typeof sitesContract, T>
type Decision = ContractDecision<typeof sitesContract>
/** The sites' own refusal reasons, from their contract. */
const R = sitesContract.reasons

/** A site acts only for itself; the host names the site. */
function ownSiteOnly(actor: Actor, cmd: CommandOf): string | null {
  if (cmd.type !== 'site.reportIssue' && cmd.type !== 'site.resolveIssue') return null
  const named = cmd.data.siteId
  return actor.role === 'site' && named !== undefined && named !== actor.siteId ? `a site may report or resolve only its own problems, not site ${named}` : null
}

/** Who may send each sites command, and on which subject. */
export const sitesRights: Rights<typeof sitesContract> = {
  roles: { 'site.checkIn': ['site'], 'site.reportIssue': ['site', 'host'], 'site.resolveIssue': ['site', 'host'], 'site.add': ['host'] },
  subject: ownSiteOnly,
}

/** The site a command is about: a site's own, or the one a host names. */
const subjectSite = (actor: Actor, named: string | undefined) => (actor.role === 'site' ? actor.siteId : named)

function withSite(state: SitesSlice, siteId: string | undefined, then: (siteId: string) => Decision): Decision {
  if (!siteId) return refuse('invalid', 'data.siteId: name the site', R.siteUnnamed, undefined, 'siteId')
  const site = state.sites.find((s) => s.id === siteId)
  if (!site) return refuse('not_found', `there is no site ${siteId}`, R.siteNoSite)
  return then(siteId)
}

const by = (actor: Actor) => (actor.role === 'host' ? 'host' as const : 'site' as const)

/**
 * The levels a child of each kind of site may have: under the hub, provinces (a national day) or
 * districts (a province's day before 2025); under either, communes; nothing under a commune.
 */
const CHILD_OF: Record<SiteKind, readonly SiteKind[]> = { hub: ['province', 'district'], province: ['commune'], district: ['commune'], commune: [] }

const sameName = (a: string, b: string) => a.normalize('NFC').toLocaleLowerCase('vi') === b.normalize('NFC').toLocaleLowerCase('vi')

/** The level a new child of `parentId` should have: its siblings' when it has some, else the first allowed; null under a commune. */
function childKindUnder(state: SitesSlice, parentId: string, allowed: readonly SiteKind[]): SiteKind | null {
  const sibling = state.sites.find((s) => s.parentId === parentId && allowed.includes(s.kind))
  return sibling?.kind ?? allowed[0] ?? null
}

function checkIn(state: SitesSlice, cmd: CommandOf<'site.checkIn'>, actor: Actor): Decision {
  return withSite(state, actor.siteId, (siteId) => accept({ type: 'site.checkedIn', data: { siteId, attendees: cmd.data.attendees } }))
}

function reportIssue(state: SitesSlice, cmd: CommandOf<'site.reportIssue'>, actor: Actor): Decision {
  return withSite(state, subjectSite(actor, cmd.data.siteId), (siteId) => {
    const open = state.sites.find((s) => s.id === siteId)?.issue
    if (open && open.message === cmd.data.message) return refuse('conflict', `site ${siteId} already has this problem open since ${open.at}`, R.siteIssueOpen, { at: open.at })
    return accept({ type: 'site.issueReported', data: { siteId, message: cmd.data.message, by: by(actor) } })
  })
}

function resolveIssue(state: SitesSlice, cmd: CommandOf<'site.resolveIssue'>, actor: Actor): Decision {
  return withSite(state, subjectSite(actor, cmd.data.siteId), (siteId) => {
    const site = state.sites.find((s) => s.id === siteId)
    if (!site?.issue) return refuse('conflict', `site ${siteId} has no open problem to resolve`, R.siteNoIssue, { site: site?.name ?? siteId })
    return accept({ type: 'site.issueResolved', data: { siteId, by: by(actor) } })
  })
}

function add(state: SitesSlice, cmd: CommandOf<'site.add'>): Decision {
  const { name, kind, parentId } = cmd.data
  const parent = state.sites.find((s) => s.id === parentId)
  if (!parent) return refuse('not_found', `there is no site ${parentId} to add a site under`, R.siteNoParent, undefined, 'parentId')
  const allowed = CHILD_OF[parent.kind]
  if (!allowed.includes(kind)) {
    const childKind = childKindUnder(state, parent.id, allowed)
    return childKind
      ? refuse('invalid', `data.kind: a site under ${parent.kind} ${parentId} is a ${childKind}, not a ${kind}`, R.siteWrongLevel, { parent: parent.name, kind: childKind }, 'kind')
      : refuse('invalid', `data.parentId: ${parentId} is a commune; nothing can be added under a commune`, R.siteUnderCommune, { parent: parent.name }, 'parentId')
  }
  if (state.sites.length >= MAX_SITES) return refuse('conflict', `the conference already has ${MAX_SITES} sites, the most it may have`, R.siteTooMany, { max: MAX_SITES })
  const twin = state.sites.find((s) => s.parentId === parentId && sameName(s.name, name))
  if (twin) return refuse('conflict', `${parentId} already has a site named "${twin.name}" (${twin.id})`, R.siteNameTaken, { name: twin.name, parent: parent.name }, 'name')
  const taken = new Set(state.sites.map((s) => s.id))
  if (cmd.data.id && taken.has(cmd.data.id)) return refuse('conflict', `data.id: a site ${cmd.data.id} already exists`, R.siteIdTaken, { id: cmd.data.id }, 'id')
  const id = cmd.data.id ?? siteIdFor(name, taken)
  return accept({ type: 'site.added', data: { site: { id, name, kind, parentId } } })
}

/** The sites rules: one named function per command, routed by an exhaustive switch. */
export function decideSites(state: SitesSlice, cmd: CommandOf, actor: Actor, _clock: DecideClock): Decision {
  switch (cmd.type) {
    case 'site.checkIn': return checkIn(state, cmd, actor)
    case 'site.reportIssue': return reportIssue(state, cmd, actor)
    case 'site.resolveIssue': return resolveIssue(state, cmd, actor)
    case 'site.add': return add(state, cmd)
    default: return unreachable(cmd)
  }
}
