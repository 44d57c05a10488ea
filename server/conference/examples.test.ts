/**
 * The feature slices' example table (shared/testing/examples.ts), read three ways: what decide
 * answers, what authorize allows, and what evolve makes of the decided events.
 */
import { describe, expect, it } from 'vitest'
import { COMMAND_TYPES } from '../../shared/commands.js'
import { initialState, type ConferenceState } from '../../shared/domain.js'
import type { ConferenceEvent, NewEvent } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import { EXAMPLES, EXAMPLE_NOW, CONF } from '../../shared/testing/examples.js'
import { TINY_AWARDS, tinySetup } from '../../shared/testing/tiny-conference.js'
import { authorize } from './authorize.js'
import { decide } from './decide.js'

function fold(state: ConferenceState, events: readonly NewEvent[], from: number): ConferenceState {
  return events.reduce((s, e, i) => evolve(s, { ...e, seq: from + i, at: new Date(EXAMPLE_NOW + i).toISOString() } as ConferenceEvent), state)
}
const given = (events: NewEvent[]) =>
  fold(initialState(), [{ type: 'conference.created', data: tinySetup(CONF) }, { type: 'award.imported', data: { awards: [...TINY_AWARDS] } }, ...events], 1)

describe('the example table', () => {
  it('has an accepted example of every command', () => {
    const accepted = new Set(EXAMPLES.filter((e) => Array.isArray(e.then)).map((e) => e.when.type))
    expect([...accepted].sort()).toEqual([...COMMAND_TYPES].sort())
  })
})

describe('decide, by example', () => {
  for (const ex of EXAMPLES.filter((e) => !('refused' in e.then && e.then.refused === 'forbidden'))) {
    it(ex.name, () => {
      const decision = decide(given(ex.given), ex.when, ex.actor, { nowMs: EXAMPLE_NOW })
      if (Array.isArray(ex.then)) expect(decision).toEqual({ ok: true, events: ex.then })
      else expect(decision).toMatchObject({ ok: false, code: ex.then.refused, ...(ex.then.reason ? { detail: { reason: ex.then.reason } } : {}) })
    })
  }
})

describe('authorize, by example', () => {
  for (const ex of EXAMPLES) {
    const forbidden = 'refused' in ex.then && ex.then.refused === 'forbidden'
    it(`${forbidden ? 'forbids' : 'allows'}: ${ex.name}`, () => {
      const why = authorize(ex.actor, ex.when)
      if (forbidden) expect(why).toMatch(/may/)
      else expect(why).toBeNull()
    })
  }
})

describe('evolve, by example', () => {
  for (const ex of EXAMPLES.filter((e) => Array.isArray(e.then) && (e.shows || e.check))) {
    it(ex.name, () => {
      const before = given(ex.given)
      const after = fold(before, ex.then as NewEvent[], 100)
      if (ex.shows) expect(after).toMatchObject(ex.shows)
      if (ex.check) expect(ex.check(after)).toBe(true)
    })
  }
})
