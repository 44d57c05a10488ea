import { describe, expect, it } from 'vitest'
import { effectScope, shallowRef } from 'vue'
import { initialState, type Award, type AwardType, type ConferenceState } from '../../../shared/domain.js'
import { evolve } from '../../../shared/evolve.js'
import type { ConferenceEvent } from '../../../shared/events.js'
import { applyFilter, buildCatalog, catalogStats, emptyFilter, foldText, nextInOrder, pendingMatching, useAwardCatalog } from './useAwardCatalog.js'
import { defined } from '../../test/defined.js'

const types: AwardType[] = [
  { id: 'bang-khen', name: 'Bằng khen của Chủ tịch UBND tỉnh', recipientKind: 'both', precedence: 30 },
  { id: 'co', name: 'Cờ thi đua', recipientKind: 'collective', precedence: 10 },
  { id: 'huy-hieu', name: 'Huy hiệu', recipientKind: 'individual' },
  { id: 'hclđ', name: 'Huân chương Lao động', recipientKind: 'collective', precedence: 1 },
]
const aw = (id: string, typeId: string, extra: Partial<Award> = {}): Award => ({
  id, typeId, recipientKind: 'collective', recipientName: `Đơn vị ${id}`, ...extra,
})
const awards: Award[] = [
  aw('b1', 'bang-khen', { recipientKind: 'individual', recipientName: 'Nguyễn Đức Thắng', siteId: 'ninh-hai', decision: 'QĐ 414' }),
  aw('c1', 'co', { siteId: 'ninh-hai', decision: 'QĐ 412' }),
  aw('b2', 'bang-khen', { recipientName: 'Phòng Giáo dục huyện Bác Ái', siteId: 'bac-ai', decision: 'QĐ 399' }),
  aw('h1', 'huy-hieu', { recipientKind: 'individual' }),
  aw('c2', 'co', { siteId: 'bac-ai', decision: 'QĐ 412', announcedAt: '2023-02-22T02:00:00Z', revealAt: 2000 }),
  aw('l1', 'hclđ', { announcedAt: '2023-02-22T02:00:01Z', revealAt: 3000, retracted: { reason: 'Nhầm', at: '2023-02-22T02:01:00Z' } }),
  aw('b3', 'bang-khen', { recipientKind: 'individual', recipientName: 'Trần Thị Đức', siteId: 'ninh-hai', decision: 'QĐ 414' }),
  aw('c3', 'co', { siteId: 'ninh-hai', decision: 'QĐ 412' }),
]

describe('award catalog', () => {
  it('orders by type precedence, then import order; types without precedence last', () => {
    const c = buildCatalog(types, awards)
    expect(c.types.map((t) => t.id)).toEqual(['hclđ', 'co', 'bang-khen', 'huy-hieu'])
    expect(c.pending.map((a) => a.id)).toEqual(['c1', 'c3', 'b1', 'b2', 'b3', 'h1'])
  })

  it('counts a retracted award out of the announced ones', () => {
    const c = buildCatalog(types, awards)
    expect(c.totals).toEqual({ total: 8, announced: 1, retracted: 1, remaining: 6 })
    const hcld = defined(c.progress.find((p) => p.type.id === 'hclđ'))
    expect([hcld.announced, hcld.retracted, hcld.remaining]).toEqual([0, 1, 0])
    expect(c.retracted.map((a) => a.id)).toEqual(['l1'])
    expect(c.announced.map((a) => a.id)).toEqual(['l1', 'c2']) // latest reveal first, marked retracted
  })

  it('filters by type, kind, site, decision and a diacritic-insensitive search', () => {
    const c = buildCatalog(types, awards)
    const f = (over: Partial<ReturnType<typeof emptyFilter>>) => pendingMatching(c, { ...emptyFilter(), ...over }).map((a) => a.id)
    expect(f({ typeId: 'bang-khen' })).toEqual(['b1', 'b2', 'b3'])
    expect(f({ kind: 'individual' })).toEqual(['b1', 'b3', 'h1'])
    expect(f({ siteId: 'ninh-hai' })).toEqual(['c1', 'c3', 'b1', 'b3'])
    expect(f({ decision: 'QĐ 414' })).toEqual(['b1', 'b3'])
    expect(f({ query: 'duc' })).toEqual(['b1', 'b2', 'b3']) // "Giáo dục" too
    expect(f({ query: 'nguyen  DUC' })).toEqual(['b1'])
    expect(f({ query: 'Nguyễn Đức'.normalize('NFD') })).toEqual(['b1'])
    expect(f({ query: 'bac ai', typeId: 'bang-khen' })).toEqual(['b2'])
    expect(f({ typeId: 'co', kind: 'individual' })).toEqual([])
    expect(foldText('Đoàn Thị Hằng')).toBe('doan thi hang')
    expect(c.decisionsByType.get('co')).toEqual(['QĐ 412'])
    expect(c.decisions).toEqual(['QĐ 399', 'QĐ 412', 'QĐ 414'])
  })

  it('takes the next N in ceremony order within the filters', () => {
    const c = buildCatalog(types, awards)
    expect(nextInOrder(c, emptyFilter(), 3).map((a) => a.id)).toEqual(['c1', 'c3', 'b1'])
    // One recipient found by the search: "next 10" is that one, not ten of the whole type.
    expect(nextInOrder(c, { ...emptyFilter(), typeId: 'bang-khen', query: 'tran thi duc' }, 10).map((a) => a.id)).toEqual(['b3'])
    expect(nextInOrder(c, { ...emptyFilter(), siteId: 'ninh-hai', kind: 'individual' }, 10).map((a) => a.id)).toEqual(['b1', 'b3'])
    expect(applyFilter(c.announced, { ...emptyFilter(), siteId: 'bac-ai' }).map((a) => a.id)).toEqual(['c2'])
  })

  it('indexes 5,000 awards in one pass per incoming event', () => {
    const bigTypes: AwardType[] = Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, name: `Loại ${i}`, recipientKind: 'both', precedence: 12 - i }))
    const big: Award[] = Array.from({ length: 5000 }, (_, i) => aw(`a${i}`, `t${i % 12}`, {
      recipientKind: i % 3 ? 'individual' : 'collective', recipientName: `Nguyễn Văn Đức ${i}`, unit: `Trường THCS số ${i % 97}`,
      siteId: `s${i % 8}`, decision: `Quyết định số ${400 + (i % 9)}/QĐ-UBND`,
    }))
    const byId = new Map(big.map((a) => [a.id, a]))
    let seq = 1
    const setup: ConferenceEvent = { seq, type: 'award.imported', at: '2023-02-22T01:00:00Z', data: { awards: big } } as ConferenceEvent
    const state = shallowRef<ConferenceState>(evolve({ ...initialState('c'), status: 'live', awardTypes: bigTypes }, setup))
    const scope = effectScope()
    const catalog = defined(scope.run(() => useAwardCatalog(state)))
    const filter = { ...emptyFilter(), typeId: 't3', query: 'duc 1' }
    expect(catalog.value.totals.remaining).toBe(5000)
    expect(pendingMatching(catalog.value, filter).length).toBeGreaterThan(0)

    const before = { ...catalogStats }
    const announce = (ids: string[]) => {
      const e = { seq: ++seq, type: 'award.announced', at: '2023-02-22T02:00:00Z', data: { awardIds: ids, revealAt: 1e12 + seq, awards: ids.map((id) => defined(byId.get(id))) } } as ConferenceEvent
      const t0 = performance.now()
      state.value = evolve(state.value, e)
      const t1 = performance.now()
      const c = catalog.value
      const shown = pendingMatching(c, filter)
      return { ms: performance.now() - t0, indexMs: performance.now() - t1, c, shown }
    }
    const first = announce(['a7'])
    const runs = [8, 9, 10, 11, 12].map((i) => announce([`a${i}`]))
    const median = (xs: number[]) => defined(xs.sort((a, b) => a - b)[2])
    const batch = announce(big.slice(100, 1100).map((a) => a.id))
    console.log(`catalog with 5,000 awards, one announcement (evolve + index + filtered list): first ${first.ms.toFixed(2)} ms, then median ${median(runs.map((r) => r.ms)).toFixed(2)} ms, of which index + filter ${median(runs.map((r) => r.indexMs)).toFixed(2)} ms; a batch of 1,000: ${batch.ms.toFixed(2)} ms`)

    expect(catalogStats.builds - before.builds).toBe(7)
    expect(catalogStats.awardVisits - before.awardVisits).toBe(7 * 5000)
    // Only the awards the event changed get their search text folded again.
    expect(catalogStats.foldedTexts - before.foldedTexts).toBeLessThanOrEqual(6 + 1000)
    expect(batch.c.totals).toEqual({ total: 5000, announced: 1006, retracted: 0, remaining: 3994 })

    // An event that does not touch the awards rebuilds nothing.
    const builds = catalogStats.builds
    state.value = evolve(state.value, { seq: ++seq, type: 'conference.ended', at: '2023-02-22T03:00:00Z', data: {} } as ConferenceEvent)
    void catalog.value
    expect(catalogStats.builds).toBe(builds)
    scope.stop()
  })
})
