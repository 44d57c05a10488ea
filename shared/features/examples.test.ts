/**
 * Each feature's given/when/then examples, read by decide, authorize and evolve; and the checks
 * that no command, event or role goes without one.
 */
import { describe, expect, it } from 'vitest'
import { COMMAND_TYPES, CONTRACTS, EVENTS } from './contracts.js'
import { EXAMPLES } from './examples.js'
import { FEATURES } from './registry.js'
import { runExamples } from './run-examples.js'
import { PLEDGE_A, PLEDGE_B, sha256, TINY_AWARDS, tinySetup } from '../testing/tiny-conference.js'

for (const [feature, examples] of Object.entries(EXAMPLES)) runExamples(feature, examples)

const all = Object.values(EXAMPLES)
const commands = all.flatMap((e) => e.commands)

describe('the examples', () => {
  it('are one set per feature, in the registry’s order', () => {
    expect(Object.keys(EXAMPLES)).toEqual(FEATURES.map((f) => f.name))
    expect(FEATURES.map((f) => f.contract)).toEqual([...CONTRACTS])
  })

  it('have an accepted example of every command', () => {
    const accepted = new Set(commands.filter((e) => Array.isArray(e.then)).map((e) => e.when.type))
    expect([...accepted].sort()).toEqual([...COMMAND_TYPES].sort())
  })

  it('say who may send every command, once', () => {
    const rows = all.flatMap((e) => e.access.map((a) => a.when.type))
    expect([...rows].sort()).toEqual([...COMMAND_TYPES].sort())
  })

  it('show every event type', () => {
    const seen = new Set(all.flatMap((e) => [
      ...e.commands.flatMap((x) => [...x.given, ...(Array.isArray(x.then) ? x.then : [])]),
      ...(e.applied ?? []).flatMap((x) => [...x.given, ...x.applying]),
    ]).map((e) => e.type))
    seen.add('conference.created').add('award.imported')
    expect([...seen].sort()).toEqual(Object.keys(EVENTS).sort())
  })

  it('have distinct names', () => {
    const names = all.flatMap((e) => [...e.commands, ...(e.applied ?? [])].map((x) => x.name))
    expect(new Set(names).size).toBe(names.length)
  })

  it('start from the tiny conference', () => {
    const s = tinySetup()
    expect(s.sites.map((x) => x.kind)).toEqual(['hub', 'district', 'district'])
    expect([s.agenda.length, s.awardTypes.length, TINY_AWARDS.length]).toEqual([3, 2, 4])
    expect(s.blocs.map((b) => b.pledge.contentHash)).toEqual([sha256(PLEDGE_A), sha256(PLEDGE_B)])
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
