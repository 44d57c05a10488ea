/**
 * decide(state, command, actor, clock) -> events or a typed refusal. Pure: the clock is
 * passed in, nothing is read from outside, so a unit test drives it directly. The rules of
 * each command live in its feature slice (`*.decide.ts`); this only guards and routes.
 */
import type { Actor, ConferenceState } from '../../shared/domain.js'
import type { Command } from '../../shared/commands.js'
import { ErrorReason } from '../../shared/errors.js'
import { refuse, type DecideClock, type Decision, type Rule } from './decision.js'
import { RULES } from './rules.js'

export type { Decision, DecideClock } from './decision.js'

export function decide(state: ConferenceState, cmd: Command, actor: Actor, clock: DecideClock): Decision {
  if (!state.id) return refuse('not_found', `conference ${actor.conferenceId} does not exist`, ErrorReason.conferenceMissing)
  // The minutes are final once the conference has ended: nothing more may change them.
  if (state.status === 'ended') return refuse('conflict', `the conference has ended; ${cmd.type} is no longer possible`, ErrorReason.conferenceEnded, { command: cmd.type })
  const rule = RULES[cmd.type] as Rule<Command['type']>
  return rule.decide(state, cmd as never, actor, clock)
}
