/**
 * The list of features, and the entry points that route to them: `decide` (with the guards every
 * command shares), `authorize` and `evolve`. A new feature is one line in `FEATURES`.
 */
import type { Actor } from '../kernel.js'
import { ErrorReason, type ErrorDetail } from '../errors.js'
import { agenda } from './agenda/index.js'
import { awards } from './awards/index.js'
import { conference } from './conference/index.js'
import type { Command, ConferenceEvent, NewEvent } from './contracts.js'
import { refuse, type DecideClock, type Decision as DecisionOf } from './decision.js'
import type { Denial, Feature } from './feature.js'
import { signing } from './signing/index.js'
import { sites } from './sites/index.js'
import { initialState, type ConferenceState } from './state.js'

/** What `decide` answers: the events decided, or a refusal with the reason a page words. */
export type Decision = DecisionOf<NewEvent, ErrorReason>

/** A feature over the whole state: its reducer changes the state, or (the conference's creation) makes it anew. */
type WholeFeature = Feature<ConferenceState, Decision, ConferenceState>

/** Every feature, in the order of `CONTRACTS` (./contracts.ts). */
export const FEATURES: readonly WholeFeature[] = [conference, agenda, sites, awards, signing]

const byCommand = new Map<string, WholeFeature>()
const byEvent = new Map<string, WholeFeature>()
for (const f of FEATURES) {
  for (const c of f.contract.commands) byCommand.set(c.shape.type.value, f)
  for (const t of Object.keys(f.contract.events)) byEvent.set(t, f)
}

/**
 * decide(state, command, actor, clock) -> events or a typed refusal. Pure: the clock is passed in,
 * nothing is read from outside. Guards what every command shares, then routes to its feature.
 */
export function decide(state: ConferenceState, cmd: Command, actor: Actor, clock: DecideClock): Decision {
  if (!state.id) return refuse('not_found', `conference ${actor.conferenceId} does not exist`, ErrorReason.conferenceMissing)
  // The minutes are final once the conference has ended: nothing more may change them.
  if (state.status === 'ended') return refuse('conflict', `the conference has ended; ${cmd.type} is no longer possible`, ErrorReason.conferenceEnded, { command: cmd.type })
  const feature = byCommand.get(cmd.type)
  return feature ? feature.decide(state, cmd, actor, clock) : refuse('invalid', `unknown command ${cmd.type}`, ErrorReason.badCommand)
}

function denial(actor: Actor, cmd: Command): Denial | null {
  const feature = byCommand.get(cmd.type)
  return feature ? feature.authorize(actor, cmd) : { why: `unknown command ${cmd.type}`, subject: false }
}

/** Returns why the actor may not send this command, or null when it may. */
export function authorize(actor: Actor, cmd: Command): string | null {
  return denial(actor, cmd)?.why ?? null
}

/** The refusal of an actor `authorize` turned away, coded for the page: its role and the command, or the subject. */
export function forbidden(actor: Actor, cmd: Command): { message: string; detail: ErrorDetail } | null {
  const denied = denial(actor, cmd)
  if (!denied) return null
  const reason = denied.subject ? ErrorReason.subjectForbidden : ErrorReason.roleForbidden
  return { message: denied.why, detail: { reason, params: { role: actor.role, command: cmd.type } } }
}

/** The one reducer. Pure, run unchanged by the server and by every browser; routes each event to its feature. */
export function evolve(state: ConferenceState, event: ConferenceEvent): ConferenceState {
  const feature = byEvent.get(event.type)
  return feature ? feature.evolve(state, event) : state
}

/** Replays a log from the empty state (or from a snapshot's state). */
export function replay(events: readonly ConferenceEvent[], from: ConferenceState = initialState()): ConferenceState {
  return events.reduce(evolve, from)
}
