/** Rules of the agenda slice: which item is current. */
import type { ConferenceState } from '../../shared/domain.js'
import { accept, refuse, type Decision, type Rules } from './decision.js'

function startItem(state: ConferenceState, target: string | undefined, none: string): Decision {
  if (state.status !== 'live') return refuse('conflict', `the agenda runs only while the conference is live; it is ${state.status}`)
  if (!target) return refuse('conflict', none)
  if (target === state.agenda.currentItemId) return refuse('conflict', `agenda item ${target} is already current`)
  return accept({ type: 'agenda.itemStarted', data: { itemId: target } })
}

const currentIndex = (state: ConferenceState) => state.agenda.items.findIndex((i) => i.id === state.agenda.currentItemId)

export const agendaRules: Rules<'agenda.goto' | 'agenda.next' | 'agenda.previous'> = {
  'agenda.goto': {
    roles: ['host'],
    decide: (state, cmd) => {
      if (state.status === 'live' && !state.agenda.items.some((i) => i.id === cmd.data.itemId)) {
        return refuse('not_found', `data.itemId: there is no agenda item ${cmd.data.itemId}`)
      }
      return startItem(state, cmd.data.itemId, '')
    },
  },
  'agenda.next': {
    roles: ['host'],
    decide: (state) => startItem(state, state.agenda.items[currentIndex(state) + 1]?.id, 'the current item is the last on the agenda'),
  },
  'agenda.previous': {
    roles: ['host'],
    decide: (state) => {
      const i = currentIndex(state)
      return startItem(state, i > 0 ? state.agenda.items[i - 1]?.id : undefined, 'the current item is the first on the agenda')
    },
  },
}
