/**
 * decide(state, command, actor, clock) -> events or a typed refusal. Pure: the clock is
 * passed in, nothing is read from outside, so a unit test drives it directly.
 */
import type { Actor, Award, ConferenceState } from '../../shared/domain.js'
import type { Command, CommandOf } from '../../shared/commands.js'
import type { NewEvent } from '../../shared/events.js'
import type { ErrorCode } from '../../shared/errors.js'
import { DEFAULT_REVEAL_LEAD_MS } from '../../shared/protocol.js'

export type Decision = { ok: true; events: NewEvent[] } | { ok: false; code: ErrorCode; message: string }

export interface DecideClock {
  /** Server epoch ms now. */
  nowMs: number
}

const refuse = (code: ErrorCode, message: string): Decision => ({ ok: false, code, message })
const accept = (...events: NewEvent[]): Decision => ({ ok: true, events })

export function decide(state: ConferenceState, cmd: Command, actor: Actor, clock: DecideClock): Decision {
  if (!state.id) return refuse('not_found', `conference ${actor.conferenceId} does not exist`)
  // The minutes are final once the conference has ended: nothing more may change them.
  if (state.status === 'ended') return refuse('conflict', `the conference has ended; ${cmd.type} is no longer possible`)
  switch (cmd.type) {
    case 'conference.start':
      if (state.status !== 'scheduled') return refuse('conflict', `the conference is already ${state.status}`)
      return state.agenda.currentItemId === null && state.agenda.items[0]
        ? accept({ type: 'conference.started', data: {} }, { type: 'agenda.itemStarted', data: { itemId: state.agenda.items[0].id } })
        : accept({ type: 'conference.started', data: {} })
    case 'conference.end':
      if (state.status !== 'live') return refuse('conflict', `only a live conference can end; it is ${state.status}`)
      return accept({ type: 'conference.ended', data: {} })
    case 'agenda.goto':
    case 'agenda.next':
    case 'agenda.previous':
      return decideAgenda(state, cmd)
    case 'site.checkIn':
      return withSite(state, actor.siteId, (siteId) => accept({ type: 'site.checkedIn', data: { siteId, attendees: cmd.data.attendees } }))
    case 'site.reportIssue':
      return withSite(state, subjectSite(actor, cmd.data.siteId), (siteId) =>
        accept({ type: 'site.issueReported', data: { siteId, message: cmd.data.message } }),
      )
    case 'site.resolveIssue':
      return withSite(state, subjectSite(actor, cmd.data.siteId), (siteId) => {
        const site = state.sites.find((s) => s.id === siteId)
        if (!site?.issue) return refuse('conflict', `site ${siteId} has no open problem to resolve`)
        return accept({ type: 'site.issueResolved', data: { siteId } })
      })
    case 'award.announce':
      return decideAnnounce(state, cmd, clock)
    case 'award.retract':
      return decideRetract(state, cmd)
    case 'award.import':
      return decideImport(state, cmd)
    case 'pledge.openSigning':
      if (state.status !== 'live') return refuse('conflict', `signing can open only while the conference is live; it is ${state.status}`)
      if (state.signing.status !== 'closed') return refuse('conflict', `signing is already ${state.signing.status}`)
      if (state.blocs.length === 0) return refuse('conflict', 'there are no blocs whose pledges could be signed')
      return accept({ type: 'pledge.signingOpened', data: {} })
    case 'pledge.closeSigning':
      if (state.signing.status !== 'open') return refuse('conflict', `signing is ${state.signing.status}, not open`)
      return accept({ type: 'pledge.signingClosed', data: {} })
    case 'pledge.sign':
      return decideSign(state, cmd, actor)
    case 'pledge.witness':
      if (state.signing.status !== 'completed') return refuse('conflict', 'the signing can be witnessed only after every bloc has signed')
      if (state.signing.witnessedAt) return refuse('conflict', 'the signing has already been witnessed')
      return accept({ type: 'pledge.witnessed', data: cmd.data.witnessName ? { witnessName: cmd.data.witnessName } : {} })
  }
}

function decideAgenda(state: ConferenceState, cmd: CommandOf<'agenda.goto' | 'agenda.next' | 'agenda.previous'>): Decision {
  if (state.status !== 'live') return refuse('conflict', `the agenda runs only while the conference is live; it is ${state.status}`)
  const items = state.agenda.items
  const current = items.findIndex((i) => i.id === state.agenda.currentItemId)
  let target: string | undefined
  if (cmd.type === 'agenda.goto') {
    if (!items.some((i) => i.id === cmd.data.itemId)) return refuse('not_found', `data.itemId: there is no agenda item ${cmd.data.itemId}`)
    target = cmd.data.itemId
  } else if (cmd.type === 'agenda.next') {
    target = items[current + 1]?.id
    if (!target) return refuse('conflict', 'the current item is the last on the agenda')
  } else {
    target = current > 0 ? items[current - 1]?.id : undefined
    if (!target) return refuse('conflict', 'the current item is the first on the agenda')
  }
  if (target === state.agenda.currentItemId) return refuse('conflict', `agenda item ${target} is already current`)
  return accept({ type: 'agenda.itemStarted', data: { itemId: target } })
}

function decideAnnounce(state: ConferenceState, cmd: CommandOf<'award.announce'>, clock: DecideClock): Decision {
  if (state.status !== 'live') return refuse('conflict', `awards can be announced only while the conference is live; it is ${state.status}`)
  const ids = cmd.data.awardIds
  if (new Set(ids).size !== ids.length) return refuse('invalid', 'data.awardIds: an award is named twice')
  const byId = awardIndex(state)
  for (const id of ids) {
    const award = byId.get(id)
    if (!award) return refuse('not_found', `data.awardIds: there is no award ${id}`)
    if (award.retracted) return refuse('conflict', `award ${id} was retracted`)
    if (award.announcedAt) return refuse('conflict', `award ${id} is already announced`)
  }
  const revealAt = clock.nowMs + (cmd.data.revealInMs ?? DEFAULT_REVEAL_LEAD_MS)
  return accept({ type: 'award.announced', data: { awardIds: ids, revealAt } })
}

function decideRetract(state: ConferenceState, cmd: CommandOf<'award.retract'>): Decision {
  const award = awardIndex(state).get(cmd.data.awardId)
  if (!award) return refuse('not_found', `data.awardId: there is no award ${cmd.data.awardId}`)
  if (!award.announcedAt) return refuse('conflict', `award ${award.id} has not been announced`)
  if (award.retracted) return refuse('conflict', `award ${award.id} is already retracted`)
  return accept({ type: 'award.retracted', data: { awardId: award.id, reason: cmd.data.reason } })
}

function decideImport(state: ConferenceState, cmd: CommandOf<'award.import'>): Decision {
  const existing = awardIndex(state)
  const types = new Map(state.awardTypes.map((t) => [t.id, t]))
  const sites = new Set(state.sites.map((s) => s.id))
  const seen = new Set<string>()
  for (const [i, a] of cmd.data.awards.entries()) {
    const at = `data.awards.${i}`
    if (existing.has(a.id) || seen.has(a.id)) return refuse('conflict', `${at}.id: there is already an award ${a.id}`)
    seen.add(a.id)
    const type = types.get(a.typeId)
    if (!type) return refuse('not_found', `${at}.typeId: there is no award type ${a.typeId}`)
    if (type.recipientKind !== 'both' && type.recipientKind !== a.recipientKind) {
      return refuse('invalid', `${at}.recipientKind: ${type.name} is only for ${type.recipientKind} recipients`)
    }
    if (a.siteId !== undefined && !sites.has(a.siteId)) return refuse('not_found', `${at}.siteId: there is no site ${a.siteId}`)
  }
  return accept({ type: 'award.imported', data: { awards: cmd.data.awards } })
}

function decideSign(state: ConferenceState, cmd: CommandOf<'pledge.sign'>, actor: Actor): Decision {
  const bloc = state.blocs.find((b) => b.id === cmd.data.blocId)
  if (!bloc) return refuse('not_found', `data.blocId: there is no bloc ${cmd.data.blocId}`)
  if (state.signing.status !== 'open') return refuse('conflict', `signing is ${state.signing.status}; the host must open it first`)
  if (bloc.signature) return refuse('conflict', `the pledge of ${bloc.name} is already signed`)
  if (bloc.pledge.contentHash !== cmd.data.contentHash) {
    return refuse('conflict', 'data.contentHash: the pledge text has changed since it was shown; reload it and sign again')
  }
  const signerName = cmd.data.signerName ?? bloc.signerName ?? actor.label ?? `Trưởng ${bloc.name}`
  const signed: NewEvent = { type: 'pledge.signed', data: { blocId: bloc.id, contentHash: cmd.data.contentHash, strokes: cmd.data.strokes, signerName } }
  const allSigned = state.blocs.every((b) => b.id === bloc.id || b.signature)
  return allSigned ? accept(signed, { type: 'pledge.signingCompleted', data: {} }) : accept(signed)
}

/** The site a command is about: a site's own, or the one a host names. */
function subjectSite(actor: Actor, named: string | undefined): string | undefined {
  return actor.role === 'site' ? actor.siteId : named
}

function withSite(state: ConferenceState, siteId: string | undefined, then: (siteId: string) => Decision): Decision {
  if (!siteId) return refuse('invalid', 'data.siteId: name the site')
  if (!state.sites.some((s) => s.id === siteId)) return refuse('not_found', `there is no site ${siteId}`)
  return then(siteId)
}

const indexes = new WeakMap<Award[], Map<string, Award>>()
/** Awards by id, cached per awards array (evolve replaces the array on every change). */
function awardIndex(state: ConferenceState): Map<string, Award> {
  let index = indexes.get(state.awards)
  if (!index) {
    index = new Map(state.awards.map((a) => [a.id, a]))
    indexes.set(state.awards, index)
  }
  return index
}
