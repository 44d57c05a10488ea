/**
 * The document models from a folded state and its log, without rendering: what goes on each
 * page of the minutes and of a pledge.
 */
import { describe, expect, it } from 'vitest'
import { shown } from '../../shared/conference/awards.js'
import type { NewEvent } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import { initialState } from '../../shared/domain.js'
import { PLEDGE_A, TINY_AWARDS, sha256, tinySetup } from '../../shared/testing/tiny-conference.js'
import { sampleSignature } from '../test/sample-signature.js'
import { minutesModel } from './minutes-model.js'
import { pledgeModel, UnknownBlocError } from './pledge-model.js'
import type { DocumentSource, LoggedEvent } from './source.js'
import { defined } from '../../shared/testing/defined.js'

const T0 = Date.parse('2025-01-10T01:00:00.000Z') // 08:00 in Asia/Ho_Chi_Minh

/** A log from [minutes after T0, event] pairs, folded as the service folds it. */
function source(entries: [minutes: number, event: NewEvent][], setup = tinySetup('conf-1')): DocumentSource {
  const all: [number, NewEvent][] = [[0, { type: 'conference.created', data: setup }], [0, { type: 'award.imported', data: { awards: [...TINY_AWARDS] } }], ...entries]
  let state = initialState()
  const events: LoggedEvent[] = all.map(([min, e], i) => {
    const logged = { seq: i + 1, type: e.type, at: new Date(T0 + min * 60_000).toISOString(), data: e.data, hash: `h${i + 1}`.padEnd(64, '0') } as LoggedEvent
    state = evolve(state, logged)
    return logged
  })
  return { state, events, head: { seq: events.length, hash: defined(events.at(-1)).hash }, verify: { ok: true, events: events.length }, generatedAt: new Date(T0 + 3_600_000).toISOString() }
}

const award = (i: number) => defined(TINY_AWARDS[i])
const announce = (...ids: number[]): NewEvent => ({ type: 'award.announced', data: { awardIds: ids.map((i) => award(i).id), revealAt: T0, awards: ids.map((i) => shown(award(i))) } })
const sign = (blocId: string, seed: number, extra: { behalf?: string } = {}): NewEvent => ({ type: 'pledge.signed', data: { blocId, contentHash: sha256(PLEDGE_A), strokes: sampleSignature(seed), signerName: 'Nguyễn Văn A', ...extra } })

describe('the minutes model', () => {
  it('shows the agenda as it ran: every start, with its actual duration until the next or the end', () => {
    const m = minutesModel(source([
      [0, { type: 'conference.started', data: {} }],
      [0, { type: 'agenda.itemStarted', data: { itemId: 'open' } }],
      [10, { type: 'agenda.itemStarted', data: { itemId: 'awards' } }],
      [30, { type: 'agenda.itemStarted', data: { itemId: 'open' } }],
      [40, { type: 'agenda.itemStarted', data: { itemId: 'sign' } }],
      [52.5, { type: 'conference.ended', data: {} }],
    ]))
    expect(m.agenda.runs.map((r) => [r.itemId, r.title, r.minutes])).toEqual([
      ['open', 'Khai mạc', 10], ['awards', 'Khen thưởng', 20], ['open', 'Khai mạc', 10], ['sign', 'Ký giao ước thi đua', 12.5],
    ])
    expect(m.agenda.runs[1]).toMatchObject({ startedAt: '2025-01-10T01:10:00.000Z', endedAt: '2025-01-10T01:30:00.000Z', seq: 5 })
    expect(m.agenda.notRun).toEqual([])
    expect(m.agenda.actualMinutes).toBe(52.5)
    expect(m.draft).toBe(false)
  })

  it('takes the runs from the agenda as edited: an added item that ran is there with its unit, a removed one is not', () => {
    const m = minutesModel(source([
      [0, { type: 'agenda.itemAdded', data: { item: { id: 'speech', title: 'Tham luận', kind: 'speech', presenter: 'Đồng chí Lê Văn Hải', unit: 'UBND huyện Ninh Hải', plannedMinutes: 7 }, index: 1 } }],
      [0, { type: 'agenda.itemRemoved', data: { itemId: 'sign' } }],
      [0, { type: 'conference.started', data: {} }],
      [0, { type: 'agenda.itemStarted', data: { itemId: 'open' } }],
      [5, { type: 'agenda.itemStarted', data: { itemId: 'speech' } }],
      [13, { type: 'conference.ended', data: {} }],
    ]))
    expect(m.agenda.runs.map((r) => [r.itemId, r.minutes, r.unit])).toEqual([['open', 5, undefined], ['speech', 8, 'UBND huyện Ninh Hải']])
    expect(m.agenda.runs[1]).toMatchObject({ presenter: 'Đồng chí Lê Văn Hải', plannedMinutes: 7, seq: 7, endedAt: '2025-01-10T01:13:00.000Z' })
    expect(m.agenda.notRun.map((i) => i.id)).toEqual(['awards'])
  })

  it('is a draft while live; the running item has no end, items never started are listed', () => {
    const m = minutesModel(source([
      [0, { type: 'conference.started', data: {} }],
      [0, { type: 'agenda.itemStarted', data: { itemId: 'open' } }],
    ]))
    expect(m.draft).toBe(true)
    expect(m.agenda.runs).toEqual([expect.not.objectContaining({ endedAt: expect.anything() })])
    expect(m.agenda.notRun.map((i) => i.id)).toEqual(['awards', 'sign'])
  })

  it('counts announced awards by type in precedence order, leaving out retracted and unannounced ones', () => {
    const setup = tinySetup('conf-1')
    setup.awardTypes = [{ ...defined(setup.awardTypes[0]), precedence: 20 }, { ...defined(setup.awardTypes[1]), precedence: 10 }]
    const m = minutesModel(source([
      [0, { type: 'conference.started', data: {} }],
      [1, announce(0, 1, 2)],
      [2, { type: 'award.retracted', data: { awardId: 'a2', reason: 'Xướng nhầm tên' } }],
    ], setup))
    expect(m.awards.byType).toEqual([
      { typeId: 'cs', name: 'Chiến sĩ thi đua', collective: 0, individual: 1, total: 1, retracted: 0, notAnnounced: 1 },
      { typeId: 'bk', name: 'Bằng khen', collective: 1, individual: 0, total: 1, retracted: 1, notAnnounced: 0 },
    ])
    expect(m.awards.totals).toEqual({ collective: 1, individual: 1, total: 2, retracted: 1 })
    expect(m.retractions).toEqual([{ awardId: 'a2', recipientName: 'Trần Thị B', typeName: 'Bằng khen', reason: 'Xướng nhầm tên', at: '2025-01-10T01:02:00.000Z' }])
    // The annex lists every announced award by type, the retracted one marked.
    expect(m.annex.map((g) => [g.typeId, g.entries.map((e) => [e.recipientName, e.site ?? null, !!e.retracted])])).toEqual([
      ['cs', [['Lê Văn C', 'Huyện Ninh Phước', false]]],
      ['bk', [['Phòng Giáo dục', 'Huyện Ninh Hải', false], ['Trần Thị B', null, true]]],
    ])
  })

  it('records each site’s check-ins and problems with their times, and the attendance', () => {
    const m = minutesModel(source([
      [0, { type: 'site.checkedIn', data: { siteId: 'd1', attendees: 40 } }],
      [5, { type: 'site.issueReported', data: { siteId: 'd1', message: 'Mất tiếng' } }],
      [9, { type: 'site.issueResolved', data: { siteId: 'd1' } }],
      [10, { type: 'site.checkedIn', data: { siteId: 'd1', attendees: 55 } }],
      [12, { type: 'site.issueReported', data: { siteId: 'd2', message: 'Mất hình' } }],
    ]))
    const [hub, d1, d2] = m.sites
    expect(hub).toMatchObject({ id: 'hub', checkIns: [], issues: [] })
    expect(defined(hub).attendees).toBeUndefined()
    expect(d1).toMatchObject({ attendees: 55, checkIns: [{ attendees: 40 }, { attendees: 55 }], issues: [{ message: 'Mất tiếng', reportedAt: '2025-01-10T01:05:00.000Z', resolvedAt: '2025-01-10T01:09:00.000Z' }] })
    expect(defined(d2).issues).toEqual([{ message: 'Mất hình', reportedAt: '2025-01-10T01:12:00.000Z' }])
    expect(m.attendance).toEqual({ sites: 3, sitesCheckedIn: 1, attendees: 55 })
  })

  it('lists each bloc’s signature and voids, and the witness', () => {
    const m = minutesModel(source([
      [0, { type: 'conference.started', data: {} }],
      [1, { type: 'pledge.signingOpened', data: {} }],
      [2, sign('blocA', 1)],
      [3, { type: 'pledge.voided', data: { blocId: 'blocA', reason: 'Ký nhầm người' } }],
      [4, sign('blocA', 2, { behalf: 'KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC' })],
    ]))
    expect(m.signing.signed).toBe(1)
    expect(m.signing.blocs[0]).toMatchObject({ id: 'blocA', signature: { behalf: 'KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC' }, voided: [{ reason: 'Ký nhầm người', voidedAt: '2025-01-10T01:03:00.000Z' }] })
    expect(m.signing.blocs[1]).toEqual({ id: 'blocB', name: 'Khối B', headUnit: 'Sở Tài chính', voided: [] })
    expect(m.signing.witness).toBeUndefined()
    expect(m.head.seq).toBe(7)
  })
})

describe('the pledge model', () => {
  const signedTwice = source([
    [0, { type: 'conference.started', data: {} }],
    [1, { type: 'pledge.signingOpened', data: { blocIds: ['blocA'] } }],
    [2, sign('blocA', 1)],
    [3, { type: 'pledge.voided', data: { blocId: 'blocA', reason: 'Ký nhầm người' } }],
    [4, sign('blocA', 2, { behalf: 'KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC' })],
    [5, { type: 'pledge.signingOpened', data: { blocIds: ['blocB'] } }],
    [6, { type: 'award.retracted', data: { awardId: 'a1', reason: 'x' } }],
  ])

  it('carries the exact text, the signature with its behalf line, the voids and the audit trail of that bloc only', () => {
    const p = pledgeModel(signedTwice, 'blocA')
    expect(p.title).toBe('Giao ước thi đua – Khối A')
    expect(p.text).toBe(PLEDGE_A)
    expect(p.status).toBe('signed')
    expect(p.signature).toMatchObject({ signerName: 'Nguyễn Văn A', behalf: 'KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC', at: '2025-01-10T01:04:00.000Z', matchesText: true })
    expect(p.voided).toEqual([expect.objectContaining({ reason: 'Ký nhầm người', at: '2025-01-10T01:02:00.000Z', voidedAt: '2025-01-10T01:03:00.000Z' })])
    expect(p.audit.map((l) => [l.seq, l.type])).toEqual([[1, 'conference.created'], [4, 'pledge.signingOpened'], [5, 'pledge.signed'], [6, 'pledge.voided'], [7, 'pledge.signed']])
    expect(defined(p.audit[3]).what).toContain('Ký nhầm người')
    expect(p.audit.every((l) => l.hash.length === 64)).toBe(true)
    expect(p.head).toEqual({ seq: 9, hash: signedTwice.head.hash })
  })

  it('says an unsigned pledge is unsigned, and shows a witness only after the signature', () => {
    const b = pledgeModel(signedTwice, 'blocB')
    expect(b.status).toBe('unsigned')
    expect(b.signature).toBeUndefined()
    expect(b.audit.map((l) => l.type)).toEqual(['conference.created', 'pledge.signingOpened'])
    const witnessed = source([
      [0, { type: 'conference.started', data: {} }],
      [1, { type: 'pledge.signingOpened', data: {} }],
      [2, sign('blocA', 1)],
      [3, { type: 'pledge.signed', data: { blocId: 'blocB', contentHash: 'b'.repeat(64), strokes: sampleSignature(3), signerName: 'Trần B' } }],
      [4, { type: 'pledge.signingCompleted', data: {} }],
      [5, { type: 'pledge.witnessed', data: { witnessName: 'Chủ tịch UBND tỉnh' } }],
    ])
    expect(pledgeModel(witnessed, 'blocA').witness).toEqual({ name: 'Chủ tịch UBND tỉnh', at: '2025-01-10T01:05:00.000Z' })
    expect(pledgeModel(witnessed, 'blocB').signature?.matchesText).toBe(false)
    expect(() => pledgeModel(witnessed, 'nope')).toThrow(UnknownBlocError)
  })
})
