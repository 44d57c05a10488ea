/** The awards' rules: import, announce, retract; only the host sends them. */
import { RequestReason } from '../../error-codes.js'
import type { Actor } from '../../kernel.js'
import { accept, refuse, unreachable, type ContractDecision, type DecideClock, type Rights } from '../decision.js'
import type { ContractCommand } from '../define.js'
import { LifecycleReason } from '../lifecycle.js'
import { awardsContract, REVEAL_LEAD_MS } from './contract.js'
import { shown, type Award, type AwardsSlice, type AwardsView } from './state.js'
import { defaultPlan, nextGroupPage, rollAt, ROLL_FROM, type RollPlan } from './roll.js'

/** An awards command (of type `T`), and what an awards rule decides. */
type CommandOf<T extends string = string> = ContractCommand<typeof awardsContract, T>
type Decision = ContractDecision<typeof awardsContract>
/** The awards' own refusal reasons, from their contract. */
const R = awardsContract.reasons

/** Who may send each awards command, and on which subject. */
export const awardsRights: Rights<typeof awardsContract> = {
  roles: { 'award.announce': ['host'], 'award.retract': ['host'], 'award.import': ['host'], 'award.controlRoll': ['host'] },
}

const indexes = new WeakMap<Award[], Map<string, Award>>()
/** Awards by id, cached per awards array (evolve replaces the array on every change). */
export function awardIndex(state: AwardsSlice): Map<string, Award> {
  let index = indexes.get(state.awards)
  if (!index) {
    index = new Map(state.awards.map((a) => [a.id, a]))
    indexes.set(state.awards, index)
  }
  return index
}

function announce(state: AwardsView, cmd: CommandOf<'award.announce'>, clock: DecideClock): Decision {
  if (state.status !== 'live') return refuse('conflict', `awards can be announced only while the conference is live; it is ${state.status}`, LifecycleReason.conferenceNotLive, { status: state.status })
  const ids = cmd.data.awardIds
  if (new Set(ids).size !== ids.length) return refuse('invalid', 'data.awardIds: an award is named twice', RequestReason.fieldDuplicate, undefined, 'awardIds')
  const byId = awardIndex(state)
  const awards: Award[] = []
  for (const id of ids) {
    const award = byId.get(id)
    if (!award) return refuse('not_found', `data.awardIds: there is no award ${id}`, R.awardNoItem, undefined, 'awardIds')
    if (award.retracted) return refuse('conflict', `award ${id} was retracted`, R.awardRetracted, { name: award.recipientName })
    if (award.announcedAt) return refuse('conflict', `award ${id} is already announced`, R.awardAlreadyAnnounced, { name: award.recipientName })
    awards.push(award)
  }
  const plan = cmd.data.roll
  if (plan && plan.groupPages.some((p) => p >= plan.pages)) return refuse('invalid', 'data.roll.groupPages: a group starts after the last page', R.awardRollPlan, { pages: plan.pages }, 'roll.groupPages')
  const revealAt = clock.nowMs + (cmd.data.revealInMs ?? REVEAL_LEAD_MS)
  // A roll's pace is in the log, so every hall turns its pages together; a few awards need none.
  const roll: RollPlan | undefined = ids.length >= ROLL_FROM ? plan ?? defaultPlan(ids.length) : undefined
  // The announcement carries what the dashboards show: they never held the recipients before.
  return accept({ type: 'award.announced', data: { awardIds: ids, revealAt, awards: awards.map(shown), ...(roll ? { roll } : {}) } })
}

/** The host's hand on the roll on the halls' screens now: pause, resume, skip to the next decision, end. */
function controlRoll(state: AwardsView, cmd: CommandOf<'award.controlRoll'>, clock: DecideClock): Decision {
  const { action } = cmd.data
  const at = rollAt(state.roll.runs, clock.nowMs)
  const plan = at?.run.plan
  if (!at || !plan || (at.phase !== 'running' && at.phase !== 'paused')) return refuse('conflict', 'no honours roll is in progress on the halls\' screens', R.awardNoRoll)
  const base = { revealAt: at.run.revealAt, atMs: clock.nowMs }
  const page = { page: at.page + 1, pages: plan.pages }
  if (action === 'pause' && at.phase === 'paused') return refuse('conflict', 'the roll is already paused', R.awardRollPaused, page)
  if (action === 'resume' && at.phase === 'running') return refuse('conflict', 'the roll is not paused', R.awardRollRunning, page)
  if (action === 'skip') {
    const toPage = nextGroupPage(plan, at.page)
    if (toPage === null) return refuse('conflict', 'the roll is at its last decision; end it instead', R.awardRollLastGroup, page)
    return accept({ type: 'award.rollControlled', data: { ...base, action, toPage } })
  }
  return accept({ type: 'award.rollControlled', data: { ...base, action } })
}

function retract(state: AwardsView, cmd: CommandOf<'award.retract'>): Decision {
  const award = awardIndex(state).get(cmd.data.awardId)
  if (!award) return refuse('not_found', `data.awardId: there is no award ${cmd.data.awardId}`, R.awardNoItem, undefined, 'awardId')
  if (!award.announcedAt) return refuse('conflict', `award ${award.id} has not been announced`, R.awardNotAnnounced, { name: award.recipientName })
  if (award.retracted) return refuse('conflict', `award ${award.id} is already retracted`, R.awardAlreadyRetracted, { name: award.recipientName })
  return accept({ type: 'award.retracted', data: { awardId: award.id, reason: cmd.data.reason } })
}

function importAwards(state: AwardsView, cmd: CommandOf<'award.import'>): Decision {
  const existing = awardIndex(state)
  const types = new Map(state.awardTypes.map((t) => [t.id, t]))
  const sites = new Set(state.sites.map((s) => s.id))
  const seen = new Set<string>()
  for (const [i, a] of cmd.data.awards.entries()) {
    const at = `data.awards.${i}`
    if (existing.has(a.id) || seen.has(a.id)) return refuse('conflict', `${at}.id: there is already an award ${a.id}`, R.awardIdTaken, { row: i + 1 }, `awards.${i}.id`)
    seen.add(a.id)
    const type = types.get(a.typeId)
    if (!type) return refuse('not_found', `${at}.typeId: there is no award type ${a.typeId}`, R.awardNoType, { row: i + 1 }, `awards.${i}.typeId`)
    if (type.recipientKind !== 'both' && type.recipientKind !== a.recipientKind) {
      return refuse('invalid', `${at}.recipientKind: ${type.name} is only for ${type.recipientKind} recipients`, R.awardWrongKind, { row: i + 1, type: type.name }, `awards.${i}.recipientKind`)
    }
    if (a.siteId !== undefined && !sites.has(a.siteId)) return refuse('not_found', `${at}.siteId: there is no site ${a.siteId}`, R.awardNoSite, { row: i + 1 }, `awards.${i}.siteId`)
  }
  return accept({ type: 'award.imported', data: { awards: cmd.data.awards } })
}

/** The awards rules: one named function per command, routed by an exhaustive switch. */
export function decideAwards(state: AwardsView, cmd: CommandOf, _actor: Actor, clock: DecideClock): Decision {
  switch (cmd.type) {
    case 'award.announce': return announce(state, cmd, clock)
    case 'award.retract': return retract(state, cmd)
    case 'award.import': return importAwards(state, cmd)
    case 'award.controlRoll': return controlRoll(state, cmd, clock)
    default: return unreachable(cmd)
  }
}
