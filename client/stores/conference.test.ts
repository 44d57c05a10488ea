// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { initialState, type ConferenceState } from '../../shared/domain.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { useConferenceStore } from './conference.js'

const at = '2025-01-15T08:00:00.000Z'

function created(): ConferenceEvent {
  return {
    seq: 1, type: 'conference.created', at,
    data: {
      id: 'c1', title: 'Hội nghị tổng kết', timeZone: 'Asia/Ho_Chi_Minh',
      sites: [{ id: 's1', name: 'Huyện Ninh Hải', kind: 'district' }],
      agenda: [{ id: 'a1', title: 'Khai mạc', kind: 'opening' }, { id: 'a2', title: 'Báo cáo', kind: 'report' }],
      awardTypes: [], blocs: [],
    },
  }
}
const started = (seq: number): ConferenceEvent => ({ seq, type: 'conference.started', at, data: {} })
const checkedIn = (seq: number, attendees: number): ConferenceEvent => ({ seq, type: 'site.checkedIn', at, data: { siteId: 's1', attendees } })

describe('conference store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('applies events in order', () => {
    const store = useConferenceStore()
    expect(store.applyEvents([created(), started(2), checkedIn(3, 120)])).toBe('ok')
    expect(store.seq).toBe(3)
    expect(store.state.title).toBe('Hội nghị tổng kết')
    expect(store.state.status).toBe('live')
    expect(store.state.sites[0]?.checkIn?.attendees).toBe(120)
  })

  it('ignores events it has already applied', () => {
    const store = useConferenceStore()
    store.applyEvents([created(), started(2), checkedIn(3, 120)])
    const before = store.state
    expect(store.applyEvents([checkedIn(3, 999), started(2)])).toBe('ok')
    expect(store.seq).toBe(3)
    expect(store.state).toBe(before)
    expect(store.state.sites[0]?.checkIn?.attendees).toBe(120)
  })

  it('reports a gap without applying anything past it', () => {
    const store = useConferenceStore()
    store.applyEvents([created()])
    expect(store.applyEvents([checkedIn(3, 50)])).toBe('gap')
    expect(store.seq).toBe(1)
    expect(store.state.status).toBe('scheduled')
    expect(store.state.sites[0]?.checkIn).toBeUndefined()
  })

  it('applies up to a gap and stops there', () => {
    const store = useConferenceStore()
    store.applyEvents([created()])
    expect(store.applyEvents([started(2), checkedIn(4, 50)])).toBe('gap')
    expect(store.seq).toBe(2)
    expect(store.state.status).toBe('live')
    expect(store.state.sites[0]?.checkIn).toBeUndefined()
    expect(store.applyEvents([checkedIn(3, 40), checkedIn(4, 50)])).toBe('ok')
    expect(store.seq).toBe(4)
    expect(store.state.sites[0]?.checkIn?.attendees).toBe(50)
  })

  it('replaces the state with a snapshot', () => {
    const store = useConferenceStore()
    store.applyEvents([created(), started(2)])
    const snap: ConferenceState = { ...initialState('c2'), title: 'Khác', status: 'ended' }
    store.applySnapshot({ seq: 40, state: snap, serverTime: Date.now() })
    expect(store.seq).toBe(40)
    expect(store.state).toEqual(snap)
    expect(store.applyEvents([checkedIn(41, 10)])).toBe('ok')
    expect(store.seq).toBe(41)
    expect(store.applyEvents([checkedIn(43, 10)])).toBe('gap')
    expect(store.seq).toBe(41)
  })
})
