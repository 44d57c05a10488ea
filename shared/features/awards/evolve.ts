/** The awards' reducers: the catalog's import, announcements and retractions. */
import type { EventOf, EventTypeOf } from '../contracts.js'
import { unreachable } from '../decision.js'
import type { awardsContract } from './contract.js'
import type { ConferenceState } from '../state.js'

type AwardsEventType = EventTypeOf<typeof awardsContract>

/** The awards reducer: one case per event of its contract. */
export function evolveAwards(state: ConferenceState, event: EventOf<AwardsEventType>): ConferenceState {
  switch (event.type) {
    case 'award.imported':
      return { ...state, awards: [...state.awards, ...event.data.awards] }
    case 'award.announced': {
      const { at, data: { awardIds, revealAt, awards } } = event
      const ids = new Set(awardIds)
      const shownById = new Map(awards.map((a) => [a.id, a]))
      return {
        ...state,
        awards: state.awards.map((a) => {
          if (!ids.has(a.id)) return a
          const { sealed: _sealed, ...known } = a
          return { ...known, ...shownById.get(a.id), announcedAt: at, revealAt }
        }),
      }
    }
    case 'award.retracted': {
      const { at, data: { awardId, reason } } = event
      return { ...state, awards: state.awards.map((a) => (a.id === awardId ? { ...a, retracted: { reason, at } } : a)) }
    }
    default:
      return unreachable(event)
  }
}
