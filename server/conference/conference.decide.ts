/** Rules of the conference slice: its scheduled start, going live and ending. */
import { ErrorReason as R } from '../../shared/errors.js'
import { accept, refuse, type Rules } from './decision.js'

const YEAR_MS = 366 * 24 * 3600_000
/** A start a minute in the past is a slow hand, not a mistake. */
const PAST_SLACK_MS = 60_000

export const conferenceRules: Rules<'conference.start' | 'conference.end' | 'conference.schedule'> = {
  'conference.schedule': {
    roles: ['host'],
    decide: (state, cmd, _actor, { nowMs }) => {
      if (state.status !== 'scheduled') return refuse('conflict', `the conference is already ${state.status}; its start cannot move`, R.conferenceScheduleStarted, { status: state.status })
      const at = Date.parse(cmd.data.startsAt)
      if (at < nowMs - PAST_SLACK_MS) return refuse('invalid', 'startsAt is in the past', R.conferenceStartsInPast, undefined, 'startsAt')
      if (at > nowMs + YEAR_MS) return refuse('invalid', 'startsAt is more than a year away', R.conferenceStartsTooFar, undefined, 'startsAt')
      // Stored as the instant in UTC: every screen shows it in the conference's time zone.
      return accept({ type: 'conference.scheduled', data: { startsAt: new Date(at).toISOString() } })
    },
  },
  'conference.start': {
    roles: ['host'],
    decide: (state) => {
      if (state.status !== 'scheduled') return refuse('conflict', `the conference is already ${state.status}`, R.conferenceAlreadyStarted, { status: state.status })
      const first = state.agenda.items[0]
      return state.agenda.currentItemId === null && first
        ? accept({ type: 'conference.started', data: {} }, { type: 'agenda.itemStarted', data: { itemId: first.id } })
        : accept({ type: 'conference.started', data: {} })
    },
  },
  'conference.end': {
    roles: ['host'],
    decide: (state) =>
      state.status === 'live'
        ? accept({ type: 'conference.ended', data: {} })
        : refuse('conflict', `only a live conference can end; it is ${state.status}`, R.conferenceNotLive, { status: state.status }),
  },
}
