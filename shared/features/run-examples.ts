/**
 * Reads a feature's examples three ways, each rule said once: what decide answers, what authorize
 * allows (and every role tried on every command), what evolve makes of the decided events.
 */
import { describe, expect, it } from 'vitest'
import type { Actor, Role } from '../kernel.js'
import type { ConferenceEvent, NewEvent } from './contracts.js'
import { authorize, decide, evolve } from './registry.js'
import { initialState, type ConferenceState } from './state.js'
import { CONF, EXAMPLE_NOW, host, signer, site, viewer } from '../testing/fixtures.js'
import type { After, Example, Examples, Start } from '../testing/given.js'
import { TINY_AWARDS, tinySetup } from '../testing/tiny-conference.js'

let seq = 0
/** Gives decided events their place in a log, a second apart. */
export const logged = (events: readonly NewEvent[]): ConferenceEvent[] =>
  events.map((e) => {
    seq++
    return { ...e, seq, at: new Date(EXAMPLE_NOW + seq * 1000).toISOString() }
  })

export const fold = (state: ConferenceState, events: readonly NewEvent[]): ConferenceState => logged(events).reduce(evolve, state)

/** The state an example starts from. */
export function givenState(start: Start, given: readonly NewEvent[]): ConferenceState {
  if (start.created === false) return fold(initialState(), given)
  return fold(initialState(), [
    { type: 'conference.created', data: { ...tinySetup(CONF), ...start.setup } },
    { type: 'award.imported', data: { awards: [...TINY_AWARDS] } },
    ...given,
  ])
}

/** The actor of each role that the access table tries. */
export const ROLE_ACTORS: Record<Role, Actor> = { host, site: site('d1'), signer: signer('blocA'), viewer }

const forbiddenByAuthorize = (ex: Example) => !Array.isArray(ex.then) && ex.then.refused === 'forbidden'

function expectAfter(after: ConferenceState, { shows, check }: After): void {
  if (shows) expect(after).toMatchObject(shows)
  if (check) expect(check(after)).toBe(true)
}

export function runExamples(feature: string, examples: Examples): void {
  describe(`${feature}: decide, by example`, () => {
    for (const ex of examples.commands.filter((e) => !forbiddenByAuthorize(e))) {
      it(ex.name, () => {
        const decision = decide(givenState(ex, ex.given), ex.when, ex.actor, { nowMs: ex.nowMs ?? EXAMPLE_NOW })
        if (Array.isArray(ex.then)) {
          expect(decision).toEqual({ ok: true, events: ex.then })
          return
        }
        expect(decision).toMatchObject({ ok: false, code: ex.then.refused, ...(ex.then.reason ? { detail: { reason: ex.then.reason } } : {}) })
        const message = decision.ok ? '' : decision.message
        expect(message.length).toBeGreaterThan(0)
        for (const word of ex.then.says ?? []) expect(message).toContain(word)
      })
    }
  })

  describe(`${feature}: authorize, by example`, () => {
    for (const ex of examples.commands) {
      const forbidden = forbiddenByAuthorize(ex) || ex.forbiddenYet === true
      it(`${forbidden ? 'forbids' : 'allows'}: ${ex.name}`, () => {
        const why = authorize(ex.actor, ex.when)
        if (forbidden) expect(why).toMatch(/may/)
        else expect(why).toBeNull()
        const says = Array.isArray(ex.then) ? [] : ex.then.refused === 'forbidden' ? ex.then.says ?? [] : []
        for (const word of says) expect(why).toContain(word)
      })
    }
  })

  describe(`${feature}: evolve, by example`, () => {
    for (const ex of examples.commands) {
      if (!Array.isArray(ex.then) || !(ex.shows || ex.check)) continue
      const events = ex.then
      it(ex.name, () => expectAfter(fold(givenState(ex, ex.given), events), ex))
    }
    for (const ex of examples.applied ?? []) it(ex.name, () => expectAfter(fold(givenState(ex, ex.given), ex.applying), ex))
  })

  describe(`${feature}: who may send each command`, () => {
    const roles: Role[] = ['host', 'site', 'signer', 'viewer']
    for (const { when, allowed } of examples.access) {
      for (const role of roles) {
        const may = allowed.includes(role)
        it(`${when.type} by ${role}: ${may ? 'allowed' : 'forbidden'}`, () => {
          const why = authorize(ROLE_ACTORS[role], when)
          if (may) expect(why).toBeNull()
          else expect(why).toMatch(/may/)
        })
      }
    }
  })
}
