import { describe, expect, it } from 'vitest'
import { agendaPosition, conferenceElapsedMs, itemTiming, plannedStarts } from './agenda-timing.js'
import { initialState, type ConferenceState } from './domain.js'
import type { ConferenceEvent, NewEvent } from './events.js'
import { replay } from './evolve.js'
import { tinySetup } from './testing/tiny-conference.js'

const T0 = Date.parse('2026-11-27T01:00:00.000Z')
const MIN = 60_000

/** The tiny conference (open 5 min, awards 10 min, sign unplanned) with events at the given server instants. */
function state(...log: [number, NewEvent][]): ConferenceState {
  const setup = tinySetup()
  setup.agenda = [
    { id: 'open', title: 'Khai mạc', kind: 'opening', plannedMinutes: 5 },
    { id: 'awards', title: 'Khen thưởng', kind: 'awards', plannedMinutes: 10 },
    { id: 'sign', title: 'Ký giao ước', kind: 'signing' },
  ]
  setup.startsAt = new Date(T0).toISOString()
  const all: [number, NewEvent][] = [[T0 - MIN, { type: 'conference.created', data: setup }], ...log]
  return replay(all.map(([at, e], i) => ({ ...e, seq: i + 1, at: new Date(at).toISOString() }) as ConferenceEvent), initialState())
}
const start = (at: number): [number, NewEvent][] => [[at, { type: 'conference.started', data: {} }], [at, { type: 'agenda.itemStarted', data: { itemId: 'open' } }]]
const go = (at: number, itemId: string): [number, NewEvent] => [at, { type: 'agenda.itemStarted', data: { itemId } }]

describe('itemTiming', () => {
  it('counts a running item from its start on the server clock', () => {
    const s = state(...start(T0))
    expect(itemTiming(s, 'open', T0 + 2 * MIN + 500)).toEqual({
      itemId: 'open', startedAt: T0, elapsedMs: 2 * MIN + 500, runElapsedMs: 2 * MIN + 500, runs: 1,
      plannedMs: 5 * MIN, remainingMs: 3 * MIN - 500, overrunMs: 0, running: true,
    })
  })

  it('gives the same figures on screens whose clocks are hours apart, once each corrects by its offset', () => {
    const s = state(...start(T0))
    const serverNow = T0 + 6 * MIN + 13_000
    // A device 3 h fast and one 5 h 30 slow: local time + offset = server time on both.
    for (const skew of [3 * 3600_000, -5.5 * 3600_000, 0]) {
      const local = serverNow + skew
      const offset = serverNow - local
      const t = itemTiming(s, 'open', local + offset)
      expect(t.overrunMs).toBe(MIN + 13_000)
      expect(t.remainingMs).toBe(0)
    }
  })

  it('stops the run when another item starts, and the conference end stops the last one', () => {
    const s = state(...start(T0), go(T0 + 4 * MIN, 'awards'), [T0 + 16 * MIN, { type: 'conference.ended', data: {} }])
    const open = itemTiming(s, 'open', T0 + 60 * MIN)
    expect(open).toMatchObject({ elapsedMs: 4 * MIN, remainingMs: MIN, overrunMs: 0, running: false })
    const awards = itemTiming(s, 'awards', T0 + 60 * MIN)
    expect(awards).toMatchObject({ elapsedMs: 12 * MIN, overrunMs: 2 * MIN, remainingMs: 0, running: false })
    expect(s.agenda.items[1]?.runs).toEqual([{ startedAt: new Date(T0 + 4 * MIN).toISOString(), endedAt: new Date(T0 + 16 * MIN).toISOString() }])
  })

  it('an item entered twice keeps both runs and counts their total', () => {
    const s = state(...start(T0), go(T0 + 3 * MIN, 'awards'), go(T0 + 5 * MIN, 'open'))
    const open = itemTiming(s, 'open', T0 + 7 * MIN)
    expect(open).toMatchObject({ runs: 2, elapsedMs: 5 * MIN, runElapsedMs: 2 * MIN, startedAt: T0 + 5 * MIN, overrunMs: 0, running: true })
    expect(itemTiming(s, 'open', T0 + 8 * MIN).overrunMs).toBe(MIN)
    expect(s.agenda.items[0]?.runs).toHaveLength(2)
    expect(s.agenda.items[0]?.startedAt).toBe(new Date(T0 + 5 * MIN).toISOString())
  })

  it('an item without a plan has no remaining time and never overruns; one never run is all zero', () => {
    const s = state(...start(T0), go(T0 + MIN, 'sign'))
    expect(itemTiming(s, 'sign', T0 + 90 * MIN)).toMatchObject({ plannedMs: null, remainingMs: null, overrunMs: 0, elapsedMs: 89 * MIN })
    expect(itemTiming(s, 'awards', T0 + 90 * MIN)).toMatchObject({ startedAt: null, elapsedMs: 0, remainingMs: 10 * MIN, running: false, runs: 0 })
  })

  it('a clock estimate a little behind the start never shows a negative time', () => {
    const s = state(...start(T0))
    expect(itemTiming(s, 'open', T0 - 40).elapsedMs).toBe(0)
  })
})

describe('agendaPosition', () => {
  it('before the start: nothing current, the first item next', () => {
    expect(agendaPosition(state())).toMatchObject({ index: 0, total: 3, current: null, next: { id: 'open' } })
  })
  it('during: "2/3" and what comes next; at the last item nothing is next', () => {
    expect(agendaPosition(state(...start(T0), go(T0 + MIN, 'awards')))).toMatchObject({ index: 2, total: 3, current: { id: 'awards' }, next: { id: 'sign' } })
    expect(agendaPosition(state(...start(T0), go(T0 + MIN, 'sign')))).toMatchObject({ index: 3, current: { id: 'sign' }, next: null })
  })
  it('after the end: nothing current', () => {
    expect(agendaPosition(state(...start(T0), [T0 + MIN, { type: 'conference.ended', data: {} }]))).toMatchObject({ index: 0, current: null, next: null })
  })
})

describe('the conference clock and the plan', () => {
  it('counts from the start to the end', () => {
    expect(conferenceElapsedMs(state(), T0)).toBe(0)
    expect(conferenceElapsedMs(state(...start(T0)), T0 + 90_000)).toBe(90_000)
    expect(conferenceElapsedMs(state(...start(T0), [T0 + MIN, { type: 'conference.ended', data: {} }]), T0 + 99 * MIN)).toBe(MIN)
  })
  it('plans each item from the scheduled start', () => {
    expect(plannedStarts(state())).toEqual([{ itemId: 'open', at: T0 }, { itemId: 'awards', at: T0 + 5 * MIN }, { itemId: 'sign', at: T0 + 15 * MIN }])
  })
})
