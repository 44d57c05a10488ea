import { describe, expect, it } from 'vitest'
import { calendarDaysBetween, lobbyDistance } from './lobby-time.js'

const ZONE = 'Asia/Ho_Chi_Minh'
/** 2026-12-06 20:54:00 in Hồ Chí Minh City (UTC+7). */
const NOW = Date.parse('2026-12-06T13:54:00Z')

describe('lobbyDistance', () => {
  it('counts down on the day itself', () => {
    expect(lobbyDistance(NOW + 25 * 60_000, NOW, ZONE)).toEqual({ kind: 'today', seconds: 1500 })
    // 23:59 the same evening is still today.
    expect(lobbyDistance(Date.parse('2026-12-06T16:59:00Z'), NOW, ZONE)).toMatchObject({ kind: 'today' })
  })

  it('says "tomorrow" for the next calendar day in the conference zone, even under 24 hours', () => {
    // 08:00 tomorrow in the zone is 01:00Z: 11 h 6 min from now.
    expect(lobbyDistance(Date.parse('2026-12-07T01:00:00Z'), NOW, ZONE)).toEqual({ kind: 'tomorrow', hours: 11, minutes: 6 })
    // 00:05 tomorrow, 3 h 11 min away, is tomorrow too.
    expect(lobbyDistance(Date.parse('2026-12-06T17:05:00Z'), NOW, ZONE)).toEqual({ kind: 'tomorrow', hours: 3, minutes: 11 })
  })

  it('says days and hours further away', () => {
    const at = NOW + (3 * 24 + 14) * 3600_000 + 56 * 60_000
    expect(lobbyDistance(at, NOW, ZONE)).toEqual({ kind: 'days', days: 3, hours: 14 })
    // The day after tomorrow at 01:00 is 28 hours away: one day and four hours, not "tomorrow".
    expect(lobbyDistance(Date.parse('2026-12-07T18:00:00Z'), NOW, ZONE)).toEqual({ kind: 'days', days: 1, hours: 4 })
  })

  it('is due once the instant has come', () => {
    expect(lobbyDistance(NOW, NOW, ZONE)).toEqual({ kind: 'due' })
    expect(lobbyDistance(NOW - 5000, NOW, ZONE)).toEqual({ kind: 'due' })
  })

  it('counts calendar days in the given zone, not the device\'s', () => {
    // 23:30Z on the 6th is already the 7th in Hồ Chí Minh City.
    expect(calendarDaysBetween(NOW, Date.parse('2026-12-06T23:30:00Z'), ZONE)).toBe(1)
    expect(calendarDaysBetween(NOW, Date.parse('2026-12-06T23:30:00Z'), 'UTC')).toBe(0)
  })
})
