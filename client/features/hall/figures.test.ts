import { describe, expect, it } from 'vitest'
import type { ConferenceState } from '../../../shared/domain.js'
import type { Presence } from '../../../shared/protocol.js'
import { sitesPresent } from './figures.js'

const OPENED = '2026-12-06T01:00:00.000Z'
const state = {
  startedAt: OPENED,
  sites: [
    { id: 'hub', name: 'Điểm cầu tỉnh', kind: 'hub' },
    { id: 'a', name: 'Huyện A', kind: 'district', checkIn: { attendees: 40, at: OPENED } },
    { id: 'b', name: 'Huyện B', kind: 'district' },
    { id: 'c', name: 'Huyện C', kind: 'district' },
    { id: 'd', name: 'Huyện D', kind: 'district' },
  ],
} as unknown as ConferenceState
const presence = (sites: Presence['sites']): Presence => ({ sites, viewers: 0, watching: 0, organisers: 0, online: 0, serverTime: 0 })

describe('sitesPresent', () => {
  it('counts checked-in sites, sites online now and sites seen since the opening', () => {
    const ids = sitesPresent(state, presence({
      hub: { online: true, connections: 1, lastSeenAt: '2026-12-06T05:00:00.000Z' },
      // Dropped during the conference: it was there.
      b: { online: false, connections: 0, lastSeenAt: '2026-12-06T02:00:00.000Z' },
      // Left before the opening: it was not.
      c: { online: false, connections: 0, lastSeenAt: '2026-12-06T00:30:00.000Z' },
    })).map((s) => s.id)
    expect(ids).toEqual(['hub', 'a', 'b'])
  })

  it('counts nobody but the checked-in before the conference opened', () => {
    const scheduled = { ...state, startedAt: undefined } as unknown as ConferenceState
    expect(sitesPresent(scheduled, presence({ c: { online: false, connections: 0, lastSeenAt: OPENED } })).map((s) => s.id)).toEqual(['a'])
  })
})
