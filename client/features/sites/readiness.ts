/**
 * The readiness board's arithmetic, kept out of the components so it can be tested: which sites
 * are ready (online, checked in, no open problem), the hierarchy as rows (province → district →
 * commune), and the filters. Presence is only believed while this page is itself connected:
 * an offline console does not know who is online.
 */
import type { ConferenceState, Site } from '../../../shared/domain.js'
import type { Presence, SitePresence } from '../../../shared/protocol.js'
import { fold, searchHits } from './rollup.js'

export type Liveness = 'online' | 'offline' | 'unknown'
export type BoardFilter = 'all' | 'notReady' | 'offline' | 'problem' | 'notCheckedIn'

export interface SiteStatus {
  site: Site
  depth: number
  live: Liveness
  presence?: SitePresence
  checkedIn: boolean
  problem: boolean
  /** Online, checked in and without an open problem; false while liveness is unknown. */
  ready: boolean
}

export interface SiteRowData extends SiteStatus {
  /** Sites below it in the hierarchy (all levels). */
  descendants: number
  /** Of those and itself, how many are ready. */
  readyBelow: number
  hasChildren: boolean
  collapsed: boolean
  /** Shown only as the parent of a site that matches the filter. */
  context: boolean
  /** An open problem: listed first, out of the tree, with its parent's name to place it. */
  pinned: boolean
  parentName?: string
  /** The tree's place of a site listed first, shown (as context) for the sites below it. */
  echo: boolean
}

export interface Summary {
  total: number
  /** null when this page does not know (it is not connected). */
  ready: number | null
  online: number | null
  offline: number | null
  problems: number
  notCheckedIn: number
  attendees: number
}

/** Sites in tree order (each parent before its children, siblings in the log's order), with their depth. */
export function treeOrder(sites: readonly Site[]): { site: Site; depth: number }[] {
  const ids = new Set(sites.map((s) => s.id))
  const children = new Map<string | undefined, Site[]>()
  for (const s of sites) {
    const parent = s.parentId && ids.has(s.parentId) && s.parentId !== s.id ? s.parentId : undefined
    const list = children.get(parent) ?? []
    list.push(s)
    children.set(parent, list)
  }
  const out: { site: Site; depth: number }[] = []
  const seen = new Set<string>()
  const walk = (parent: string | undefined, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.id)) continue
      seen.add(s.id)
      out.push({ site: s, depth })
      walk(s.id, depth + 1)
    }
  }
  walk(undefined, 0)
  // A cycle in parentIds would hide sites: list whatever the walk missed at the top.
  for (const s of sites) if (!seen.has(s.id)) out.push({ site: s, depth: 0 })
  return out
}

export function siteStatuses(state: ConferenceState, presence: Presence, connected: boolean): SiteStatus[] {
  return treeOrder(state.sites).map(({ site, depth }) => {
    const p = presence.sites[site.id]
    const live: Liveness = !connected ? 'unknown' : p?.online ? 'online' : 'offline'
    const checkedIn = !!site.checkIn
    const problem = !!site.issue
    return { site, depth, live, presence: p, checkedIn, problem, ready: live === 'online' && checkedIn && !problem }
  })
}

export function summarize(statuses: readonly SiteStatus[], connected: boolean): Summary {
  let ready = 0, online = 0, problems = 0, notCheckedIn = 0, attendees = 0
  for (const s of statuses) {
    if (s.ready) ready++
    if (s.live === 'online') online++
    if (s.problem) problems++
    if (!s.checkedIn) notCheckedIn++
    attendees += s.site.checkIn?.attendees ?? 0
  }
  const total = statuses.length
  return connected
    ? { total, ready, online, offline: total - online, problems, notCheckedIn, attendees }
    : { total, ready: null, online: null, offline: null, problems, notCheckedIn, attendees }
}

/** Whether a site passes the board's filter chip. */
function passes(s: SiteStatus, filter: BoardFilter): boolean {
  if (filter === 'notReady' && s.ready) return false
  if (filter === 'offline' && s.live !== 'offline') return false
  if (filter === 'problem' && !s.problem) return false
  if (filter === 'notCheckedIn' && s.checkedIn) return false
  return true
}

/** A site by the filter and its own name (boardRows also finds the sites below a match: rollup.ts searchHits). */
export function matches(s: SiteStatus, filter: BoardFilter, search: string): boolean {
  if (!passes(s, filter)) return false
  const q = fold(search.trim())
  return !q || fold(s.site.name).includes(q) || s.site.id.toLowerCase().includes(q)
}

/**
 * The rows the board shows. First the sites with an open problem that match, oldest problem
 * first, out of the tree (each with its parent's name): with 700 sites the host sees them without
 * scrolling. Then every other site that matches, with the parents that lead to it (as context), in
 * tree order; the children of a collapsed site are left out unless a filter or a search is on
 * (then what matches is what the host is looking for).
 */
export function boardRows(statuses: readonly SiteStatus[], opts: { filter: BoardFilter; search: string; collapsed: ReadonlySet<string> }): SiteRowData[] {
  const byId = new Map(statuses.map((s) => [s.site.id, s]))
  const parentOf = (s: SiteStatus) => (s.site.parentId ? byId.get(s.site.parentId) : undefined)
  /** The parent's name for a row shown out of its place in the tree (a pinned problem). */
  const parentName = (s: SiteStatus) => {
    const p = parentOf(s)
    return p ? { parentName: p.site.name } : {}
  }
  const below = new Map<string, { n: number; ready: number }>()
  for (const s of statuses) {
    for (let p = parentOf(s), guard = 0; p && guard < 10; p = parentOf(p), guard++) {
      const b = below.get(p.site.id) ?? { n: 0, ready: 0 }
      b.n++
      if (s.ready) b.ready++
      below.set(p.site.id, b)
    }
  }
  const filtering = opts.filter !== 'all' || opts.search.trim() !== ''
  const pinned: SiteStatus[] = []
  const shown = new Set<string>()
  const context = new Set<string>()
  const hits = searchHits(statuses, opts.search)
  for (const s of statuses) {
    if (!passes(s, opts.filter) || (hits && !hits.has(s.site.id))) continue
    if (s.problem) {
      pinned.push(s)
      continue
    }
    shown.add(s.site.id)
    for (let p = parentOf(s), guard = 0; p && guard < 10; p = parentOf(p), guard++) if (!shown.has(p.site.id)) context.add(p.site.id)
  }
  const hiddenByCollapse = (s: SiteStatus) => {
    if (filtering) return false
    for (let p = parentOf(s), guard = 0; p && guard < 10; p = parentOf(p), guard++) if (opts.collapsed.has(p.site.id)) return true
    return false
  }
  const row = (s: SiteStatus, extra: { context: boolean; pinned: boolean; echo: boolean }): SiteRowData => {
    const b = below.get(s.site.id)
    return {
      ...s,
      descendants: b?.n ?? 0,
      readyBelow: (b?.ready ?? 0) + (s.ready ? 1 : 0),
      hasChildren: !!b,
      collapsed: opts.collapsed.has(s.site.id),
      ...extra,
      ...(extra.pinned ? parentName(s) : {}),
    }
  }
  // Oldest problem first (it has waited longest); the sort is stable, so ties keep the tree's order.
  const rows = pinned
    .sort((a, b) => (a.site.issue?.at ?? '').localeCompare(b.site.issue?.at ?? ''))
    .map((s) => row(s, { context: false, pinned: true, echo: false }))
  const pinnedIds = new Set(pinned.map((s) => s.site.id))
  for (const s of statuses) {
    const isShown = shown.has(s.site.id)
    if (!isShown && !context.has(s.site.id)) continue
    if (hiddenByCollapse(s)) continue
    rows.push(row(s, { context: !isShown, pinned: false, echo: pinnedIds.has(s.site.id) }))
  }
  return rows
}

/** One group of the hierarchy (a district and the communes below it) as a hall's screen sums it up. */
export interface SiteGroup {
  site: Site
  /** The group's sites: itself and every site below it. */
  total: number
  online: number
  attendees: number
  /** The hall's own site is in this group. */
  own: boolean
}

/**
 * The sites as groups for a hall's screen when there are too many to name: the children of the
 * one top site (the province's districts), or the top sites when there are several. The top site
 * itself is a group of one, first.
 */
export function siteGroups(sites: readonly Site[], presence: Presence, ownSiteId: string | null): SiteGroup[] {
  const tree = treeOrder(sites)
  const roots = tree.filter((r) => r.depth === 0)
  const level = roots.length === 1 ? 1 : 0
  const groups: SiteGroup[] = []
  for (const { site, depth } of tree) {
    if (depth === 0 && level === 1) {
      const group: SiteGroup = { site, total: 0, online: 0, attendees: 0, own: false }
      groups.push(group)
      add(group, site)
      continue
    }
    if (depth === level) groups.push({ site, total: 0, online: 0, attendees: 0, own: false })
    const g = groups.at(-1)
    if (g && depth >= level) add(g, site)
  }
  return groups
  function add(g: SiteGroup, s: Site): void {
    g.total++
    if (presence.sites[s.id]?.online) g.online++
    g.attendees += s.checkIn?.attendees ?? 0
    if (s.id === ownSiteId) g.own = true
  }
}
