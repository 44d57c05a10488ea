/**
 * The honours roll of the big screen, as pure functions: how a batch of awards is grouped
 * (award type, class and kind, then decision, then locality), cut into pages that fit the
 * screen (./roll-layout.ts), paced by the host (./pace.ts) and turned on the log's timeline.
 */
import type { Award, AwardType, RecipientKind, Site } from '../../../shared/domain.js'

/** Awards of one type, class, kind and decision: one page header, localities inside. */
export interface RollGroup {
  key: string
  typeId: string
  awardClass?: string
  kind: RecipientKind
  decision?: string
  localities: { siteId: string; awards: Award[] }[]
}

export type RollLine =
  | { kind: 'group'; group: RollGroup }
  | { kind: 'locality'; siteId: string; continued: boolean }
  | { kind: 'award'; award: Award }

export interface RollPage {
  /** The group the page starts with: the page's header names it. */
  group: RollGroup
  columns: RollLine[][]
  /** How many awards this page shows (locality headers not counted). */
  size: number
}

export interface RollOrder {
  types: ReadonlyMap<string, AwardType>
  /** Sites in the order the conference lists them (the hub first). */
  siteOrder: readonly string[]
}

const NO_SITE = ''

/** One unit's awards together, units in order of first appearance, the list's order kept inside. */
function byUnit(list: readonly Award[]): Award[] {
  const units = new Map<string, Award[]>()
  for (const a of list) {
    const u = units.get(a.unit ?? '')
    if (u) u.push(a)
    else units.set(a.unit ?? '', [a])
  }
  return [...units.values()].flat()
}

/**
 * Groups a batch: types in ceremony precedence (then as announced), collectives before
 * individuals, decisions in order of first appearance, localities in the conference's order,
 * and inside a locality one unit's awards together, in the order of the announced list (the
 * decision's annex order).
 */
export function groupRoll(awards: readonly Award[], order: RollOrder): RollGroup[] {
  const firstSeen = new Map<string, number>()
  const groups = new Map<string, RollGroup & { seen: number; byType: number; bySite: Map<string, Award[]> }>()
  awards.forEach((a, i) => {
    const key = [a.typeId, a.awardClass ?? '', a.recipientKind, a.decision ?? ''].join('\u0001')
    if (!firstSeen.has(a.typeId)) firstSeen.set(a.typeId, i)
    let g = groups.get(key)
    if (!g) {
      const t = order.types.get(a.typeId)
      g = {
        key, typeId: a.typeId, kind: a.recipientKind, localities: [], seen: i, bySite: new Map(),
        byType: t?.precedence ?? Number.MAX_SAFE_INTEGER,
        ...(a.awardClass ? { awardClass: a.awardClass } : {}),
        ...(a.decision ? { decision: a.decision } : {}),
      }
      groups.set(key, g)
    }
    const site = a.siteId ?? NO_SITE
    const list = g.bySite.get(site)
    if (list) list.push(a)
    else g.bySite.set(site, [a])
  })
  const siteRank = (id: string) => {
    const i = order.siteOrder.indexOf(id)
    return i < 0 ? order.siteOrder.length : i
  }
  return [...groups.values()]
    .sort((x, y) =>
      x.byType - y.byType || (firstSeen.get(x.typeId) ?? 0) - (firstSeen.get(y.typeId) ?? 0) ||
      (x.kind === y.kind ? 0 : x.kind === 'collective' ? -1 : 1) || x.seen - y.seen)
    .map(({ seen: _s, byType: _b, bySite, ...g }) => ({
      ...g,
      localities: [...bySite.entries()]
        .sort(([x], [y]) => siteRank(x) - siteRank(y))
        .map(([siteId, list]) => ({ siteId, awards: byUnit(list) })),
    }))
}

export interface PageLayout {
  columns: number
  /** Usable height of one column, px. */
  columnHeight: number
  /** Height of a locality header line, px. */
  localityHeight: number
  /** Height of the header of a group that starts in a later column of a page, px. */
  groupHeight: (g: RollGroup) => number
  /** Height of one award's entry, px (it may wrap, so it is asked per award). */
  awardHeight: (a: Award) => number
}

/**
 * Cuts groups into pages of `columns` columns. A group starts a page (the page's header names
 * its type and decision) or, when a page has room, a new column under its own header, so a
 * small group does not take a whole page. A column that starts inside a locality repeats its
 * header, so that every column can be read on its own from the back of the hall.
 */
export function paginate(groups: readonly RollGroup[], layout: PageLayout): RollPage[] {
  const pages: RollPage[] = []
  const columns = Math.max(1, layout.columns)
  let page: RollPage | null = null
  let column: RollLine[] = []
  let used = 0
  /** A new column for `group`, on a new page when this one is full; the page it is on. */
  const nextColumn = (group: RollGroup): RollPage => {
    column = []
    if (!page || page.columns.length >= columns) {
      if (page) pages.push(page)
      page = { group, columns: [column], size: 0 }
    } else page.columns.push(column)
    used = 0
    return page
  }
  for (const group of groups) {
    let current = nextColumn(group)
    if (current.columns.length > 1) {
      column.push({ kind: 'group', group })
      used += layout.groupHeight(group)
    }
    for (const loc of group.localities) {
      loc.awards.forEach((award, i) => {
        const h = layout.awardHeight(award)
        const needsHeader = i === 0 || column.length === 0
        // Never leave a locality header alone at the bottom of a column.
        if (used > 0 && used + h + (needsHeader ? layout.localityHeight : 0) > layout.columnHeight) current = nextColumn(group)
        if (i === 0 || column.length === 0) {
          column.push({ kind: 'locality', siteId: loc.siteId, continued: i > 0 })
          used += layout.localityHeight
        }
        column.push({ kind: 'award', award })
        current.size++
        used += h
      })
    }
  }
  if (page) pages.push(page)
  return pages
}

/** Time left, ms, in the current agenda item at server time `at`, if it is timed. */
export function timeLeftInItem(item: { startedAt?: string; plannedMinutes?: number } | null, at: number): number | null {
  if (!item?.startedAt || !item.plannedMinutes) return null
  const started = Date.parse(item.startedAt)
  return Number.isNaN(started) ? null : started + item.plannedMinutes * 60_000 - at
}

/** "Huyện Ninh Hải" → "Ninh Hải": the place itself, as a unit's name would mention it. */
export function placeOf(siteName: string): string {
  return siteName.replace(/^(điểm cầu\s+)?(tỉnh|thành phố|thị xã|huyện|quận|xã|phường|thị trấn)\s+/iu, '').trim()
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi')

/**
 * Where an award belongs, as one line: the unit, then the locality unless the unit or the
 * name already names it (no "… Phan Rang - Tháp Chàm · Thành phố Phan Rang - Tháp Chàm").
 * The hub is everyone's, so it is never named.
 */
export function whereLine(award: Pick<Award, 'unit' | 'recipientName'>, site: Pick<Site, 'name' | 'kind'> | undefined): string {
  const unit = award.unit ?? ''
  if (!site || site.kind === 'hub') return unit
  const place = fold(placeOf(site.name))
  const named = place !== '' && (fold(unit).includes(place) || fold(award.recipientName).includes(place))
  return [unit, named ? '' : site.name].filter(Boolean).join(' · ')
}

export interface TypeStat {
  typeId: string
  collective: { announced: number; total: number }
  individual: { announced: number; total: number }
}

/**
 * Announced awards by type and kind, as the article counts them (76 Cờ thi đua, Bằng khen
 * for 938 collectives and 1,597 individuals), retracted ones counted out; totals include
 * awards still sealed. Types in ceremony precedence.
 */
export function awardStats(awards: readonly Award[], types: readonly AwardType[], revealedBy: number): { byType: TypeStat[]; announced: number; retracted: number } {
  const stats = new Map<string, TypeStat>()
  let announced = 0
  let retracted = 0
  for (const t of types) stats.set(t.id, { typeId: t.id, collective: { announced: 0, total: 0 }, individual: { announced: 0, total: 0 } })
  for (const a of awards) {
    let s = stats.get(a.typeId)
    if (!s) stats.set(a.typeId, (s = { typeId: a.typeId, collective: { announced: 0, total: 0 }, individual: { announced: 0, total: 0 } }))
    const k = s[a.recipientKind]
    if (a.retracted) {
      if (a.revealAt !== undefined && a.revealAt <= revealedBy) retracted++
      continue // a withdrawn award is no longer awarded: out of both figures
    }
    k.total++
    if (a.revealAt !== undefined && a.revealAt <= revealedBy && !a.sealed) {
      k.announced++
      announced++
    }
  }
  const rank = new Map(types.map((t, i) => [t.id, [t.precedence ?? Number.MAX_SAFE_INTEGER, i] as const]))
  const byType = [...stats.values()]
    .filter((s) => s.collective.total + s.individual.total > 0)
    .sort((x, y) => {
      const [px, ix] = rank.get(x.typeId) ?? [Number.MAX_SAFE_INTEGER, Infinity]
      const [py, iy] = rank.get(y.typeId) ?? [Number.MAX_SAFE_INTEGER, Infinity]
      return px - py || ix - iy
    })
  return { byType, announced, retracted }
}
