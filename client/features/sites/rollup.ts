/**
 * The board at a national scale, kept out of the components so it can be tested: search by any
 * level of the hierarchy without diacritics ("ninh hai" finds "Ninh Hải"; a province's name lists
 * its communes), and the sites rolled up by the level under the top site (the provinces of a
 * national day, the districts of a province's), those with problems first.
 */
import type { Site } from '../../../shared/domain.js'
import { foldText } from '../../lib/fold.js'

/** What the rollup reads of a site's status (readiness.ts's SiteStatus; structural, so neither module imports the other's values). */
export interface StatusLike {
  site: Site
  depth: number
  live: 'online' | 'offline' | 'unknown'
  checkedIn: boolean
  problem: boolean
  ready: boolean
}

/** Lower case, without marks, đ as d: what a search compares. NFC and NFD input alike. */
export const fold = foldText

/** A site's folded name, kept per site object: evolve replaces only the sites that change. */
const folded = new WeakMap<Site, string>()
function foldedName(site: Site): string {
  let f = folded.get(site)
  if (f === undefined) {
    f = fold(site.name).replace(/\s+/g, ' ')
    folded.set(site, f)
  }
  return f
}

/**
 * The ids of the sites a search finds: those whose name (or id) holds the query, and every site
 * below one of them (a province's communes, a district's). Null for an empty query: no search.
 */
export function searchHits(statuses: readonly StatusLike[], search: string): Set<string> | null {
  const q = fold(search.trim()).replace(/\s+/g, ' ')
  if (!q) return null
  const hits = new Set<string>()
  // Tree order: a parent is decided before its children.
  for (const { site } of statuses) {
    if (foldedName(site).includes(q) || site.id.toLowerCase().includes(q) || (site.parentId !== undefined && hits.has(site.parentId))) hits.add(site.id)
  }
  return hits
}

/** One group of the board's rollup: a province (or a district) with every site below it and itself. */
export interface GroupFigures {
  site: Site
  total: number
  online: number
  checkedIn: number
  problems: number
  ready: number
  attendees: number
  /** This page does not know who is online (it is itself offline). */
  unknown: boolean
}

/**
 * The sites rolled up by the level under the one top site (or the top sites, when there are
 * several), each group holding its own site and all below it; the top site is a group of its own.
 * Groups with open problems come first (most first), then those with sites offline (most first),
 * then the rest, in the tree's order.
 */
export function groupFigures(statuses: readonly StatusLike[]): GroupFigures[] {
  const roots = statuses.filter((s) => s.depth === 0)
  const level = roots.length === 1 ? 1 : 0
  const groups: GroupFigures[] = []
  let current: GroupFigures | undefined
  for (const s of statuses) {
    if (s.depth === level || (s.depth === 0 && level === 1)) {
      current = { site: s.site, total: 0, online: 0, checkedIn: 0, problems: 0, ready: 0, attendees: 0, unknown: false }
      groups.push(current)
    }
    if (!current) continue
    current.total++
    if (s.live === 'online') current.online++
    if (s.live === 'unknown') current.unknown = true
    if (s.checkedIn) current.checkedIn++
    if (s.problem) current.problems++
    if (s.ready) current.ready++
    current.attendees += s.site.checkIn?.attendees ?? 0
    // The top site's own group holds only itself: the next row starts the level below.
    if (s.depth === 0 && level === 1) current = undefined
  }
  const order = new Map(groups.map((g, i) => [g.site.id, i]))
  const offline = (g: GroupFigures) => (g.unknown ? 0 : g.total - g.online)
  return groups.sort((a, b) => b.problems - a.problems || offline(b) - offline(a) || (order.get(a.site.id) ?? 0) - (order.get(b.site.id) ?? 0))
}

/** Whether the board has groups worth rolling up: several, and at least one holding more than its own site. */
export function hasRollup(groups: readonly GroupFigures[]): boolean {
  return groups.length > 2 && groups.some((g) => g.total > 1)
}
