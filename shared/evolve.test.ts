import { describe, it, expect } from 'vitest'
import { evolve, replay } from './evolve.js'
import { initialState, type ConferenceState, type Strokes } from './domain.js'
import type { ConferenceEvent, EventDataMap, EventType, NewEvent } from './events.js'
import { shown } from './conference/awards.js'
import { COMMAND_TYPES, Command, describeZodError } from './commands.js'
import { PLEDGE_A, PLEDGE_B, TINY_AWARDS, sha256, tinySetup } from './testing/tiny-conference.js'

// ---------------------------------------------------------------- factories

const T0 = Date.parse('2025-01-10T08:00:00.000Z')
const setup = () => tinySetup()
const AWARDS = [...TINY_AWARDS]

const STROKES: Strokes = [[[0.1, 0.2, 0], [0.3, 0.4, 20]]]

/** Gives decided events their place in a log. */
function toLog(events: NewEvent[], firstSeq = 1): ConferenceEvent[] {
  return events.map((e, i) => ({ ...e, seq: firstSeq + i, at: new Date(T0 + (firstSeq + i) * 1000).toISOString() }) as ConferenceEvent)
}

function ev<T extends EventType>(type: T, data: EventDataMap[T], seq: number): ConferenceEvent {
  return { type, data, seq, at: new Date(T0 + seq * 1000).toISOString() } as ConferenceEvent
}

const CREATED = (): NewEvent[] => [
  { type: 'conference.created', data: setup() },
  { type: 'award.imported', data: { awards: AWARDS } },
]

/** A log touching every event type. */
function fullLog(): ConferenceEvent[] {
  return toLog([
    ...CREATED(),
    { type: 'site.checkedIn', data: { siteId: 'hub', attendees: 100 } },
    { type: 'conference.started', data: {} },
    { type: 'agenda.itemStarted', data: { itemId: 'open' } },
    { type: 'site.issueReported', data: { siteId: 'd1', message: 'Mất tiếng' } },
    { type: 'site.checkedIn', data: { siteId: 'd2', attendees: 30 } },
    { type: 'agenda.itemStarted', data: { itemId: 'awards' } },
    { type: 'site.issueResolved', data: { siteId: 'd1' } },
    { type: 'site.added', data: { site: { id: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'd1' } } },
    { type: 'award.announced', data: { awardIds: ['a1', 'a2'], revealAt: T0 + 9300, awards: [shown(AWARDS[0]!), shown(AWARDS[1]!)] } },
    { type: 'award.retracted', data: { awardId: 'a2', reason: 'Sai tên' } },
    { type: 'agenda.itemStarted', data: { itemId: 'sign' } },
    { type: 'pledge.signingOpened', data: {} },
    { type: 'pledge.signingClosed', data: {} },
    { type: 'pledge.signingOpened', data: {} },
    { type: 'pledge.signed', data: { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES, signerName: 'Nguyễn Văn A' } },
    { type: 'pledge.signed', data: { blocId: 'blocB', contentHash: sha256(PLEDGE_B), strokes: STROKES, signerName: 'Trưởng Khối B' } },
    { type: 'pledge.signingCompleted', data: {} },
    { type: 'pledge.witnessed', data: { witnessName: 'Chủ tịch' } },
    { type: 'conference.ended', data: {} },
  ])
}

const base = (): ConferenceState => replay(toLog(CREATED()))

// ---------------------------------------------------------------- evolve

describe('evolve: each event type', () => {
  it('conference.created fills the empty state from the setup', () => {
    const s = evolve(initialState(), ev('conference.created', setup(), 1))
    expect(s).toEqual({
      ...initialState('conf-1'),
      title: 'Hội nghị tổng kết',
      venue: 'Hội trường tỉnh',
      date: '2025-01-10',
      timeZone: 'Asia/Ho_Chi_Minh',
      sites: setup().sites,
      awardTypes: setup().awardTypes,
      blocs: setup().blocs,
      agenda: { items: setup().agenda.map((i) => ({ ...i, rev: 1, runs: [] })), currentItemId: null, rev: 1 },
    })
    expect(s.status).toBe('scheduled')
    expect(s.signing).toEqual({ status: 'closed' })
    expect(s.awards).toEqual([])
  })

  it('award.imported appends awards', () => {
    let s = evolve(initialState(), ev('conference.created', setup(), 1))
    s = evolve(s, ev('award.imported', { awards: AWARDS.slice(0, 2) }, 2))
    s = evolve(s, ev('award.imported', { awards: AWARDS.slice(2) }, 3))
    expect(s.awards).toEqual(AWARDS)
  })

  it('conference.started / conference.ended set status and times', () => {
    const started = evolve(base(), ev('conference.started', {}, 3))
    expect(started.status).toBe('live')
    expect(started.startedAt).toBe(new Date(T0 + 3000).toISOString())
    const ended = evolve(started, ev('conference.ended', {}, 4))
    expect(ended.status).toBe('ended')
    expect(ended.endedAt).toBe(new Date(T0 + 4000).toISOString())
    expect(ended.startedAt).toBe(started.startedAt)
  })

  it('agenda.itemStarted makes the item current and stamps it', () => {
    const s = evolve(base(), ev('agenda.itemStarted', { itemId: 'awards' }, 5))
    expect(s.agenda.currentItemId).toBe('awards')
    expect(s.agenda.items[1]!.startedAt).toBe(new Date(T0 + 5000).toISOString())
    expect(s.agenda.items[0]!.startedAt).toBeUndefined()
    const again = evolve(s, ev('agenda.itemStarted', { itemId: 'awards' }, 9))
    expect(again.agenda.items[1]!.startedAt).toBe(new Date(T0 + 9000).toISOString())
  })

  it('site.checkedIn records the roll call of one site', () => {
    const s = evolve(base(), ev('site.checkedIn', { siteId: 'd1', attendees: 12 }, 3))
    expect(s.sites[1]!.checkIn).toEqual({ attendees: 12, at: new Date(T0 + 3000).toISOString() })
    expect(s.sites[0]!.checkIn).toBeUndefined()
    expect(s.sites[2]!.checkIn).toBeUndefined()
  })

  it('site.issueReported / site.issueResolved open and close a problem', () => {
    const reported = evolve(base(), ev('site.issueReported', { siteId: 'd2', message: 'Mất hình' }, 3))
    expect(reported.sites[2]!.issue).toEqual({ message: 'Mất hình', at: new Date(T0 + 3000).toISOString() })
    const resolved = evolve(reported, ev('site.issueResolved', { siteId: 'd2' }, 4))
    // The open problem goes; its history stays, with both times.
    expect(resolved.sites[2]).toEqual({ ...setup().sites[2], issues: [{ message: 'Mất hình', reportedAt: new Date(T0 + 3000).toISOString(), resolvedAt: new Date(T0 + 4000).toISOString() }] })
    expect('issue' in resolved.sites[2]!).toBe(false)
  })

  it('award.announced stamps announcedAt and revealAt on the named awards only', () => {
    const s = evolve(base(), ev('award.announced', { awardIds: ['a1', 'a3'], revealAt: 12345, awards: [shown(AWARDS[0]!), shown(AWARDS[2]!)] }, 3))
    const at = new Date(T0 + 3000).toISOString()
    expect(s.awards.map((a) => [a.id, a.announcedAt, a.revealAt])).toEqual([
      ['a1', at, 12345],
      ['a2', undefined, undefined],
      ['a3', at, 12345],
      ['a4', undefined, undefined],
    ])
  })

  it('award.retracted keeps the award and marks it', () => {
    let s = evolve(base(), ev('award.announced', { awardIds: ['a1'], revealAt: 1, awards: [shown(AWARDS[0]!)] }, 3))
    s = evolve(s, ev('award.retracted', { awardId: 'a1', reason: 'Sai tên' }, 4))
    expect(s.awards).toHaveLength(4)
    expect(s.awards[0]).toMatchObject({ id: 'a1', announcedAt: expect.any(String), revealAt: 1, retracted: { reason: 'Sai tên', at: new Date(T0 + 4000).toISOString() } })
    expect(s.awards[1]!.retracted).toBeUndefined()
  })

  it('pledge.signingOpened / signingClosed / signingCompleted set the signing status', () => {
    const opened = evolve(base(), ev('pledge.signingOpened', {}, 3))
    expect(opened.signing).toEqual({ status: 'open', openedAt: new Date(T0 + 3000).toISOString() })
    const closed = evolve(opened, ev('pledge.signingClosed', {}, 4))
    expect(closed.signing.status).toBe('closed')
    const completed = evolve(opened, ev('pledge.signingCompleted', {}, 5))
    expect(completed.signing.status).toBe('completed')
  })

  it('pledge.signed puts the signature on its bloc', () => {
    const data = { blocId: 'blocB', contentHash: sha256(PLEDGE_B), strokes: STROKES, signerName: 'Trần B' }
    const s = evolve(base(), ev('pledge.signed', data, 3))
    expect(s.blocs[1]!.signature).toEqual({ at: new Date(T0 + 3000).toISOString(), signerName: 'Trần B', contentHash: sha256(PLEDGE_B), strokes: STROKES })
    expect(s.blocs[0]!.signature).toBeUndefined()
    expect(s.blocs[1]!.pledge).toEqual(setup().blocs[1]!.pledge)
  })

  it('pledge.witnessed stamps the witness, with or without a name', () => {
    const named = evolve(base(), ev('pledge.witnessed', { witnessName: 'Chủ tịch' }, 3))
    expect(named.signing).toMatchObject({ witnessedAt: new Date(T0 + 3000).toISOString(), witnessName: 'Chủ tịch' })
    const unnamed = evolve(base(), ev('pledge.witnessed', {}, 3))
    expect(unnamed.signing.witnessedAt).toBe(new Date(T0 + 3000).toISOString())
    expect(unnamed.signing.witnessName).toBeUndefined()
  })

  it('the full log reaches the expected final state', () => {
    const s = replay(fullLog())
    expect(s.status).toBe('ended')
    expect(s.agenda.currentItemId).toBe('sign')
    expect(s.sites.map((x) => x.checkIn?.attendees)).toEqual([100, undefined, 30, undefined])
    expect(s.sites.every((x) => !x.issue)).toBe(true)
    expect(s.awards.filter((a) => a.announcedAt).map((a) => a.id)).toEqual(['a1', 'a2'])
    expect(s.awards.filter((a) => a.retracted).map((a) => a.id)).toEqual(['a2'])
    expect(s.blocs.every((b) => b.signature)).toBe(true)
    expect(s.signing).toMatchObject({ status: 'completed', witnessName: 'Chủ tịch' })
  })

  it('the full log has every event type', () => {
    const types = new Set(fullLog().map((e) => e.type))
    const all: EventType[] = [
      'conference.created', 'conference.started', 'conference.ended', 'agenda.itemStarted', 'site.checkedIn',
      'site.issueReported', 'site.issueResolved', 'site.added', 'award.imported', 'award.announced', 'award.retracted',
      'pledge.signingOpened', 'pledge.signingClosed', 'pledge.signed', 'pledge.signingCompleted', 'pledge.witnessed',
    ]
    expect([...types].sort()).toEqual([...all].sort())
  })
})

describe('evolve never mutates its input', () => {
  it.each(fullLog().map((e) => [e.seq, e.type] as const))('event %i (%s)', (seq) => {
    const log = fullLog()
    const before = replay(log.slice(0, seq - 1))
    const stateCopy = structuredClone(before)
    const event = log[seq - 1]!
    const eventCopy = structuredClone(event)
    const after = evolve(before, event)
    expect(before).toEqual(stateCopy)
    expect(event).toEqual(eventCopy)
    expect(after).not.toBe(before)
  })

  it('works on deep-frozen states and events', () => {
    const freeze = <T>(o: T): T => {
      if (o && typeof o === 'object' && !Object.isFrozen(o)) {
        Object.freeze(o)
        for (const v of Object.values(o)) freeze(v)
      }
      return o
    }
    const log = fullLog().map(freeze)
    expect(() => log.reduce((s, e) => freeze(evolve(s, e)), freeze(initialState()))).not.toThrow()
    expect(log.reduce((s, e) => freeze(evolve(s, e)), freeze(initialState()))).toEqual(replay(fullLog()))
  })
})

describe('replay', () => {
  it('equals the step-by-step fold', () => {
    const log = fullLog()
    let s = initialState()
    for (const e of log) s = evolve(s, e)
    expect(replay(log)).toEqual(s)
  })

  it('from a snapshot of a prefix equals replay of the whole', () => {
    const log = fullLog()
    for (let cut = 0; cut <= log.length; cut++) {
      const snapshot = structuredClone(replay(log.slice(0, cut)))
      expect(replay(log.slice(cut), snapshot)).toEqual(replay(log))
    }
  })

  it('of an empty log is the initial state', () => {
    expect(replay([])).toEqual(initialState())
  })

  it('two sites applying the same events get deep-equal states', () => {
    const siteA = replay(fullLog())
    // site B receives the events serialized over the wire, one at a time, from a JSON snapshot midway
    const wire = JSON.parse(JSON.stringify(fullLog())) as ConferenceEvent[]
    let siteB = initialState()
    for (const e of wire.slice(0, 8)) siteB = evolve(siteB, e)
    siteB = JSON.parse(JSON.stringify(siteB)) as ConferenceState
    for (const e of wire.slice(8)) siteB = evolve(siteB, e)
    expect(siteB).toEqual(siteA)
    expect(JSON.parse(JSON.stringify(siteB))).toEqual(JSON.parse(JSON.stringify(siteA)))
  })
})

// ---------------------------------------------------------------- Command schema

const HASH = sha256(PLEDGE_A)
const EXAMPLES: Record<string, unknown> = {
  'conference.start': {},
  'conference.end': {},
  'conference.schedule': { startsAt: '2030-01-15T08:00:00+07:00' },
  'agenda.goto': { itemId: 'open' },
  'agenda.next': {},
  'agenda.previous': {},
  'agenda.addItem': { title: 'Tham luận', kind: 'speech', presenter: 'Đồng chí A', unit: 'Sở Nội vụ', plannedMinutes: 7, afterItemId: 'open' },
  'agenda.updateItem': { itemId: 'open', rev: 1, title: 'Khai mạc hội nghị', presenter: null },
  'agenda.moveItem': { itemId: 'sign', toIndex: 0, listRev: 1 },
  'agenda.removeItem': { itemId: 'sign', rev: 1 },
  'site.checkIn': { attendees: 12 },
  'site.reportIssue': { message: 'Mất tiếng', siteId: 'd1' },
  'site.resolveIssue': { siteId: 'd1' },
  'site.add': { name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd1' },
  'award.announce': { awardIds: ['a1', 'a2'], revealInMs: 500 },
  'award.retract': { awardId: 'a1', reason: 'Sai tên' },
  'pledge.void': { blocId: 'blocA', reason: 'Ký nhầm' },
  'award.import': { awards: [{ id: 'a9', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Nội vụ' }] },
  'pledge.openSigning': {},
  'pledge.closeSigning': {},
  'pledge.sign': { blocId: 'blocA', contentHash: HASH, strokes: STROKES, signerName: 'Nguyễn Văn A' },
  'pledge.witness': { witnessName: 'Chủ tịch' },
}
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
      expect(r.error.issues[0]!.code).toBe('unrecognized_keys')
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
