import { describe, expect, it } from 'vitest'
import { initialState } from '../../domain.js'
import { EVENT_VERSION, readEvent, UnreadableEventError } from '../../events.js'
import { evolve } from '../../evolve.js'
import { tinySetup } from '../../testing/tiny-conference.js'

describe('conference.created: the time zone', () => {
  it('is version 2; a stored version 1 (no time zone) reads as Asia/Ho_Chi_Minh', () => {
    expect(EVENT_VERSION['conference.created']).toBe(2)
    const { timeZone: _tz, ...v1 } = tinySetup('c1')
    const e = readEvent({ seq: 1, type: 'conference.created', at: '2023-02-22T00:30:00.000Z', data: v1, v: 1 }, initialState())
    const s = evolve(initialState(), e)
    expect(s.timeZone).toBe('Asia/Ho_Chi_Minh')
    expect(s.agenda).toMatchObject({ rev: 1, currentItemId: null })
    expect(s.agenda.items.every((i) => i.rev === 1 && i.runs?.length === 0)).toBe(true)
  })

  it('keeps the zone and the scheduled start it was created with; refuses a zone no one knows', () => {
    const data = { ...tinySetup('c1'), timeZone: 'Europe/Paris', startsAt: '2026-11-27T08:00:00+07:00' }
    const s = evolve(initialState(), readEvent({ seq: 1, type: 'conference.created', at: 'x', data, v: 2 }, initialState()))
    expect(s).toMatchObject({ timeZone: 'Europe/Paris', startsAt: '2026-11-27T08:00:00+07:00' })
    expect(() => readEvent({ seq: 1, type: 'conference.created', at: 'x', data: { ...data, timeZone: 'Mars/Olympus' }, v: 2 }, initialState())).toThrow(UnreadableEventError)
  })
})
