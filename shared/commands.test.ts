/** The `Command` schema: what parses, and how a payload that does not is named. Pure contract, no rules. */
import { describe, it, expect } from 'vitest'
import { COMMAND_TYPES, Command, describeZodError } from './commands.js'
import { EXAMPLES as FEATURE_EXAMPLES } from './features/examples.js'
import { PLEDGE_A, sha256 } from './testing/tiny-conference.js'

const HASH = sha256(PLEDGE_A)
const STROKES = [[[0.1, 0.2, 0], [0.3, 0.4, 20]]]
/** One valid payload of each command: the feature examples' access rows. */
const EXAMPLES: Record<string, unknown> = Object.fromEntries(Object.values(FEATURE_EXAMPLES).flatMap((e) => e.access.map((a) => [a.when.type, a.when.data])))
const ID = '3f1c2d4e-aaaa-bbbb-cccc-123456789abc'

function parseError(payload: unknown): string {
  const r = Command.safeParse(payload)
  expect(r.success).toBe(false)
  return r.success ? '' : describeZodError(r.error)
}

describe('Command schema', () => {
  it('has an example for every command type', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...COMMAND_TYPES].sort())
  })

  it.each(COMMAND_TYPES)('accepts a valid %s', (type) => {
    const r = Command.safeParse({ id: ID, type, data: EXAMPLES[type] })
    expect(r.success, r.success ? '' : describeZodError(r.error)).toBe(true)
  })

  it.each(COMMAND_TYPES)('rejects %s with an extra field in data (strict)', (type) => {
    const msg = parseError({ id: ID, type, data: { ...(EXAMPLES[type] as object), extra: 1 } })
    expect(msg).toContain('data')
  })

  it.each(COMMAND_TYPES)('rejects %s without data', (type) => {
    expect(parseError({ id: ID, type })).toContain('data')
  })

  it('rejects a negative attendee count, naming data.attendees', () => {
    expect(parseError({ id: ID, type: 'site.checkIn', data: { attendees: -1 } })).toContain('data.attendees')
    expect(parseError({ id: ID, type: 'site.checkIn', data: { attendees: 1.5 } })).toContain('data.attendees')
    expect(parseError({ id: ID, type: 'site.checkIn', data: { attendees: '12' } })).toContain('data.attendees')
    expect(parseError({ id: ID, type: 'site.checkIn', data: {} })).toContain('data.attendees')
  })

  it('rejects an unknown type, naming type', () => {
    expect(parseError({ id: ID, type: 'conference.delete', data: {} })).toContain('type')
    expect(parseError({ id: ID, data: {} })).toContain('type')
  })

  it('rejects a bad command id, naming id', () => {
    expect(parseError({ id: 'short', type: 'conference.start', data: {} })).toMatch(/^id: /)
    expect(parseError({ id: 'has spaces in it', type: 'conference.start', data: {} })).toMatch(/^id: /)
    expect(parseError({ type: 'conference.start', data: {} })).toMatch(/^id: /)
  })

  it('names the extra field of a strict data object', () => {
    const r = Command.safeParse({ id: ID, type: 'site.checkIn', data: { attendees: 3, siteId: 'd2' } })
    expect(r.success).toBe(false)
    if (!r.success) {
      expect(r.error.issues[0]?.code).toBe('unrecognized_keys')
      expect(JSON.stringify(r.error.issues)).toContain('siteId')
    }
  })

  it('rejects strokes with x > 1, naming data.strokes', () => {
    const msg = parseError({ id: ID, type: 'pledge.sign', data: { blocId: 'blocA', contentHash: HASH, strokes: [[[1.5, 0.5, 0]]] } })
    expect(msg).toContain('data.strokes')
    expect(msg).toContain('data.strokes.0.0.0')
  })

  it('rejects other malformed strokes', () => {
    const sign = (strokes: unknown) => ({ id: ID, type: 'pledge.sign', data: { blocId: 'blocA', contentHash: HASH, strokes } })
    expect(parseError(sign([[[0.5, -0.1, 0]]]))).toContain('data.strokes')
    expect(parseError(sign([[[0.5, 0.5, -1]]]))).toContain('data.strokes')
    expect(parseError(sign([[[0.5, 0.5]]]))).toContain('data.strokes')
    expect(parseError(sign([]))).toContain('data.strokes')
    expect(parseError(sign([[]]))).toContain('data.strokes')
    expect(parseError(sign('M 0 0 L 1 1'))).toContain('data.strokes')
  })

  it('rejects a contentHash that is not lowercase hex SHA-256, naming data.contentHash', () => {
    const sign = (contentHash: unknown) => ({ id: ID, type: 'pledge.sign', data: { blocId: 'blocA', contentHash, strokes: STROKES } })
    expect(parseError(sign('z'.repeat(64)))).toContain('data.contentHash')
    expect(parseError(sign(HASH.toUpperCase()))).toContain('data.contentHash')
    expect(parseError(sign(HASH.slice(1)))).toContain('data.contentHash')
    expect(parseError(sign(HASH + '0'))).toContain('data.contentHash')
    expect(parseError(sign(undefined))).toContain('data.contentHash')
  })

  it('rejects bad ids and texts in data, naming the field', () => {
    expect(parseError({ id: ID, type: 'agenda.goto', data: { itemId: 'bad id/../x' } })).toContain('data.itemId')
    expect(parseError({ id: ID, type: 'agenda.goto', data: { itemId: '' } })).toContain('data.itemId')
    expect(parseError({ id: ID, type: 'site.reportIssue', data: { message: '   ' } })).toContain('data.message')
    expect(parseError({ id: ID, type: 'site.reportIssue', data: { message: 'x'.repeat(501) } })).toContain('data.message')
    expect(parseError({ id: ID, type: 'award.retract', data: { awardId: 'a1' } })).toContain('data.reason')
    expect(parseError({ id: ID, type: 'pledge.sign', data: { contentHash: HASH, strokes: STROKES } })).toContain('data.blocId')
  })

  it('rejects bad award announcements, naming the field', () => {
    expect(parseError({ id: ID, type: 'award.announce', data: { awardIds: [] } })).toBe('data.awardIds: name at least one award')
    expect(parseError({ id: ID, type: 'award.announce', data: { awardIds: ['a1'], revealInMs: -1 } })).toContain('data.revealInMs')
    expect(parseError({ id: ID, type: 'award.announce', data: { awardIds: ['a1'], revealInMs: 10_001 } })).toContain('data.revealInMs')
    expect(parseError({ id: ID, type: 'award.announce', data: { awardIds: 'a1' } })).toContain('data.awardIds')
  })

  it('rejects payloads that are not objects', () => {
    for (const p of [null, undefined, 42, 'conference.start', []]) {
      expect(Command.safeParse(p).success).toBe(false)
    }
  })

  it('describeZodError produces "path: message"', () => {
    expect(parseError({ id: ID, type: 'site.checkIn', data: { attendees: -1 } })).toMatch(/^data\.attendees: .+/)
  })

  it('trims text fields', () => {
    const r = Command.parse({ id: ID, type: 'site.reportIssue', data: { message: '  Mất tiếng  ' } })
    expect(r.data).toEqual({ message: 'Mất tiếng' })
  })
})
