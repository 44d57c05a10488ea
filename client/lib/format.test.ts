import { afterEach, describe, expect, it } from 'vitest'
import { formatClock, formatDate, formatDateTime, formatDuration, formatNumber, formatTime, zonedInstant, zonedParts } from './format.js'
import { defined } from '../test/defined.js'

/** The test runner's environment: TZ is the device's time zone, read by Date at each call. */
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env
const T = Date.parse('2026-11-27T07:53:09.400Z')

describe('times in the conference time zone, whatever the device says', () => {
  const deviceZone = env.TZ
  afterEach(() => {
    env.TZ = deviceZone
  })

  it('a UTC device shows 14:53 for 07:53Z in Asia/Ho_Chi_Minh', () => {
    env.TZ = 'UTC'
    expect(new Date(T).getHours()).toBe(7) // the device's own reading
    expect(formatTime(T, 'Asia/Ho_Chi_Minh')).toBe('14:53')
    expect(formatClock(T, 'Asia/Ho_Chi_Minh')).toBe('14:53:09')
    expect(formatClock(new Date(T).toISOString(), 'Asia/Ho_Chi_Minh')).toBe('14:53:09')
  })

  it('a device in New York shows the same', () => {
    env.TZ = 'America/New_York'
    expect(formatTime(T, 'Asia/Ho_Chi_Minh')).toBe('14:53')
  })

  it('numbers the way the given language writes them', () => {
    expect(formatNumber(1597, 'vi')).toBe('1.597')
    expect(formatNumber(1597, 'en')).toBe('1,597')
  })

  it('dates cross midnight in the conference zone; a calendar date stays itself', () => {
    const late = Date.parse('2026-11-27T18:30:00Z') // 01:30 on the 28th in Hà Nội
    expect(formatDate(late, 'Asia/Ho_Chi_Minh')).toBe('28/11/2026')
    expect(formatDate(late, 'UTC')).toBe('27/11/2026')
    expect(formatDate('2023-02-22', 'America/Los_Angeles')).toBe('22/02/2023')
    expect(formatDateTime(late, 'Asia/Ho_Chi_Minh')).toBe('01:30 28/11/2026')
    expect(formatTime(Date.parse('2026-11-27T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('00:00')
  })

  it('no time gives an empty string', () => {
    expect(formatTime(undefined, 'UTC')).toBe('')
    expect(formatClock('not a time', 'UTC')).toBe('')
  })
})

describe('formatDuration', () => {
  it('mm:ss under an hour, h:mm:ss beyond', () => {
    expect(formatDuration(0)).toBe('00:00')
    expect(formatDuration(425_999)).toBe('07:05')
    expect(formatDuration(3_729_000)).toBe('1:02:09')
  })
  it('signs an overrun and rounds a countdown up', () => {
    expect(formatDuration(133_000, { sign: true })).toBe('+02:13')
    expect(formatDuration(-5_000, { sign: true })).toBe('−00:05')
    expect(formatDuration(0, { sign: true })).toBe('00:00')
    expect(formatDuration(59_001, { round: 'ceil' })).toBe('01:00')
    expect(formatDuration(59_001)).toBe('00:59')
  })
})

describe('zonedInstant: a date and time typed on the host console mean the conference clock', () => {
  it('reads 14:00 on 22/02/2023 in Hà Nội as 07:00Z, whatever the device zone', () => {
    expect(new Date(defined(zonedInstant('2023-02-22', '14:00', 'Asia/Ho_Chi_Minh'))).toISOString()).toBe('2023-02-22T07:00:00.000Z')
  })
  it('follows a zone with daylight saving on either side of its change', () => {
    expect(new Date(defined(zonedInstant('2023-03-25', '12:00', 'Europe/Paris'))).toISOString()).toBe('2023-03-25T11:00:00.000Z')
    expect(new Date(defined(zonedInstant('2023-03-27', '12:00', 'Europe/Paris'))).toISOString()).toBe('2023-03-27T10:00:00.000Z')
  })
  it('goes back to the same wall clock through zonedParts', () => {
    const at = defined(zonedInstant('2026-11-27', '19:35', 'Asia/Ho_Chi_Minh'))
    expect(zonedParts(at, 'Asia/Ho_Chi_Minh')).toEqual({ date: '2026-11-27', time: '19:35' })
  })
  it('refuses what does not parse', () => {
    expect(zonedInstant('22/02/2023', '14:00', 'Asia/Ho_Chi_Minh')).toBeNull()
    expect(zonedInstant('2023-02-22', '2pm', 'Asia/Ho_Chi_Minh')).toBeNull()
  })
})
