/** The conference's rules: its scheduled start, going live and ending; only the host sends them. */
import { ErrorReason as R } from '../../errors.js'
import type { Actor } from '../../kernel.js'
import type { CommandOf, CommandTypeOf } from '../contracts.js'
import { accept, refuse, unreachable, type DecideClock, type Decision, type Rights } from '../decision.js'
import type { ConferenceState } from '../state.js'
import { START_MAX_AHEAD_MS, START_PAST_SLACK_MS, type conferenceContract } from './contract.js'

type T = CommandTypeOf<typeof conferenceContract>

/** Who may send each conference command, and on which subject. */
export const conferenceRights: Rights<T> = {
  roles: { 'conference.start': ['host'], 'conference.end': ['host'], 'conference.schedule': ['host'] },
}

function schedule(state: ConferenceState, cmd: CommandOf<'conference.schedule'>, { nowMs }: DecideClock): Decision {
  if (state.status !== 'scheduled') return refuse('conflict', `the conference is already ${state.status}; its start cannot move`, R.conferenceScheduleStarted, { status: state.status })
  const at = Date.parse(cmd.data.startsAt)
  if (at < nowMs - START_PAST_SLACK_MS) return refuse('invalid', 'startsAt is in the past', R.conferenceStartsInPast, undefined, 'startsAt')
  if (at > nowMs + START_MAX_AHEAD_MS) return refuse('invalid', 'startsAt is more than a year away', R.conferenceStartsTooFar, undefined, 'startsAt')
  // Stored as the instant in UTC: every screen shows it in the conference's time zone.
  return accept({ type: 'conference.scheduled', data: { startsAt: new Date(at).toISOString() } })
}

function start(state: ConferenceState): Decision {
  if (state.status !== 'scheduled') return refuse('conflict', `the conference is already ${state.status}`, R.conferenceAlreadyStarted, { status: state.status })
  const first = state.agenda.items[0]
  return state.agenda.currentItemId === null && first
    ? accept({ type: 'conference.started', data: {} }, { type: 'agenda.itemStarted', data: { itemId: first.id } })
    : accept({ type: 'conference.started', data: {} })
}

function end(state: ConferenceState): Decision {
  return state.status === 'live'
    ? accept({ type: 'conference.ended', data: {} })
    : refuse('conflict', `only a live conference can end; it is ${state.status}`, R.conferenceNotLive, { status: state.status })
}

/** The conference rules: one named function per command, routed by an exhaustive switch. */
export function decideConference(state: ConferenceState, cmd: CommandOf<T>, _actor: Actor, clock: DecideClock): Decision {
  switch (cmd.type) {
    case 'conference.schedule': return schedule(state, cmd, clock)
    case 'conference.start': return start(state)
    case 'conference.end': return end(state)
    default: return unreachable(cmd)
  }
}
