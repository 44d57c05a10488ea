/** The conference's reducers: setup, scheduled start, going live, ending. */
import { endRuns } from '../agenda/state.js'
import { endRollsAt } from '../awards/roll.js'
import { unreachable } from '../decision.js'
import type { ContractEvent } from '../define.js'
import { patcher } from '../feature.js'
import type { conferenceContract } from './contract.js'
import { emptyConference, type ConferenceView, type WholeConference } from './state.js'

const patch = patcher<ConferenceView>()

/** The conference reducer: one case per event of its contract; its creation makes the whole state anew. */
export function evolveConference<X extends ConferenceView>(state: X, event: ContractEvent<typeof conferenceContract>): X | WholeConference {
  switch (event.type) {
    case 'conference.created': {
      const { id, title, venue, date, startsAt, timeZone, sites, agenda, awardTypes, blocs } = event.data
      const items = agenda.map((i) => ({ ...i, rev: i.rev ?? 1, runs: i.runs ?? [] }))
      return { ...emptyConference(id), title, venue, date, ...(startsAt ? { startsAt } : {}), timeZone, sites, awardTypes, blocs, agenda: { items, currentItemId: null, rev: 1 } }
    }
    case 'conference.scheduled':
      return patch(state, { startsAt: event.data.startsAt })
    case 'conference.started':
      return patch(state, { status: 'live', startedAt: event.at })
    case 'conference.ended':
      // The item running at the end stops with it (the minutes give it its true length), and so does the honours roll.
      return patch(state, {
        status: 'ended', endedAt: event.at,
        agenda: { ...state.agenda, items: endRuns(state.agenda.items, event.at) },
        roll: { ...state.roll, runs: endRollsAt(state.roll.runs, Date.parse(event.at)) },
      })
    default:
      return unreachable(event)
  }
}
