/**
 * Properties that hold for every rule, not one: decide is pure, evolve never mutates, replay from
 * any snapshot gives the same state; and a whole ceremony chained through decide and evolve.
 */
import { describe, expect, it } from 'vitest'
import type { Actor } from '../kernel.js'
import type { Command, ConferenceEvent } from './contracts.js'
import { EXAMPLES } from './examples.js'
import { decide, evolve, replay } from './registry.js'
import { initialState, type ConferenceState } from './state.js'
import { c, CONF, EXAMPLE_NOW, host, signer, site, STROKES, HASH_A, HASH_B } from '../testing/fixtures.js'
import { givenState, logged } from './run-examples.js'
import { tinySetup } from '../testing/tiny-conference.js'

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const v of Object.values(o)) deepFreeze(v)
  }
  return o
}

const examples = Object.values(EXAMPLES).flatMap((e) => e.commands)

describe('decide is pure', () => {
  it.each(examples.map((e) => [e.name, e] as const))('%s: same inputs, same answer; nothing mutated, frozen or cloned', (_name, ex) => {
    const state = givenState(ex, ex.given)
    const clock = { nowMs: ex.nowMs ?? EXAMPLE_NOW }
    const [before, cmdBefore] = [structuredClone(state), structuredClone(ex.when)]
    const first = decide(state, ex.when, ex.actor, clock)
    expect(decide(state, ex.when, ex.actor, clock)).toEqual(first)
    expect(state).toEqual(before)
    expect(ex.when).toEqual(cmdBefore)
    expect(decide(deepFreeze(structuredClone(state)), deepFreeze(structuredClone(ex.when)), ex.actor, clock)).toEqual(first)
  })

  it('only the given clock moves revealAt; a refusal does not depend on it', () => {
    const live = givenState({}, [{ type: 'conference.started', data: {} }])
    const at = (nowMs: number, ids = ['a1']) => decide(live, c('award.announce', { awardIds: ids }), host, { nowMs })
    expect([at(1000), at(2000)].map((d) => (d.ok ? d.events[0] : null))).toMatchObject([{ data: { revealAt: 1300 } }, { data: { revealAt: 2300 } }])
    expect(at(1000, ['nope'])).toEqual(at(1999, ['nope']))
  })
})

/** Runs commands through decide and evolve, each one required to succeed; returns the log. */
function ceremony(): ConferenceEvent[] {
  let state: ConferenceState = initialState()
  const log: ConferenceEvent[] = []
  const apply = (events: ConferenceEvent[]) => { log.push(...events); state = events.reduce(evolve, state) }
  apply(logged([{ type: 'conference.created', data: tinySetup(CONF) }]))
  const run = (cmd: Command, actor: Actor = host) => {
    const d = decide(state, cmd, actor, { nowMs: EXAMPLE_NOW + log.length * 1000 })
    if (!d.ok) throw new Error(`${cmd.type} refused: ${d.code} ${d.message}`)
    apply(logged(d.events))
  }
  run(c('award.import', { awards: [{ id: 'a1', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Giáo dục' }, { id: 'a2', typeId: 'cs', recipientKind: 'individual', recipientName: 'Trần B' }] }))
  run(c('conference.schedule', { startsAt: new Date(EXAMPLE_NOW + 3_600_000).toISOString() }))
  run(c('agenda.addItem', { title: 'Tham luận', kind: 'speech' }, 'add-item-ceremony'))
  run(c('agenda.updateItem', { itemId: 'item-add-item-ceremony', rev: 1, plannedMinutes: 5 }))
  run(c('agenda.moveItem', { itemId: 'item-add-item-ceremony', toIndex: 1, listRev: 2 }))
  run(c('agenda.removeItem', { itemId: 'item-add-item-ceremony', rev: 2 }))
  run(c('site.checkIn', { attendees: 120 }), site('hub'))
  run(c('site.add', { name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd1' }))
  run(c('conference.start', {}))
  run(c('site.checkIn', { attendees: 35 }), site('d1'))
  run(c('site.reportIssue', { message: 'Mất tiếng' }), site('d2'))
  run(c('site.resolveIssue', { siteId: 'd2' }))
  run(c('agenda.next', {}))
  run(c('award.announce', { awardIds: ['a1', 'a2'] }))
  run(c('award.retract', { awardId: 'a2', reason: 'Nhầm người' }))
  run(c('agenda.next', {}))
  run(c('pledge.openSigning', { blocIds: ['blocA'] }))
  run(c('pledge.sign', { blocId: 'blocA', contentHash: HASH_A, strokes: STROKES }), signer('blocA'))
  run(c('pledge.void', { blocId: 'blocA', reason: 'Ký nhầm người' }))
  run(c('pledge.closeSigning', {}))
  run(c('pledge.openSigning', {}))
  run(c('pledge.sign', { blocId: 'blocA', contentHash: HASH_A, strokes: STROKES }), signer('blocA'))
  run(c('pledge.sign', { blocId: 'blocB', contentHash: HASH_B, strokes: STROKES, signerName: 'Trần B' }), signer('blocB'))
  run(c('pledge.witness', { witnessName: 'Chủ tịch' }))
  run(c('conference.end', {}))
  return log
}
describe('a whole ceremony chained through decide and evolve', () => {
  it('runs start to end', () => {
    const log = ceremony()
    const s = replay(log)
    expect(s.status).toBe('ended')
    expect(s.agenda.currentItemId).toBe('sign')
    expect(s.awards.filter((a) => a.announcedAt).map((a) => a.id)).toEqual(['a1', 'a2'])
    expect(s.awards.filter((a) => a.retracted).map((a) => a.id)).toEqual(['a2'])
    expect(s.blocs.map((b) => b.signature?.signerName)).toEqual(['Nguyễn Văn A', 'Trần B'])
    expect(s.blocs[0]?.voided).toHaveLength(1)
    expect(s.signing).toMatchObject({ status: 'completed', witnessName: 'Chủ tịch' })
    expect(s.sites.map((x) => x.checkIn?.attendees)).toEqual([120, 35, undefined, undefined])
    expect(s.sites.every((x) => !x.issue)).toBe(true)
  })
})

describe('evolve never mutates its input', () => {
  it.each(examples.filter((e) => Array.isArray(e.then)).map((e) => [e.name, e] as const))('%s: the state before and the events stay as they were', (_name, ex) => {
    const before = givenState(ex, ex.given)
    const events = logged(Array.isArray(ex.then) ? ex.then : [])
    const [stateCopy, eventsCopy] = [structuredClone(before), structuredClone(events)]
    const after = events.reduce(evolve, before)
    expect(before).toEqual(stateCopy)
    expect(events).toEqual(eventsCopy)
    expect(after).not.toBe(before)
    expect(events.reduce((s, e) => deepFreeze(evolve(s, e)), deepFreeze(structuredClone(before)))).toEqual(after)
  })

  const log = ceremony()
  it.each(log.map((e, i) => [e.seq, e.type, i] as const))('event %i (%s)', (_seq, _type, i) => {
    const before = replay(log.slice(0, i))
    const [stateCopy, event] = [structuredClone(before), log[i]]
    if (!event) throw new Error('no event')
    const eventCopy = structuredClone(event)
    const after = evolve(before, event)
    expect(before).toEqual(stateCopy)
    expect(event).toEqual(eventCopy)
    expect(after).not.toBe(before)
  })

  it('works on deep-frozen states and events', () => {
    const frozen = ceremony().map(deepFreeze)
    expect(frozen.reduce((s, e) => deepFreeze(evolve(s, e)), deepFreeze(initialState()))).toEqual(replay(structuredClone(frozen)))
  })
})

describe('replay', () => {
  const log = ceremony()
  it('equals the step-by-step fold', () => {
    let s = initialState()
    for (const e of log) s = evolve(s, e)
    expect(replay(log)).toEqual(s)
  })

  it('from a snapshot of any prefix equals replay of the whole', () => {
    for (let cut = 0; cut <= log.length; cut++) expect(replay(log.slice(cut), structuredClone(replay(log.slice(0, cut))))).toEqual(replay(log))
  })

  it('of an empty log is the initial state', () => {
    expect(replay([])).toEqual(initialState())
  })

  it('two sites applying the same events, one from a JSON snapshot midway, get deep-equal states', () => {
    const wire: ConferenceEvent[] = JSON.parse(JSON.stringify(log))
    let siteB = initialState()
    for (const e of wire.slice(0, 8)) siteB = evolve(siteB, e)
    siteB = JSON.parse(JSON.stringify(siteB))
    for (const e of wire.slice(8)) siteB = evolve(siteB, e)
    expect(siteB).toEqual(replay(log))
    expect(JSON.parse(JSON.stringify(siteB))).toEqual(JSON.parse(JSON.stringify(replay(log))))
  })
})
