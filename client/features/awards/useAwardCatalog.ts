/**
 * The host's award catalog: every award indexed once per change of `state.awards` (one pass),
 * so that an incoming announcement does not make each list, count and filter rescan thousands
 * of awards. Ceremony order is the types by `precedence` (those without one after, as listed),
 * then the awards of a type in import order.
 */
import { computed, type Ref } from 'vue'
import type { Award, AwardType, ConferenceState, RecipientKind } from '../../../shared/domain.js'
import { foldText } from '../../lib/fold.js'

/** When an award was retracted, epoch ms (0: it was not). */
const retractedAt = (a: Award) => (a.retracted ? Date.parse(a.retracted.at) : 0)

export interface TypeProgress {
  type: AwardType
  total: number
  /** Announced and still standing; a retracted award is counted out of it. */
  announced: number
  retracted: number
  /** Not announced yet. */
  remaining: number
}

export interface AwardCatalog {
  /** Types in ceremony order. */
  types: AwardType[]
  /** Not yet announced, in ceremony order. */
  pending: Award[]
  pendingByType: Map<string, Award[]>
  /** Every announced award (retracted ones too, marked), latest reveal first. */
  announced: Award[]
  /** Retracted awards, latest retraction first. */
  retracted: Award[]
  progress: TypeProgress[]
  totals: { total: number; announced: number; retracted: number; remaining: number }
  /** Distinct decisions, sorted; per type too. */
  decisions: string[]
  decisionsByType: Map<string, string[]>
  /** The latest `revealAt` of any announcement (for the console's countdown). */
  lastRevealAt: number | undefined
}

export interface AwardFilter {
  /** '' for every type. */
  typeId: string
  kind: '' | RecipientKind
  siteId: string
  decision: string
  query: string
}

export const emptyFilter = (): AwardFilter => ({ typeId: '', kind: '', siteId: '', decision: '', query: '' })

/** How much indexing work was done: read by the unit test to prove one pass per update. */
export const catalogStats = { builds: 0, awardVisits: 0, foldedTexts: 0 }

export { foldText }

/** Award objects are kept by `evolve` when they do not change, so their folded text is kept too. */
const folded = new WeakMap<Award, string>()
function searchText(a: Award): string {
  let s = folded.get(a)
  if (s === undefined) {
    catalogStats.foldedTexts++
    s = foldText(`${a.recipientName} ${a.unit ?? ''} ${a.decision ?? ''} ${a.awardClass ?? ''}`)
    folded.set(a, s)
  }
  return s
}

const collator = new Intl.Collator('vi', { numeric: true })
const announcedAt = (a: Award) => a.revealAt ?? (a.announcedAt ? Date.parse(a.announcedAt) : 0)

export function buildCatalog(awardTypes: readonly AwardType[], awards: readonly Award[]): AwardCatalog {
  catalogStats.builds++
  const types = awardTypes
    .map((type, i) => ({ type, i }))
    .sort((a, b) => (a.type.precedence ?? Infinity) - (b.type.precedence ?? Infinity) || a.i - b.i)
    .map((x) => x.type)
  const pendingByType = new Map<string, Award[]>(types.map((t) => [t.id, []]))
  const counts = new Map<string, TypeProgress>(types.map((type) => [type.id, { type, total: 0, announced: 0, retracted: 0, remaining: 0 }]))
  const decisionSets = new Map<string, Set<string>>()
  const announced: Award[] = []
  const retracted: Award[] = []
  let lastRevealAt: number | undefined

  // The one pass over every award.
  for (const a of awards) {
    catalogStats.awardVisits++
    let c = counts.get(a.typeId)
    if (!c) {
      // An award of a type the catalog does not list still shows, after the listed types.
      const type: AwardType = { id: a.typeId, name: a.typeId, recipientKind: 'both' }
      types.push(type)
      pendingByType.set(type.id, [])
      counts.set(type.id, (c = { type, total: 0, announced: 0, retracted: 0, remaining: 0 }))
    }
    c.total++
    if (a.decision) {
      let set = decisionSets.get(a.typeId)
      if (!set) decisionSets.set(a.typeId, (set = new Set()))
      set.add(a.decision)
    }
    if (a.retracted) {
      c.retracted++
      retracted.push(a)
      if (a.announcedAt) announced.push(a)
    } else if (a.announcedAt) {
      c.announced++
      announced.push(a)
    } else {
      c.remaining++
      pendingByType.get(a.typeId)?.push(a)
    }
    if (a.revealAt !== undefined && (lastRevealAt === undefined || a.revealAt > lastRevealAt)) lastRevealAt = a.revealAt
  }

  announced.sort((a, b) => announcedAt(b) - announcedAt(a))
  retracted.sort((a, b) => retractedAt(b) - retractedAt(a))
  const pending = types.flatMap((t) => pendingByType.get(t.id) ?? [])
  const progress = types.flatMap((t) => counts.get(t.id) ?? [])
  const totals = { total: 0, announced: 0, retracted: 0, remaining: 0 }
  for (const p of progress) {
    totals.total += p.total
    totals.announced += p.announced
    totals.retracted += p.retracted
    totals.remaining += p.remaining
  }
  const byName = collator.compare
  const decisionsByType = new Map([...decisionSets].map(([k, v]) => [k, [...v].sort(byName)]))
  const decisions = [...new Set([...decisionSets.values()].flatMap((s) => [...s]))].sort(byName)
  return { types, pending, pendingByType, announced, retracted, progress, totals, decisions, decisionsByType, lastRevealAt }
}

/** The awards of `list` the filter lets through, in the list's order. */
export function applyFilter(list: readonly Award[], f: AwardFilter): Award[] {
  const q = foldText(f.query.trim())
  const words = q ? q.split(/\s+/) : []
  if (!f.typeId && !f.kind && !f.siteId && !f.decision && !words.length) return list.slice()
  return list.filter((a) =>
    (!f.typeId || a.typeId === f.typeId)
    && (!f.kind || a.recipientKind === f.kind)
    && (!f.siteId || (a.siteId ?? '') === f.siteId)
    && (!f.decision || a.decision === f.decision)
    && (!words.length || words.every((w) => searchText(a).includes(w))))
}

/** Pending awards the filter shows, in ceremony order; a type filter reads only its own bucket. */
export function pendingMatching(c: AwardCatalog, f: AwardFilter): Award[] {
  return applyFilter(f.typeId ? c.pendingByType.get(f.typeId) ?? [] : c.pending, f)
}

/** The next `n` to announce in ceremony order, within what the filter shows. */
export function nextInOrder(c: AwardCatalog, f: AwardFilter, n: number): Award[] {
  return pendingMatching(c, f).slice(0, n)
}

/** The catalog of a conference's awards, rebuilt only when its awards or types change. */
export function useAwardCatalog(state: Ref<ConferenceState>) {
  const awards = computed(() => state.value.awards)
  const types = computed(() => state.value.awardTypes)
  return computed(() => buildCatalog(types.value, awards.value))
}
