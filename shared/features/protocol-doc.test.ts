/**
 * docs/protocol.md cannot drift from the contract: every command, event (with its version),
 * refusal reason and limit in the code is in it, and nothing it lists as one is missing from the code.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ErrorReason } from '../errors.js'
import { DEFAULT_REVEAL_LEAD_MS, MAX_CATCH_UP_EVENTS, PROTOCOL_VERSION } from '../protocol.js'
import { REVEAL_LEAD_MS } from './awards/contract.js'
import { COMMAND_TYPES, CONTRACTS, EVENT_VERSION, EVENTS } from './contracts.js'

const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8')

/** The text of a section, from its heading to the next heading of the same level. */
function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}`)
  if (start < 0) throw new Error(`docs/protocol.md has no section "${heading}"`)
  const level = heading.split(' ')[0]
  const end = doc.indexOf(`\n${level} `, start + heading.length + 1)
  return doc.slice(start, end < 0 ? undefined : end)
}

/** Table rows whose first cell is a backticked name: name → the whole row. */
function rows(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    const m = /^\| `([a-zA-Z]+\.[a-zA-Z]+)` \|/.exec(line)
    if (m?.[1]) out.set(m[1], line)
  }
  return out
}

/** Numbers as the page writes them ("100 000", "2,000") made plain. */
const numbers = (text: string) => new Set((text.replace(/(\d)[ ,\u202f\u00a0](?=\d{3}\b)/g, '$1').match(/\d+/g) ?? []).map(Number))

const commands = rows(section('## 4. Commands'))
const events = rows(section('## 5. Events'))
const errors = section('## 6. Error codes')
const reasonTable = errors.slice(errors.indexOf('| reason | code |'), errors.indexOf('\n\n', errors.indexOf('| reason | code |')))
const documentedReasons = new Set([...reasonTable.matchAll(/`([a-z]+\.[a-zA-Z]+)`/g)].map((m) => m[1]))
/** The limits a command's contract names. */
function limitsOf(type: string): Record<string, number> {
  for (const c of CONTRACTS) {
    const limits: Record<string, Record<string, number> | undefined> = c.limits
    const found = limits[type]
    if (found) return found
  }
  return {}
}

describe('docs/protocol.md', () => {
  it('lists every command, and no command the code does not have', () => {
    expect([...commands.keys()].sort()).toEqual([...COMMAND_TYPES].sort())
  })

  it('lists every event with the version it is written in today, and no other', () => {
    expect([...events.keys()].sort()).toEqual(Object.keys(EVENTS).sort())
    for (const [type, row] of events) {
      const v = /^\| `[^`]+` \| (\d+) \|/.exec(row)?.[1]
      expect(Number(v), `${type}: the version column`).toBe(EVENT_VERSION[type as keyof typeof EVENT_VERSION])
    }
  })

  it('lists every refusal reason in the table of §6, and no reason the code does not have', () => {
    const inCode = new Set<string>(Object.values(ErrorReason))
    expect([...inCode].filter((r) => !documentedReasons.has(r))).toEqual([])
    expect([...documentedReasons].filter((r) => r !== undefined && !inCode.has(r))).toEqual([])
  })

  it.each(COMMAND_TYPES.map((t) => [t] as const))('states every limit of %s in its row', (type) => {
    const said = numbers(commands.get(type) ?? '')
    for (const [name, value] of Object.entries(limitsOf(type))) expect(said.has(value), `${type}: ${name} = ${value}`).toBe(true)
  })

  it('gives the signature limits of §11 as pledge.sign has them', () => {
    const row = section('## 11. Limits').split('\n').find((l) => l.startsWith('| `pledge.sign`')) ?? ''
    const { strokes, strokePoints, points } = limitsOf('pledge.sign')
    for (const n of [strokes, strokePoints, points]) expect(numbers(row).has(n ?? -1), `§11 pledge.sign: ${n}`).toBe(true)
  })

  it('names the protocol version, the catch-up limit and the reveal lead the code uses', () => {
    expect(doc).toContain(`\`PROTOCOL_VERSION = ${PROTOCOL_VERSION}\``)
    const welcomes = [...doc.matchAll(/\{ "protocol": (\d+)/g)].map((m) => Number(m[1]))
    expect(welcomes.length).toBeGreaterThan(0)
    expect(welcomes.every((v) => v === PROTOCOL_VERSION)).toBe(true)
    expect(doc).toContain(`\`MAX_CATCH_UP_EVENTS\` (${MAX_CATCH_UP_EVENTS})`)
    expect(REVEAL_LEAD_MS).toBe(DEFAULT_REVEAL_LEAD_MS)
  })
})
