import { describe, expect, it } from 'vitest'
import { initialState, type ConferenceState, type Site } from '../../../shared/domain.js'
import type { Presence } from '../../../shared/protocol.js'
import { boardRows, siteGroups, siteStatuses, summarize, treeOrder } from './readiness.js'
import { defined } from '../../test/defined.js'

const AT = '2025-01-10T01:00:00.000Z'
function conference(sites: Site[]): ConferenceState {
  return { ...initialState('c'), sites }
}
const presence = (online: string[]): Presence => ({
  sites: Object.fromEntries(online.map((id) => [id, { online: true, connections: 1, rttMs: 20 }])),
  viewers: 0, watching: online.length, organisers: 1, online: online.length + 1, serverTime: 0,
})

const SITES: Site[] = [
  { id: 'hub', name: 'Điểm cầu tỉnh', kind: 'hub', checkIn: { attendees: 200, at: AT } },
  { id: 'd1', name: 'Huyện Ninh Hải', kind: 'district', parentId: 'hub', checkIn: { attendees: 80, at: AT } },
  { id: 'd2', name: 'Huyện Bác Ái', kind: 'district', parentId: 'hub', checkIn: { attendees: 40, at: AT }, issue: { message: 'Mất tiếng', at: AT } },
  { id: 'x1', name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd1' },
  { id: 'x2', name: 'Xã Phước Đại', kind: 'commune', parentId: 'd2', checkIn: { attendees: 12, at: AT } },
]

describe('readiness', () => {
  it('orders the hierarchy: each parent before its children, whatever the log order', () => {
    const shuffled = [defined(SITES[3]), defined(SITES[4]), defined(SITES[2]), defined(SITES[0]), defined(SITES[1])]
    expect(treeOrder(shuffled).map((r) => `${r.depth}:${r.site.id}`)).toEqual(['0:hub', '1:d2', '2:x2', '1:d1', '2:x1'])
  })

  it('ready = online, checked in and no open problem', () => {
    const st = siteStatuses(conference(SITES), presence(['hub', 'd1', 'd2', 'x1']), true)
    expect(st.filter((s) => s.ready).map((s) => s.site.id)).toEqual(['hub', 'd1'])
    expect(summarize(st, true)).toEqual({ total: 5, ready: 2, online: 4, offline: 1, problems: 1, notCheckedIn: 1, attendees: 332 })
  })

  it('a console that is itself offline claims nothing about who is online', () => {
    const st = siteStatuses(conference(SITES), presence(['hub', 'd1']), false)
    expect(new Set(st.map((s) => s.live))).toEqual(new Set(['unknown']))
    expect(st.some((s) => s.ready)).toBe(false)
    expect(summarize(st, false)).toMatchObject({ ready: null, online: null, offline: null, problems: 1 })
  })

  it('filters keep the parents that lead to a match, as context', () => {
    const st = siteStatuses(conference(SITES), presence(['hub', 'd1', 'd2']), true)
    const offline = boardRows(st, { filter: 'offline', search: '', collapsed: new Set() })
    expect(offline.map((r) => [r.site.id, r.context])).toEqual([['hub', true], ['d1', true], ['x1', false], ['d2', true], ['x2', false]])
    // A site with a problem is listed on its own, with its parent's name, never as a tree under context rows.
    const problems = boardRows(st, { filter: 'problem', search: '', collapsed: new Set() })
    expect(problems.map((r) => [r.site.id, r.pinned, r.parentName])).toEqual([['d2', true, 'Điểm cầu tỉnh']])
    // Search ignores accents and case.
    expect(boardRows(st, { filter: 'all', search: 'phuoc dai', collapsed: new Set() }).filter((r) => !r.context).map((r) => r.site.id)).toEqual(['x2'])
  })

  it('a collapsed parent hides its children and counts what is ready below it', () => {
    const st = siteStatuses(conference(SITES), presence(['hub', 'd1', 'd2', 'x2']), true)
    const rows = boardRows(st, { filter: 'all', search: '', collapsed: new Set(['d2']) })
    expect(rows.map((r) => r.site.id)).toEqual(['d2', 'hub', 'd1', 'x1', 'd2'])
    // d2 is listed first for its problem, and stays in the tree as context (an echo) for what is below it.
    expect(rows.map((r) => r.echo)).toEqual([false, false, false, false, true])
    const d2 = defined(rows.find((r) => r.site.id === 'd2'))
    expect([d2.descendants, d2.readyBelow, d2.collapsed]).toEqual([1, 1, true])
    expect(defined(rows.find((r) => r.site.id === 'hub')).descendants).toBe(4)
  })

  it('lists the sites with a problem first, oldest problem first, and keeps their place in the tree for what is below them', () => {
    const later = '2025-01-10T01:05:00.000Z'
    const sites: Site[] = SITES.map((s) => (s.id === 'x1' ? { ...s, issue: { message: 'Hình bị giật', at: later } } : s.id === 'hub' ? { ...s, issue: { message: 'Mất điện', at: AT } } : s))
    const st = siteStatuses(conference(sites), presence(['hub', 'd1', 'd2']), true)
    const rows = boardRows(st, { filter: 'all', search: '', collapsed: new Set() })
    // hub and d2 reported at the same instant: the tree's order; x1 later.
    expect(rows.map((r) => [r.site.id, r.pinned, r.echo])).toEqual([
      ['hub', true, false], ['d2', true, false], ['x1', true, false], ['hub', false, true], ['d1', false, false], ['d2', false, true], ['x2', false, false],
    ])
    expect(rows.find((r) => r.site.id === 'x1')?.parentName).toBe('Huyện Ninh Hải')
    expect(rows.find((r) => r.site.id === 'hub')?.parentName).toBeUndefined()
    // The tree's counts still count the pinned sites.
    expect(rows.find((r) => r.site.id === 'hub')?.descendants).toBe(4)
    // A search that finds a problem site and another: the problem site first.
    expect(boardRows(st, { filter: 'all', search: 'xa', collapsed: new Set() }).filter((r) => !r.context).map((r) => r.site.id)).toEqual(['x1', 'x2'])
  })

  it('sums the sites up by district for a hall when there are too many to name', () => {
    const groups = siteGroups(SITES, presence(['hub', 'd1', 'x1', 'x2']), 'x2')
    expect(groups.map((g) => [g.site.id, g.total, g.online, g.attendees, g.own])).toEqual([
      ['hub', 1, 1, 200, false],
      ['d1', 2, 2, 80, false],
      ['d2', 2, 1, 52, true],
    ])
    // Several top sites: each is a group with everything below it.
    const flat = siteGroups([...SITES.slice(1).map((s) => (s.parentId === 'hub' ? { ...s, parentId: undefined } : s))], presence([]), null)
    expect(flat.map((g) => [g.site.id, g.total])).toEqual([['d1', 2], ['d2', 2]])
  })

  it('stays quick with 700 sites', () => {
    const many: Site[] = [{ id: 'hub', name: 'Tỉnh', kind: 'hub' }]
    for (let d = 0; d < 10; d++) {
      many.push({ id: `d${d}`, name: `Huyện ${d}`, kind: 'district', parentId: 'hub' })
      for (let x = 0; x < 69; x++) many.push({ id: `d${d}-x${x}`, name: `Xã ${d}.${x}`, kind: 'commune', parentId: `d${d}`, checkIn: { attendees: 10, at: AT } })
    }
    const st = siteStatuses(conference(many), presence(many.filter((_, i) => i % 3).map((s) => s.id)), true)
    expect(st).toHaveLength(701)
    const rows = boardRows(st, { filter: 'notReady', search: '', collapsed: new Set() })
    expect(rows.filter((r) => !r.context).length).toBe(st.filter((s) => !s.ready).length)
  })
})
