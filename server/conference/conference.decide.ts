/** Rules of the conference slice: going live and ending. */
import { ErrorReason as R } from '../../shared/errors.js'
import { accept, refuse, type Rules } from './decision.js'

export const conferenceRules: Rules<'conference.start' | 'conference.end'> = {
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
