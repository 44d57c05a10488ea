import { describe, expect, it } from 'vitest'
import type { Award, AwardType } from '../../../shared/domain.js'
import { awardStats, groupRoll, paginate, placeOf, timeLeftInItem, whereLine, type PageLayout, type RollLine } from './roll.js'
import { densityIn, measures, pagesAt, REFERENCE_BOX, type RollWords } from './roll-layout.js'
import type { RollDensity } from '../../../shared/features/awards/roll.js'
import { defined } from '../../test/defined.js'

const types: AwardType[] = [
  { id: 'bk', name: 'Bằng khen của Chủ tịch UBND tỉnh', recipientKind: 'both', precedence: 20 },
  { id: 'co', name: 'Cờ thi đua của UBND tỉnh', recipientKind: 'collective', precedence: 10 },
]
const order = { types: new Map(types.map((t) => [t.id, t])), siteOrder: ['hub', 'ninh-hai', 'thuan-nam'] }
let n = 0
const award = (extra: Partial<Award> = {}): Award => ({
  id: `a${++n}`, typeId: 'bk', recipientKind: 'collective', recipientName: `Đơn vị ${n}`, revealAt: 1000, announcedAt: 'x', ...extra,
})

describe('groupRoll', () => {
  it('orders by type precedence, kind, decision as announced and locality, keeping a unit together', () => {
    const qd1 = 'Quyết định số 398/QĐ-UBND ngày 06/02/2023'
    const qd2 = 'Quyết định số 412/QĐ-UBND ngày 10/02/2023'
    const batch = [
      award({ id: 'i1', recipientKind: 'individual', decision: qd1, siteId: 'hub' }),
      award({ id: 'c2', decision: qd2, siteId: 'thuan-nam', unit: 'UBND huyện Thuận Nam' }),
      award({ id: 'c1', decision: qd2, siteId: 'hub', unit: 'Sở Y tế' }),
      award({ id: 'c3', decision: qd2, siteId: 'thuan-nam', unit: 'Công an tỉnh' }),
      award({ id: 'f1', typeId: 'co', decision: qd1, siteId: 'ninh-hai' }),
      award({ id: 'c0', decision: qd1, siteId: 'ninh-hai' }),
    ]
    const groups = groupRoll(batch, order)
    expect(groups.map((g) => [g.typeId, g.kind, g.decision])).toEqual([
      ['co', 'collective', qd1], ['bk', 'collective', qd2], ['bk', 'collective', qd1], ['bk', 'individual', qd1],
    ])
    expect(defined(groups[1]).localities.map((l) => [l.siteId, l.awards.map((a) => a.id)])).toEqual([['hub', ['c1']], ['thuan-nam', ['c2', 'c3']]])
    const units = groupRoll(['A', 'B', 'A', 'C', 'B'].map((unit, i) => award({ id: `u${i}`, unit, siteId: 'hub' })), order)
    expect(defined(defined(units[0]).localities[0]).awards.map((a) => a.id)).toEqual(['u0', 'u2', 'u1', 'u4', 'u3'])
  })

  it('keeps awards of another class apart', () => {
    const groups = groupRoll([award({ awardClass: 'hạng Nhì' }), award({ awardClass: 'hạng Ba' }), award({ awardClass: 'hạng Nhì' })], order)
    expect(groups.map((g) => [g.awardClass, defined(g.localities[0]).awards.length])).toEqual([['hạng Nhì', 2], ['hạng Ba', 1]])
  })
})

describe('paginate', () => {
  const layout: PageLayout = { columns: 2, columnHeight: 100, localityHeight: 10, groupHeight: () => 15, awardHeight: (a) => (a.recipientName.length > 20 ? 40 : 20) }

  const shapeOf = (pages: ReturnType<typeof paginate>) =>
    pages.map((p) => p.columns.map((c) => c.map((l) => (l.kind === 'award' ? 'A' : l.kind === 'group' ? 'G' : l.continued ? 'h+' : 'h')).join('')))

  it('fills columns then pages, repeats the locality at a column top, and starts a group in a new column', () => {
    const hub = Array.from({ length: 6 }, () => award({ siteId: 'hub' }))
    const nh = Array.from({ length: 5 }, () => award({ siteId: 'ninh-hai' }))
    const other = award({ typeId: 'co', siteId: 'hub' })
    const pages = paginate(groupRoll([...hub, ...nh, other], order), layout)
    // The small 'co' group first; the next group under its own header in the second column
    // (15 + 10 + 3×20 = 85), then 10 + 4×20 = 90 a column: the hub's last three, Ninh Hải's.
    expect(shapeOf(pages)).toEqual([['hA', 'GhAAA'], ['h+AAAhA', 'h+AAAA']])
    expect(pages.map((p) => p.group.typeId)).toEqual(['co', 'bk'])
    expect(pages.reduce((s, p) => s + p.size, 0)).toBe(12)
  })

  it('starts a page with the group that fills it', () => {
    const pages = paginate(groupRoll([award({ typeId: 'co' }), ...Array.from({ length: 9 }, () => award())], order), { ...layout, columns: 1 })
    expect(shapeOf(pages)).toEqual([['hA'], ['hAAAA'], ['h+AAAA'], ['h+A']])
    expect(pages.map((p) => p.group.typeId)).toEqual(['co', 'bk', 'bk', 'bk'])
  })

  it('never leaves a locality header alone at the foot of a column', () => {
    const a = Array.from({ length: 4 }, () => award({ siteId: 'hub' }))
    const b = [award({ siteId: 'ninh-hai', recipientName: 'Một tên rất dài của một đơn vị' })]
    const pages = paginate(groupRoll([...a, ...b], order), { ...layout, columns: 1 })
    expect(pages.map((p) => defined(p.columns[0]).map((l) => l.kind))).toEqual([
      ['locality', 'award', 'award', 'award', 'award'], ['locality', 'award'],
    ])
  })

  it('shows a single tall award rather than an empty page', () => {
    const pages = paginate(groupRoll([award({ recipientName: 'x'.repeat(30) })], order), { ...layout, columnHeight: 30 })
    expect(pages).toHaveLength(1)
    expect(defined(pages[0]).size).toBe(1)
  })
})

describe('timeLeftInItem', () => {
  it('reads the time left in a timed agenda item', () => {
    const startedAt = new Date(1_000_000).toISOString()
    expect(timeLeftInItem({ startedAt, plannedMinutes: 15 }, 1_060_000)).toBe(14 * 60_000)
    expect(timeLeftInItem({ plannedMinutes: 15 }, 0)).toBeNull()
    expect(timeLeftInItem(null, 0)).toBeNull()
  })
})

describe('whereLine', () => {
  const city = { name: 'Thành phố Phan Rang - Tháp Chàm', kind: 'district' as const }
  it('does not name the place twice', () => {
    expect(placeOf(city.name)).toBe('Phan Rang - Tháp Chàm')
    expect(whereLine({ recipientName: 'Nguyễn Văn A', unit: 'Giáo viên Trường THCS Lý Tự Trọng, thành phố Phan Rang - Tháp Chàm' }, city))
      .toBe('Giáo viên Trường THCS Lý Tự Trọng, thành phố Phan Rang - Tháp Chàm')
    expect(whereLine({ recipientName: 'Công an thành phố Phan Rang - Tháp Chàm', unit: 'Công an tỉnh' }, city)).toBe('Công an tỉnh')
    expect(whereLine({ recipientName: 'Trường Mầm non Hoa Sen', unit: 'Phòng Giáo dục và Đào tạo' }, city))
      .toBe('Phòng Giáo dục và Đào tạo · Thành phố Phan Rang - Tháp Chàm')
  })
  it('matches NFD text and never names the hub', () => {
    expect(whereLine({ recipientName: 'X', unit: 'UBND huyện Ninh Hải'.normalize('NFD') }, { name: 'Huyện Ninh Hải', kind: 'district' }))
      .toBe('UBND huyện Ninh Hải'.normalize('NFD'))
    expect(whereLine({ recipientName: 'Sở Y tế', unit: 'UBND tỉnh Ninh Thuận' }, { name: 'Điểm cầu tỉnh', kind: 'hub' })).toBe('UBND tỉnh Ninh Thuận')
  })
})

describe('awardStats', () => {
  it('counts what is revealed by type and kind, and counts retractions out', () => {
    const awards = [
      award({ typeId: 'co', revealAt: 100 }),
      award({ typeId: 'co', revealAt: 100, retracted: { reason: 'nhầm', at: 'y' } }),
      award({ typeId: 'co', revealAt: undefined, sealed: true, recipientName: '' }),
      award({ recipientKind: 'individual', revealAt: 100 }),
      award({ recipientKind: 'individual', revealAt: 5000 }),
    ]
    const s = awardStats(awards, types, 1000)
    expect(s.announced).toBe(2)
    expect(s.retracted).toBe(1)
    expect(s.byType).toEqual([
      { typeId: 'co', collective: { announced: 1, total: 2 }, individual: { announced: 0, total: 0 } },
      { typeId: 'bk', collective: { announced: 0, total: 0 }, individual: { announced: 1, total: 2 } },
    ])
  })
})

describe('densityIn', () => {
  const words: RollWords = { groupTitle: () => 'Bằng khen', groupLine: () => 'Tập thể', withdrawn: () => 'Đã thu hồi' }
  const long = 'Phòng Lao động - Thương binh và Xã hội thành phố Phan Rang - Tháp Chàm, tỉnh Ninh Thuận'
  const groups = groupRoll([award({ siteId: 'hub', recipientName: long, unit: long }), award({ siteId: 'ninh-hai' })], order)
  /** The tallest column of a page at `density` in `box`, in px (what paginate stacked into it). */
  const tallest = (density: RollDensity, box: { width: number; height: number }) => {
    const { d, awardHeight } = measures(density, box, words, new Map())
    const lineHeight = (l: RollLine) => (l.kind === 'locality' ? d.localityHeight : l.kind === 'award' ? awardHeight(l.award) : 0)
    return Math.max(...pagesAt(groups, density, box, words).flatMap((p) => p.columns.map((c) => c.reduce((h, l) => h + lineHeight(l), 0))))
  }

  it('keeps the planned density where the box holds every row', () => {
    expect(densityIn(groups, 'large', REFERENCE_BOX, words)).toBe('large')
  })

  it('goes denser in a low box until the tallest row fits under its place, and never lighter than planned', () => {
    const low = { width: REFERENCE_BOX.width, height: 262 }
    expect(tallest('dense', low)).toBeGreaterThan(low.height - 12)
    const chosen = densityIn(groups, 'dense', low, words)
    expect(chosen).toBe('tight')
    expect(tallest(chosen, low)).toBeLessThanOrEqual(low.height)
    expect(densityIn(groups, 'tight', REFERENCE_BOX, words)).toBe('tight')
  })

  it('takes the density whose tallest row is lowest when none fits', () => {
    const tiny = { width: REFERENCE_BOX.width, height: 200 }
    expect(densityIn(groups, 'dense', tiny, words)).toBe('tight')
    expect(densityIn(groups, 'large', tiny, words)).toBe('large')
  })
})
