/**
 * The one reducer. Pure, run unchanged by the server and by every browser: two sites that
 * have applied the same events show the same state.
 */
import { initialState, type Award, type ConferenceState } from './domain.js'
import type { ConferenceEvent } from './events.js'

export function evolve(state: ConferenceState, event: ConferenceEvent): ConferenceState {
  const at = event.at
  switch (event.type) {
    case 'conference.created': {
      const { id, title, venue, date, sites, agenda, awardTypes, blocs } = event.data
      return { ...initialState(id), title, venue, date, sites, awardTypes, blocs, agenda: { items: agenda, currentItemId: null } }
    }
    case 'conference.started':
      return { ...state, status: 'live', startedAt: at }
    case 'conference.ended':
      return { ...state, status: 'ended', endedAt: at }
    case 'agenda.itemStarted': {
      const { itemId } = event.data
      const items = state.agenda.items.map((i) => (i.id === itemId ? { ...i, startedAt: at } : i))
      return { ...state, agenda: { items, currentItemId: itemId } }
    }
    case 'site.checkedIn': {
      const { siteId, attendees } = event.data
      return { ...state, sites: state.sites.map((s) => (s.id === siteId ? { ...s, checkIn: { attendees, at } } : s)) }
    }
    case 'site.issueReported': {
      const { siteId, message } = event.data
      return { ...state, sites: state.sites.map((s) => (s.id === siteId ? { ...s, issue: { message, at } } : s)) }
    }
    case 'site.issueResolved': {
      const { siteId } = event.data
      return { ...state, sites: state.sites.map((s) => (s.id === siteId ? withoutIssue(s) : s)) }
    }
    case 'award.imported':
      return { ...state, awards: [...state.awards, ...event.data.awards] }
    case 'award.announced': {
      const ids = new Set(event.data.awardIds)
      const { revealAt } = event.data
      return { ...state, awards: mapAwards(state.awards, ids, (a) => ({ ...a, announcedAt: at, revealAt })) }
    }
    case 'award.retracted': {
      const { awardId, reason } = event.data
      return { ...state, awards: mapAwards(state.awards, new Set([awardId]), (a) => ({ ...a, retracted: { reason, at } })) }
    }
    case 'pledge.signingOpened':
      return { ...state, signing: { ...state.signing, status: 'open', openedAt: at } }
    case 'pledge.signingClosed':
      return { ...state, signing: { ...state.signing, status: 'closed' } }
    case 'pledge.signed': {
      const { blocId, contentHash, strokes, signerName } = event.data
      const blocs = state.blocs.map((b) => (b.id === blocId ? { ...b, signature: { at, signerName, contentHash, strokes } } : b))
      return { ...state, blocs }
    }
    case 'pledge.signingCompleted':
      return { ...state, signing: { ...state.signing, status: 'completed' } }
    case 'pledge.witnessed':
      return { ...state, signing: { ...state.signing, witnessedAt: at, witnessName: event.data.witnessName } }
  }
}

/** Replays a log from the empty state (or from a snapshot's state). */
export function replay(events: readonly ConferenceEvent[], from: ConferenceState = initialState()): ConferenceState {
  return events.reduce(evolve, from)
}

function mapAwards(awards: Award[], ids: ReadonlySet<string>, f: (a: Award) => Award): Award[] {
  return awards.map((a) => (ids.has(a.id) ? f(a) : a))
}

function withoutIssue<T extends { issue?: unknown }>(s: T): T {
  const { issue: _issue, ...rest } = s
  return rest as T
}
