import { describe, expect, it } from 'vitest'
import { initialState, type ConferenceState, type Site } from '../../../shared/domain.js'
import type { Presence } from '../../../shared/protocol.js'
import { boardRows, siteStatuses } from './readiness.js'
import { fold, groupFigures, hasRollup, searchHits } from './rollup.js'

const AT = '2026-01-16T01:00:00.000Z'
const conference = (sites: Site[]): ConferenceState => ({ ...initialState('c'), sites })
const presence = (online: string[]): Presence => ({
  sites: Object.fromEntries(online.map((id) => [id, { online: true, connections: 1 }])),
  viewers: 0, watching: online.length, organisers: 1, online: online.length + 1, serverTime: 0,
})

/** A national day in small: the hub, three provinces, their communes. */
const NATION: Site[] = [
  { id: 'tw', name: 'Điểm cầu Trung ương', kind: 'hub' },
  { id: 'khanh-hoa', name: 'Tỉnh Khánh Hòa', kind: 'province', parentId: 'tw' },
  { id: 'kh-1', name: 'Xã Ninh Hải', kind: 'commune', parentId: 'khanh-hoa', checkIn: { attendees: 30, at: AT } },
  { id: 'kh-2', name: 'Phường Ninh Chử', kind: 'commune', parentId: 'khanh-hoa', issue: { message: 'Mất tiếng', at: AT } },
  { id: 'kh-3', name: 'Đặc khu Trường Sa', kind: 'commune', parentId: 'khanh-hoa' },
  { id: 'ha-noi', name: 'Thành phố Hà Nội', kind: 'province', parentId: 'tw', checkIn: { attendees: 50, at: AT } },
  { id: 'hn-1', name: 'Phường Hoàn Kiếm', kind: 'commune', parentId: 'ha-noi', checkIn: { attendees: 40, at: AT } },
  { id: 'hn-2', name: 'Xã Bát Tràng', kind: 'commune', parentId: 'ha-noi', checkIn: { attendees: 25, at: AT } },
  { id: 'lai-chau', name: 'Tỉnh Lai Châu', kind: 'province', parentId: 'tw' },
  { id: 'lc-1', name: 'Xã Sìn Hồ', kind: 'commune', parentId: 'lai-chau' },
]
const ONLINE = ['tw', 'khanh-hoa', 'kh-1', 'kh-2', 'ha-noi', 'hn-1', 'hn-2']

describe('search by any level, without diacritics', () => {
  const st = siteStatuses(conference(NATION), presence(ONLINE), true)
  const ids = (q: string) => [...(searchHits(st, q) ?? [])]
  it('"ninh hai" finds "Ninh Hải", typed in NFC or NFD, in any case', () => {
    expect(ids('ninh hai')).toEqual(['kh-1'])
    expect(ids('NINH  HẢI'.normalize('NFD'))).toEqual(['kh-1'])
    expect(ids('dac khu truong sa')).toEqual(['kh-3'])
    expect(fold('Đặc khu')).toBe('dac khu')
  })
  it("a province's name lists the province and every commune under it", () => {
    expect(ids('khanh hoa')).toEqual(['khanh-hoa', 'kh-1', 'kh-2', 'kh-3'])
    expect(ids('Hà Nội')).toEqual(['ha-noi', 'hn-1', 'hn-2'])
  })
  it('an empty query is no search, and a query nothing holds finds nothing', () => {
    expect(searchHits(st, '  ')).toBeNull()
    expect(ids('quảng bình')).toEqual([])
  })
  it('the board lists what the search finds with its parents as context; a problem stays first', () => {
    const rows = boardRows(st, { filter: 'all', search: 'khanh hoa', collapsed: new Set() })
    expect(rows.map((r) => `${r.site.id}${r.pinned ? '!' : ''}${r.context ? '~' : ''}`)).toEqual(['kh-2!', 'tw~', 'khanh-hoa', 'kh-1', 'kh-3'])
    const offline = boardRows(st, { filter: 'offline', search: 'khanh hoa', collapsed: new Set() })
    expect(offline.filter((r) => !r.context).map((r) => r.site.id)).toEqual(['kh-3'])
  })
})

describe('the rollup by province', () => {
  it('per province: sites, online, checked in, problems, delegates; problems first, then the most offline', () => {
    const groups = groupFigures(siteStatuses(conference(NATION), presence(ONLINE), true))
    expect(groups.map((g) => [g.site.id, g.total, g.online, g.checkedIn, g.problems, g.attendees])).toEqual([
      ['khanh-hoa', 4, 3, 1, 1, 30],
      ['lai-chau', 2, 0, 0, 0, 0],
      ['tw', 1, 1, 0, 0, 0],
      ['ha-noi', 3, 3, 3, 0, 115],
    ])
    expect(groups.find((g) => g.site.id === 'ha-noi')?.ready).toBe(3)
    expect(hasRollup(groups)).toBe(true)
  })
  it('offline, the console counts no one online and orders by problems only', () => {
    const groups = groupFigures(siteStatuses(conference(NATION), presence(ONLINE), false))
    expect(groups.every((g) => g.unknown && g.online === 0)).toBe(true)
    expect(groups.map((g) => g.site.id)).toEqual(['khanh-hoa', 'tw', 'ha-noi', 'lai-chau'])
  })
  it('a province day of 2025 rolls up by district; eight sites with no communes have no rollup', () => {
    const province: Site[] = [
      { id: 'hub', name: 'Điểm cầu tỉnh', kind: 'hub' },
      { id: 'd1', name: 'Huyện Ninh Hải', kind: 'district', parentId: 'hub' },
      { id: 'd2', name: 'Huyện Bác Ái', kind: 'district', parentId: 'hub' },
      { id: 'd3', name: 'Huyện Thuận Nam', kind: 'district', parentId: 'hub' },
    ]
    expect(hasRollup(groupFigures(siteStatuses(conference(province), presence([]), true)))).toBe(false)
    const withCommune = [...province, { id: 'x1', name: 'Xã Vĩnh Hải', kind: 'commune' as const, parentId: 'd1' }]
    const groups = groupFigures(siteStatuses(conference(withCommune), presence([]), true))
    expect(hasRollup(groups)).toBe(true)
    expect(groups[0]?.site.id).toBe('d1')
  })
  it('3,356 sites: a province’s name finds its communes and the rollup counts every site', () => {
    const sites: Site[] = [{ id: 'tw', name: 'Điểm cầu Trung ương', kind: 'hub' }]
    for (let p = 0; p < 34; p++) {
      sites.push({ id: `p${p}`, name: `Tỉnh Thử ${p}`, kind: 'province', parentId: 'tw' })
      for (let c = 0; c < (p < 23 ? 98 : 97); c++) sites.push({ id: `p${p}-${c}`, name: `Xã Hòa Bình ${p}-${c}`, kind: 'commune', parentId: `p${p}` })
    }
    const st = siteStatuses(conference(sites), presence(sites.filter((_, i) => i % 3 === 0).map((s) => s.id)), true)
    expect(st).toHaveLength(3356)
    const hits = searchHits(st, 'tinh thu 7')
    const groups = groupFigures(st)
    expect(hits?.size).toBe(99)
    expect(groups).toHaveLength(35)
    expect(groups.reduce((n, g) => n + g.total, 0)).toBe(3356)
  })
})
