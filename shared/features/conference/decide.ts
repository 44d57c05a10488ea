/** The conference's rules: its scheduled start, going live and ending; only the host sends them. */
import type { Actor } from '../../kernel.js'
import type { agendaContract } from '../agenda/contract.js'
import { accept, refuse, unreachable, type ContractDecision, type DecideClock, type Rights } from '../decision.js'
import type { ContractCommand, ContractNewEvent } from '../define.js'
import { conferenceContract, START_MAX_AHEAD_MS, START_PAST_SLACK_MS } from './contract.js'
import type { ConferenceView } from './state.js'

/** A conference command (of type `T`). */
type CommandOf<T extends string = string> = ContractCommand<typeof conferenceContract, T>
/** What a conference rule decides: its events, and the first agenda item started with the conference. */
type Decision = ContractDecision<typeof conferenceContract, ContractNewEvent<typeof conferenceContract> | ContractNewEvent<typeof agendaContract>>
/** The conference's own refusal reasons, from its contract. */
const R = conferenceContract.reasons

/** Who may send each conference command, and on which subject. */
export const conferenceRights: Rights<typeof conferenceContract> = {
  roles: { 'conference.start': ['host'], 'conference.end': ['host'], 'conference.schedule': ['host'] },
}

function schedule(state: ConferenceView, cmd: CommandOf<'conference.schedule'>, { nowMs }: DecideClock): Decision {
  if (state.status !== 'scheduled') return refuse('conflict', `the conference is already ${state.status}; its start cannot move`, R.conferenceScheduleStarted, { status: state.status })
  const at = Date.parse(cmd.data.startsAt)
  if (at < nowMs - START_PAST_SLACK_MS) return refuse('invalid', 'startsAt is in the past', R.conferenceStartsInPast, undefined, 'startsAt')
  if (at > nowMs + START_MAX_AHEAD_MS) return refuse('invalid', 'startsAt is more than a year away', R.conferenceStartsTooFar, undefined, 'startsAt')
  // Stored as the instant in UTC: every screen shows it in the conference's time zone.
  return accept({ type: 'conference.scheduled', data: { startsAt: new Date(at).toISOString() } })
}

function start(state: ConferenceView): Decision {
  if (state.status !== 'scheduled') return refuse('conflict', `the conference is already ${state.status}`, R.conferenceAlreadyStarted, { status: state.status })
  const first = state.agenda.items[0]
  return state.agenda.currentItemId === null && first
    ? accept({ type: 'conference.started', data: {} }, { type: 'agenda.itemStarted', data: { itemId: first.id } })
    : accept({ type: 'conference.started', data: {} })
}

function end(state: ConferenceView): Decision {
  return state.status === 'live'
    ? accept({ type: 'conference.ended', data: {} })
    : refuse('conflict', `only a live conference can end; it is ${state.status}`, R.conferenceNotLive, { status: state.status })
}

/** The conference rules: one named function per command, routed by an exhaustive switch. */
export function decideConference(state: ConferenceView, cmd: CommandOf, _actor: Actor, clock: DecideClock): Decision {
  switch (cmd.type) {
    case 'conference.schedule': return schedule(state, cmd, clock)
    case 'conference.start': return start(state)
    case 'conference.end': return end(state)
    default: return unreachable(cmd)
  }
}
