import { describe, it, expect } from 'vitest'
import { decide, type Decision } from './decide.js'
import { shown } from '../../shared/conference/awards.js'
import { evolve } from '../../shared/evolve.js'
import { initialState, type Actor, type ConferenceState, type Strokes } from '../../shared/domain.js'
import type { Command, CommandType } from '../../shared/commands.js'
import type { ConferenceEvent, NewEvent } from '../../shared/events.js'
import { DEFAULT_REVEAL_LEAD_MS } from '../../shared/protocol.js'
import { PLEDGE_A, PLEDGE_B, TINY_AWARDS, sha256, tinySetup } from '../../shared/testing/tiny-conference.js'

// ---------------------------------------------------------------- factories

const CONF = 'conf-1'
const NOW = 1_700_000_000_000
const setup = () => tinySetup(CONF)
const AWARDS = [...TINY_AWARDS]

let seq = 0
const at = (n: number) => new Date(NOW + n * 1000).toISOString()

function fold(state: ConferenceState, events: readonly NewEvent[]): ConferenceState {
  return events.reduce((s, e) => evolve(s, { ...e, seq: ++seq, at: at(seq) } as ConferenceEvent), state)
}

/** The tiny conference, scheduled, with its awards imported. */
function scheduled(): ConferenceState {
  return fold(initialState(), [
    { type: 'conference.created', data: setup() },
    { type: 'award.imported', data: { awards: AWARDS } },
  ])
}

const host: Actor = { conferenceId: CONF, role: 'host', label: 'Ban tổ chức' }
const siteActor = (siteId: string): Actor => ({ conferenceId: CONF, role: 'site', siteId, label: `Điểm cầu ${siteId}` })
const signer = (blocId: string, label?: string): Actor => ({ conferenceId: CONF, role: 'signer', blocId, label })

let cmdN = 0
function cmd<T extends CommandType>(type: T, data: Extract<Command, { type: T }>['data']): Command {
  return { id: `cmd-${String(++cmdN).padStart(6, '0')}`, type, data } as Command
}

const STROKES: Strokes = [
  [
    [0.1, 0.2, 0],
    [0.3, 0.4, 16],
  ],
  [[0.5, 0.5, 0]],
]

interface Step {
  state: ConferenceState
  decision: Decision
}

/** Runs decide and folds its events into the state; returns the new state and the decision. */
function run(state: ConferenceState, command: Command, actor: Actor = host, nowMs = NOW): Step {
  const decision = decide(state, command, actor, { nowMs })
  return { decision, state: decision.ok ? fold(state, decision.events) : state }
}

/** Runs a command that must succeed; returns the new state. */
function ok(state: ConferenceState, command: Command, actor: Actor = host, nowMs = NOW): ConferenceState {
  const { decision, state: next } = run(state, command, actor, nowMs)
  if (!decision.ok) throw new Error(`${command.type} refused: ${decision.code} ${decision.message}`)
  return next
}

function eventsOf(state: ConferenceState, command: Command, actor: Actor = host, nowMs = NOW): NewEvent[] {
  const d = decide(state, command, actor, { nowMs })
  if (!d.ok) throw new Error(`${command.type} refused: ${d.code} ${d.message}`)
  return d.events
}

function expectRefused(state: ConferenceState, command: Command, code: string, actor: Actor = host, nowMs = NOW): string {
  const d = decide(state, command, actor, { nowMs })
  expect(d.ok).toBe(false)
  if (d.ok) return ''
  expect(d.code).toBe(code)
  expect(d.message).toEqual(expect.any(String))
  expect(d.message.length).toBeGreaterThan(0)
  return d.message
}

const live = () => ok(scheduled(), cmd('conference.start', {}))
const signingOpen = () => ok(live(), cmd('pledge.openSigning', {}))
const sign = (state: ConferenceState, blocId: string, extra: { signerName?: string } = {}) =>
  ok(state, cmd('pledge.sign', { blocId, contentHash: state.blocs.find((b) => b.id === blocId)!.pledge.contentHash, strokes: STROKES, ...extra }), signer(blocId))
const signingCompleted = () => sign(sign(signingOpen(), 'blocA'), 'blocB')

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const v of Object.values(o)) deepFreeze(v)
  }
  return o
}

// ---------------------------------------------------------------- tests

describe('factories', () => {
  it('build the tiny conference', () => {
    const s = scheduled()
    expect(s.id).toBe(CONF)
    expect(s.status).toBe('scheduled')
    expect(s.sites.map((x) => x.kind)).toEqual(['hub', 'district', 'district'])
    expect(s.agenda.items).toHaveLength(3)
    expect(s.awardTypes).toHaveLength(2)
    expect(s.awards).toHaveLength(4)
    expect(s.blocs.map((b) => b.pledge.contentHash)).toEqual([sha256(PLEDGE_A), sha256(PLEDGE_B)])
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})

describe('any command on a conference that does not exist', () => {
  it('is refused not_found', () => {
    expectRefused(initialState(), cmd('conference.start', {}), 'not_found')
    expectRefused(initialState(), cmd('site.checkIn', { attendees: 1 }), 'not_found', siteActor('d1'))
  })
})

describe('conference.start', () => {
  it('emits conference.started and agenda.itemStarted of the first item', () => {
    const s = scheduled()
    expect(eventsOf(s, cmd('conference.start', {}))).toEqual([
      { type: 'conference.started', data: {} },
      { type: 'agenda.itemStarted', data: { itemId: 'open' } },
    ])
    const after = ok(s, cmd('conference.start', {}))
    expect(after.status).toBe('live')
    expect(after.startedAt).toEqual(expect.any(String))
    expect(after.agenda.currentItemId).toBe('open')
    expect(after.agenda.items[0]!.startedAt).toEqual(expect.any(String))
  })

  it('emits only conference.started when the agenda is empty', () => {
    const s = fold(initialState(), [{ type: 'conference.created', data: { ...setup(), agenda: [] } }])
    expect(eventsOf(s, cmd('conference.start', {}))).toEqual([{ type: 'conference.started', data: {} }])
  })

  it('is refused conflict when already live', () => {
    expectRefused(live(), cmd('conference.start', {}), 'conflict')
  })

  it('is refused conflict when ended', () => {
    const ended = ok(live(), cmd('conference.end', {}))
    expectRefused(ended, cmd('conference.start', {}), 'conflict')
  })
})

describe('conference.end', () => {
  it('ends a live conference', () => {
    const s = live()
    expect(eventsOf(s, cmd('conference.end', {}))).toEqual([{ type: 'conference.ended', data: {} }])
    const after = ok(s, cmd('conference.end', {}))
    expect(after.status).toBe('ended')
    expect(after.endedAt).toEqual(expect.any(String))
  })

  it('is refused conflict when scheduled', () => {
    expectRefused(scheduled(), cmd('conference.end', {}), 'conflict')
  })

  it('is refused conflict when already ended', () => {
    expectRefused(ok(live(), cmd('conference.end', {})), cmd('conference.end', {}), 'conflict')
  })
})

describe('agenda.goto', () => {
  it('makes an item current', () => {
    const s = live()
    expect(eventsOf(s, cmd('agenda.goto', { itemId: 'sign' }))).toEqual([{ type: 'agenda.itemStarted', data: { itemId: 'sign' } }])
    const after = ok(s, cmd('agenda.goto', { itemId: 'sign' }))
    expect(after.agenda.currentItemId).toBe('sign')
    expect(after.agenda.items[2]!.startedAt).toEqual(expect.any(String))
  })

  it('can go back to an earlier item', () => {
    const s = ok(live(), cmd('agenda.goto', { itemId: 'sign' }))
    expect(ok(s, cmd('agenda.goto', { itemId: 'open' })).agenda.currentItemId).toBe('open')
  })

  it('is refused not_found for an unknown item, naming it', () => {
    const msg = expectRefused(live(), cmd('agenda.goto', { itemId: 'nope' }), 'not_found')
    expect(msg).toContain('nope')
  })

  it('is refused conflict when the item is already current', () => {
    expectRefused(live(), cmd('agenda.goto', { itemId: 'open' }), 'conflict')
  })

  it('is refused conflict when the conference is not live', () => {
    expectRefused(scheduled(), cmd('agenda.goto', { itemId: 'awards' }), 'conflict')
    expectRefused(ok(live(), cmd('conference.end', {})), cmd('agenda.goto', { itemId: 'awards' }), 'conflict')
  })
})

describe('agenda.next / agenda.previous', () => {
  it('step forward and back through the agenda', () => {
    let s = live()
    expect(eventsOf(s, cmd('agenda.next', {}))).toEqual([{ type: 'agenda.itemStarted', data: { itemId: 'awards' } }])
    s = ok(s, cmd('agenda.next', {}))
    expect(s.agenda.currentItemId).toBe('awards')
    s = ok(s, cmd('agenda.next', {}))
    expect(s.agenda.currentItemId).toBe('sign')
    expect(eventsOf(s, cmd('agenda.previous', {}))).toEqual([{ type: 'agenda.itemStarted', data: { itemId: 'awards' } }])
    s = ok(s, cmd('agenda.previous', {}))
    s = ok(s, cmd('agenda.previous', {}))
    expect(s.agenda.currentItemId).toBe('open')
  })

  it('agenda.next is refused conflict at the last item', () => {
    const s = ok(live(), cmd('agenda.goto', { itemId: 'sign' }))
    expectRefused(s, cmd('agenda.next', {}), 'conflict')
  })

  it('agenda.previous is refused conflict at the first item', () => {
    expectRefused(live(), cmd('agenda.previous', {}), 'conflict')
  })

  it('are refused conflict when the conference is not live', () => {
    expectRefused(scheduled(), cmd('agenda.next', {}), 'conflict')
    expectRefused(scheduled(), cmd('agenda.previous', {}), 'conflict')
    const ended = ok(ok(live(), cmd('agenda.next', {})), cmd('conference.end', {}))
    expectRefused(ended, cmd('agenda.next', {}), 'conflict')
    expectRefused(ended, cmd('agenda.previous', {}), 'conflict')
  })
})

describe('site.checkIn', () => {
  it("records the roll call of the actor's own site", () => {
    const s = scheduled()
    expect(eventsOf(s, cmd('site.checkIn', { attendees: 42 }), siteActor('d1'))).toEqual([
      { type: 'site.checkedIn', data: { siteId: 'd1', attendees: 42 } },
    ])
    const after = ok(s, cmd('site.checkIn', { attendees: 42 }), siteActor('d1'))
    expect(after.sites.find((x) => x.id === 'd1')!.checkIn).toEqual({ attendees: 42, at: expect.any(String) })
    expect(after.sites.find((x) => x.id === 'd2')!.checkIn).toBeUndefined()
  })

  it('works while live and a later roll call replaces the earlier one', () => {
    let s = ok(live(), cmd('site.checkIn', { attendees: 10 }), siteActor('hub'))
    s = ok(s, cmd('site.checkIn', { attendees: 0 }), siteActor('hub'))
    expect(s.sites[0]!.checkIn!.attendees).toBe(0)
  })

  it('is refused conflict after the conference has ended', () => {
    const ended = ok(live(), cmd('conference.end', {}))
    expectRefused(ended, cmd('site.checkIn', { attendees: 5 }), 'conflict', siteActor('d1'))
  })

  it('is refused not_found for a site token whose site does not exist', () => {
    expectRefused(scheduled(), cmd('site.checkIn', { attendees: 5 }), 'not_found', siteActor('ghost'))
  })
})

describe('site.reportIssue / site.resolveIssue', () => {
  it("a site reports and resolves its own problem", () => {
    let s = live()
    expect(eventsOf(s, cmd('site.reportIssue', { message: 'Mất tiếng' }), siteActor('d2'))).toEqual([
      { type: 'site.issueReported', data: { siteId: 'd2', message: 'Mất tiếng', by: 'site' } },
    ])
    s = ok(s, cmd('site.reportIssue', { message: 'Mất tiếng' }), siteActor('d2'))
    expect(s.sites.find((x) => x.id === 'd2')!.issue).toEqual({ message: 'Mất tiếng', at: expect.any(String) })
    expect(eventsOf(s, cmd('site.resolveIssue', {}), siteActor('d2'))).toEqual([{ type: 'site.issueResolved', data: { siteId: 'd2', by: 'site' } }])
    s = ok(s, cmd('site.resolveIssue', {}), siteActor('d2'))
    expect(s.sites.find((x) => x.id === 'd2')!.issue).toBeUndefined()
    expect('issue' in s.sites.find((x) => x.id === 'd2')!).toBe(false)
  })

  it("a site's siteId in the payload never redirects it to another site", () => {
    // authorize refuses this; decide still acts only on the actor's own site
    expect(eventsOf(live(), cmd('site.reportIssue', { message: 'x', siteId: 'd2' }), siteActor('d1'))).toEqual([
      { type: 'site.issueReported', data: { siteId: 'd1', message: 'x', by: 'site' } },
    ])
  })

  it('the host reports and resolves for a named site', () => {
    let s = live()
    s = ok(s, cmd('site.reportIssue', { message: 'Mất hình', siteId: 'd1' }))
    expect(s.sites.find((x) => x.id === 'd1')!.issue!.message).toBe('Mất hình')
    expect(eventsOf(s, cmd('site.resolveIssue', { siteId: 'd1' }))).toEqual([{ type: 'site.issueResolved', data: { siteId: 'd1', by: 'host' } }])
    s = ok(s, cmd('site.resolveIssue', { siteId: 'd1' }))
    expect(s.sites.find((x) => x.id === 'd1')!.issue).toBeUndefined()
  })

  it('the host must name the site: invalid without siteId', () => {
    const msg = expectRefused(live(), cmd('site.reportIssue', { message: 'x' }), 'invalid')
    expect(msg).toContain('siteId')
    expectRefused(live(), cmd('site.resolveIssue', {}), 'invalid')
  })

  it('is refused not_found for an unknown site', () => {
    expectRefused(live(), cmd('site.reportIssue', { message: 'x', siteId: 'ghost' }), 'not_found')
    expectRefused(live(), cmd('site.resolveIssue', { siteId: 'ghost' }), 'not_found')
    expectRefused(live(), cmd('site.reportIssue', { message: 'x' }), 'not_found', siteActor('ghost'))
  })

  it('resolving without an open problem is refused conflict', () => {
    expectRefused(live(), cmd('site.resolveIssue', {}), 'conflict', siteActor('d1'))
    expectRefused(live(), cmd('site.resolveIssue', { siteId: 'd1' }), 'conflict')
    const resolved = ok(ok(live(), cmd('site.reportIssue', { message: 'x' }), siteActor('d1')), cmd('site.resolveIssue', {}), siteActor('d1'))
    expectRefused(resolved, cmd('site.resolveIssue', {}), 'conflict', siteActor('d1'))
  })
})

describe('award.announce', () => {
  it(`reveals at nowMs + ${DEFAULT_REVEAL_LEAD_MS} by default`, () => {
    expect(DEFAULT_REVEAL_LEAD_MS).toBe(300)
    const s = live()
    expect(eventsOf(s, cmd('award.announce', { awardIds: ['a1', 'a3'] }), host, NOW)).toEqual([
      { type: 'award.announced', data: { awardIds: ['a1', 'a3'], revealAt: NOW + 300, awards: [shown(AWARDS[0]!), shown(AWARDS[2]!)] } },
    ])
    const after = ok(s, cmd('award.announce', { awardIds: ['a1', 'a3'] }), host, NOW)
    const byId = new Map(after.awards.map((a) => [a.id, a]))
    expect(byId.get('a1')).toMatchObject({ revealAt: NOW + 300, announcedAt: expect.any(String) })
    expect(byId.get('a3')).toMatchObject({ revealAt: NOW + 300, announcedAt: expect.any(String) })
    expect(byId.get('a2')!.announcedAt).toBeUndefined()
    expect(byId.get('a2')!.revealAt).toBeUndefined()
  })

  it('reveals at nowMs + revealInMs when given (0 included)', () => {
    const s = live()
    expect(eventsOf(s, cmd('award.announce', { awardIds: ['a2'], revealInMs: 2500 }), host, NOW + 7)).toEqual([
      { type: 'award.announced', data: { awardIds: ['a2'], revealAt: NOW + 7 + 2500, awards: [shown(AWARDS[1]!)] } },
    ])
    expect(eventsOf(s, cmd('award.announce', { awardIds: ['a2'], revealInMs: 0 }), host, NOW)).toEqual([
      { type: 'award.announced', data: { awardIds: ['a2'], revealAt: NOW, awards: [shown(AWARDS[1]!)] } },
    ])
  })

  it('is refused not_found for an unknown award, and announces nothing', () => {
    const msg = expectRefused(live(), cmd('award.announce', { awardIds: ['a1', 'zzz'] }), 'not_found')
    expect(msg).toContain('zzz')
  })

  it('is refused conflict when an award is already announced', () => {
    const s = ok(live(), cmd('award.announce', { awardIds: ['a1'] }))
    expectRefused(s, cmd('award.announce', { awardIds: ['a1'] }), 'conflict')
    expectRefused(s, cmd('award.announce', { awardIds: ['a2', 'a1'] }), 'conflict')
  })

  it('is refused conflict when an award was retracted', () => {
    let s = ok(live(), cmd('award.announce', { awardIds: ['a1'] }))
    s = ok(s, cmd('award.retract', { awardId: 'a1', reason: 'Sai tên' }))
    const msg = expectRefused(s, cmd('award.announce', { awardIds: ['a1'] }), 'conflict')
    expect(msg).toContain('retracted')
  })

  it('is refused invalid when the list names an award twice', () => {
    const msg = expectRefused(live(), cmd('award.announce', { awardIds: ['a1', 'a2', 'a1'] }), 'invalid')
    expect(msg).toContain('awardIds')
  })

  it('is refused conflict when the conference is not live', () => {
    expectRefused(scheduled(), cmd('award.announce', { awardIds: ['a1'] }), 'conflict')
    expectRefused(ok(live(), cmd('conference.end', {})), cmd('award.announce', { awardIds: ['a1'] }), 'conflict')
  })
})

describe('award.retract', () => {
  it('withdraws an announced award, keeping it in the history', () => {
    const s = ok(live(), cmd('award.announce', { awardIds: ['a1', 'a2'] }))
    expect(eventsOf(s, cmd('award.retract', { awardId: 'a1', reason: 'Sai tên' }))).toEqual([
      { type: 'award.retracted', data: { awardId: 'a1', reason: 'Sai tên' } },
    ])
    const after = ok(s, cmd('award.retract', { awardId: 'a1', reason: 'Sai tên' }))
    expect(after.awards).toHaveLength(4)
    const a1 = after.awards.find((a) => a.id === 'a1')!
    expect(a1.retracted).toEqual({ reason: 'Sai tên', at: expect.any(String) })
    expect(a1.announcedAt).toEqual(expect.any(String))
    expect(after.awards.find((a) => a.id === 'a2')!.retracted).toBeUndefined()
  })

  it('is refused not_found for an unknown award', () => {
    expectRefused(live(), cmd('award.retract', { awardId: 'zzz', reason: 'x' }), 'not_found')
  })

  it('is refused conflict when the award was not announced', () => {
    expectRefused(live(), cmd('award.retract', { awardId: 'a1', reason: 'x' }), 'conflict')
  })

  it('is refused conflict when the award is already retracted', () => {
    let s = ok(live(), cmd('award.announce', { awardIds: ['a1'] }))
    s = ok(s, cmd('award.retract', { awardId: 'a1', reason: 'x' }))
    expectRefused(s, cmd('award.retract', { awardId: 'a1', reason: 'again' }), 'conflict')
  })
})

describe('pledge.openSigning / pledge.closeSigning', () => {
  it('open then close then reopen', () => {
    let s = live()
    expect(eventsOf(s, cmd('pledge.openSigning', {}))).toEqual([{ type: 'pledge.signingOpened', data: {} }])
    s = ok(s, cmd('pledge.openSigning', {}))
    expect(s.signing.status).toBe('open')
    expect(s.signing.openedAt).toEqual(expect.any(String))
    expect(eventsOf(s, cmd('pledge.closeSigning', {}))).toEqual([{ type: 'pledge.signingClosed', data: {} }])
    s = ok(s, cmd('pledge.closeSigning', {}))
    expect(s.signing.status).toBe('closed')
    s = ok(s, cmd('pledge.openSigning', {}))
    expect(s.signing.status).toBe('open')
  })

  it('openSigning is refused conflict when already open', () => {
    expectRefused(signingOpen(), cmd('pledge.openSigning', {}), 'conflict')
  })

  it('openSigning is refused conflict when completed', () => {
    expectRefused(signingCompleted(), cmd('pledge.openSigning', {}), 'conflict')
  })

  it('openSigning is refused conflict when the conference is not live', () => {
    expectRefused(scheduled(), cmd('pledge.openSigning', {}), 'conflict')
    expectRefused(ok(live(), cmd('conference.end', {})), cmd('pledge.openSigning', {}), 'conflict')
  })

  it('closeSigning is refused conflict unless open', () => {
    expectRefused(live(), cmd('pledge.closeSigning', {}), 'conflict')
    expectRefused(signingCompleted(), cmd('pledge.closeSigning', {}), 'conflict')
  })
})

describe('pledge.sign', () => {
  it('signs the pledge, with signerName defaulting to the bloc signerName', () => {
    const s = signingOpen()
    const hash = sha256(PLEDGE_A)
    expect(eventsOf(s, cmd('pledge.sign', { blocId: 'blocA', contentHash: hash, strokes: STROKES }), signer('blocA', 'link label'))).toEqual([
      { type: 'pledge.signed', data: { blocId: 'blocA', contentHash: hash, strokes: STROKES, signerName: 'Nguyễn Văn A' } },
    ])
    const after = sign(s, 'blocA')
    expect(after.blocs[0]!.signature).toEqual({ at: expect.any(String), signerName: 'Nguyễn Văn A', contentHash: hash, strokes: STROKES })
    expect(after.blocs[1]!.signature).toBeUndefined()
    expect(after.signing.status).toBe('open')
  })

  it('uses the signerName given in the command over the default', () => {
    const [e] = eventsOf(signingOpen(), cmd('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES, signerName: 'Người ký thay' }), signer('blocA'))
    expect(e).toMatchObject({ type: 'pledge.signed', data: { signerName: 'Người ký thay' } })
  })

  it('falls back to a non-empty name when the bloc has no signerName', () => {
    const [e] = eventsOf(signingOpen(), cmd('pledge.sign', { blocId: 'blocB', contentHash: sha256(PLEDGE_B), strokes: STROKES }), signer('blocB'))
    expect(e!.type).toBe('pledge.signed')
    expect((e!.data as { signerName: string }).signerName.length).toBeGreaterThan(0)
  })

  it('the last signature also emits pledge.signingCompleted', () => {
    const s = sign(signingOpen(), 'blocB')
    const events = eventsOf(s, cmd('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES }), signer('blocA'))
    expect(events.map((e) => e.type)).toEqual(['pledge.signed', 'pledge.signingCompleted'])
    const after = sign(s, 'blocA')
    expect(after.signing.status).toBe('completed')
    expect(after.blocs.every((b) => b.signature)).toBe(true)
  })

  it('is refused not_found for an unknown bloc', () => {
    expectRefused(signingOpen(), cmd('pledge.sign', { blocId: 'blocZ', contentHash: sha256(PLEDGE_A), strokes: STROKES }), 'not_found', signer('blocZ'))
  })

  it('is refused conflict while signing is closed', () => {
    expectRefused(live(), cmd('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES }), 'conflict', signer('blocA'))
    const closed = ok(signingOpen(), cmd('pledge.closeSigning', {}))
    expectRefused(closed, cmd('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES }), 'conflict', signer('blocA'))
  })

  it('is refused conflict when the contentHash does not match the pledge text', () => {
    const s = signingOpen()
    const msg = expectRefused(s, cmd('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_B), strokes: STROKES }), 'conflict', signer('blocA'))
    expect(msg).toContain('contentHash')
    expectRefused(s, cmd('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A + ' '), strokes: STROKES }), 'conflict', signer('blocA'))
    expectRefused(s, cmd('pledge.sign', { blocId: 'blocA', contentHash: '0'.repeat(64), strokes: STROKES }), 'conflict', signer('blocA'))
  })

  it('is refused conflict when the bloc has already signed', () => {
    const s = sign(signingOpen(), 'blocA')
    expectRefused(s, cmd('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES }), 'conflict', signer('blocA'))
  })
})

describe('pledge.witness', () => {
  it('witnesses the completed signing, with or without a name', () => {
    const s = signingCompleted()
    expect(eventsOf(s, cmd('pledge.witness', { witnessName: 'Chủ tịch UBND tỉnh' }))).toEqual([
      { type: 'pledge.witnessed', data: { witnessName: 'Chủ tịch UBND tỉnh' } },
    ])
    expect(eventsOf(s, cmd('pledge.witness', {}))).toEqual([{ type: 'pledge.witnessed', data: {} }])
    const after = ok(s, cmd('pledge.witness', { witnessName: 'Chủ tịch UBND tỉnh' }))
    expect(after.signing).toMatchObject({ status: 'completed', witnessedAt: expect.any(String), witnessName: 'Chủ tịch UBND tỉnh' })
  })

  it('is refused conflict before the signing is completed', () => {
    expectRefused(live(), cmd('pledge.witness', {}), 'conflict')
    expectRefused(sign(signingOpen(), 'blocA'), cmd('pledge.witness', {}), 'conflict')
  })

  it('is refused conflict the second time', () => {
    const s = ok(signingCompleted(), cmd('pledge.witness', {}))
    expectRefused(s, cmd('pledge.witness', {}), 'conflict')
  })
})

describe('an ended conference', () => {
  it('refuses every further command with conflict, so the minutes stay final', () => {
    const ended = ok(signingOpen(), cmd('conference.end', {}))
    const blocA = ended.blocs.find((b) => b.id === 'blocA')!
    expectRefused(ended, cmd('pledge.sign', { blocId: 'blocA', contentHash: blocA.pledge.contentHash, strokes: [[[0.1, 0.2, 0]]] }), 'conflict', signer('blocA'))
    expectRefused(ended, cmd('pledge.closeSigning', {}), 'conflict')
    expectRefused(ended, cmd('site.reportIssue', { message: 'Mất tiếng', siteId: ended.sites[1]!.id }), 'conflict')
  })

  it('refuses opening a signing that has no blocs', () => {
    const noBlocs = { ...live(), blocs: [] }
    expectRefused(noBlocs, cmd('pledge.openSigning', {}), 'conflict')
  })
})

describe('decide is pure', () => {
  const cases: Array<[string, () => ConferenceState, Command, Actor]> = [
    ['conference.start', scheduled, cmd('conference.start', {}), host],
    ['conference.end', live, cmd('conference.end', {}), host],
    ['agenda.goto', live, cmd('agenda.goto', { itemId: 'sign' }), host],
    ['agenda.next', live, cmd('agenda.next', {}), host],
    ['agenda.previous', live, cmd('agenda.previous', {}), host],
    ['site.checkIn', live, cmd('site.checkIn', { attendees: 3 }), siteActor('d1')],
    ['site.reportIssue', live, cmd('site.reportIssue', { message: 'x', siteId: 'd1' }), host],
    ['site.resolveIssue', live, cmd('site.resolveIssue', {}), siteActor('d1')],
    ['award.announce', live, cmd('award.announce', { awardIds: ['a1', 'a2'], revealInMs: 50 }), host],
    ['award.retract', () => ok(live(), cmd('award.announce', { awardIds: ['a1'] })), cmd('award.retract', { awardId: 'a1', reason: 'x' }), host],
    ['pledge.openSigning', live, cmd('pledge.openSigning', {}), host],
    ['pledge.closeSigning', signingOpen, cmd('pledge.closeSigning', {}), host],
    ['pledge.sign', () => sign(signingOpen(), 'blocB'), cmd('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES }), signer('blocA')],
    ['pledge.witness', signingCompleted, cmd('pledge.witness', { witnessName: 'W' }), host],
  ]

  it('covers every command type', () => {
    const types = new Set(cases.map((c) => c[2].type))
    expect(types.size).toBe(14)
  })

  it.each(cases)('%s: same inputs give deep-equal results and the state is not mutated', (_name, make, command, actor) => {
    const state = make()
    const before = structuredClone(state)
    const cmdBefore = structuredClone(command)
    const first = decide(state, command, actor, { nowMs: NOW })
    const second = decide(state, command, actor, { nowMs: NOW })
    expect(second).toEqual(first)
    expect(state).toEqual(before)
    expect(command).toEqual(cmdBefore)
    // and on a deep-frozen state and command it neither throws nor changes the answer
    const frozen = deepFreeze(structuredClone(state))
    expect(decide(frozen, deepFreeze(structuredClone(command)), actor, { nowMs: NOW })).toEqual(first)
    // structurally equal (but not identical) states give the same answer
    expect(decide(structuredClone(state), command, actor, { nowMs: NOW })).toEqual(first)
  })

  it('refusals are pure too', () => {
    const state = deepFreeze(live())
    const c = cmd('award.announce', { awardIds: ['nope'] })
    expect(decide(state, c, host, { nowMs: NOW })).toEqual(decide(state, c, host, { nowMs: NOW + 999 }))
  })

  it('only the given clock changes revealAt', () => {
    const state = live()
    const c = cmd('award.announce', { awardIds: ['a1'] })
    const a = decide(state, c, host, { nowMs: 1000 })
    const b = decide(state, c, host, { nowMs: 2000 })
    expect(a).toEqual({ ok: true, events: [{ type: 'award.announced', data: { awardIds: ['a1'], revealAt: 1300, awards: [shown(AWARDS[0]!)] } }] })
    expect(b).toEqual({ ok: true, events: [{ type: 'award.announced', data: { awardIds: ['a1'], revealAt: 2300, awards: [shown(AWARDS[0]!)] } }] })
  })
})

describe('a whole ceremony chained through decide and evolve', () => {
  it('runs start to end', () => {
    let s = scheduled()
    s = ok(s, cmd('site.checkIn', { attendees: 120 }), siteActor('hub'))
    s = ok(s, cmd('conference.start', {}))
    s = ok(s, cmd('site.checkIn', { attendees: 35 }), siteActor('d1'))
    s = ok(s, cmd('agenda.next', {}))
    s = ok(s, cmd('award.announce', { awardIds: ['a1', 'a2', 'a3', 'a4'] }))
    s = ok(s, cmd('award.retract', { awardId: 'a4', reason: 'Nhầm người' }))
    s = ok(s, cmd('agenda.next', {}))
    s = ok(s, cmd('pledge.openSigning', {}))
    s = sign(s, 'blocA')
    s = sign(s, 'blocB', { signerName: 'Trần B' })
    s = ok(s, cmd('pledge.witness', { witnessName: 'Chủ tịch' }))
    s = ok(s, cmd('conference.end', {}))
    expect(s.status).toBe('ended')
    expect(s.agenda.currentItemId).toBe('sign')
    expect(s.awards.filter((a) => a.announcedAt)).toHaveLength(4)
    expect(s.awards.filter((a) => a.retracted).map((a) => a.id)).toEqual(['a4'])
    expect(s.blocs.map((b) => b.signature?.signerName)).toEqual(['Nguyễn Văn A', 'Trần B'])
    expect(s.signing).toMatchObject({ status: 'completed', witnessName: 'Chủ tịch' })
    expect(s.sites.map((x) => x.checkIn?.attendees)).toEqual([120, 35, undefined])
  })
})
