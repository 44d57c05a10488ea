/**
 * The minutes (biên bản) of a conference, as a model of what its pages say: the agenda as it
 * ran, the sites, the awards by type and their full lists, retractions, the signatures and the
 * check of the log. Built from the folded state and the log, with no rendering.
 */
import type { AwardType, ConferenceState, RecipientKind, Signature, SigningStatus, SiteKind } from '../../shared/domain.js'
import { itemRuns } from '../../shared/agenda-timing.js'
import type { VerifyResult } from '../store/event-store.js'
import { minutesBetween } from './time.js'
import type { DocumentSource } from './source.js'

/** One stretch of the agenda: an item from when it was made current until the next one (or the end). */
export interface AgendaRun {
  seq: number
  itemId: string
  title: string
  presenter?: string
  unit?: string
  plannedMinutes?: number
  startedAt: string
  /** Absent while it is still running. */
  endedAt?: string
  /** Actual minutes, to the tenth; absent while running. */
  minutes?: number
}

export interface SiteRecord {
  id: string
  name: string
  kind: SiteKind
  checkIns: { attendees: number; at: string }[]
  /** The last roll call's count. */
  attendees?: number
  issues: { message: string; reportedAt: string; resolvedAt?: string }[]
}

export interface TypeTotals {
  typeId: string
  name: string
  level?: AwardType['level']
  collective: number
  individual: number
  total: number
  /** Announced, then withdrawn (not in the totals). */
  retracted: number
  /** Imported, not announced (not in the totals). */
  notAnnounced: number
}

export interface AnnexEntry {
  id: string
  kind: RecipientKind
  recipientName: string
  unit?: string
  site?: string
  decision?: string
  awardClass?: string
  announcedAt: string
  retracted?: { reason: string; at: string }
}

export interface BlocRecord {
  id: string
  name: string
  headUnit: string
  signature?: Signature
  voided: (Signature & { voidedAt: string; reason: string })[]
}

/** The conference's own header fields, as the state has them. */
export interface MinutesModel extends Pick<ConferenceState, 'title' | 'venue' | 'date' | 'status' | 'startedAt' | 'endedAt' | 'timeZone'> {
  conferenceId: string
  /** The "DỰ THẢO" watermark: until the conference has ended. */
  draft: boolean
  agenda: { runs: AgendaRun[]; notRun: { id: string; title: string; plannedMinutes?: number }[]; plannedMinutes: number; actualMinutes: number }
  sites: SiteRecord[]
  attendance: { sitesCheckedIn: number; sites: number; attendees: number }
  awards: { byType: TypeTotals[]; totals: { collective: number; individual: number; total: number; retracted: number } }
  /** The full announced lists, grouped by type in ceremony order. */
  annex: { typeId: string; name: string; entries: AnnexEntry[] }[]
  retractions: { awardId: string; recipientName: string; typeName: string; reason: string; at: string }[]
  signing: { status: SigningStatus; signed: number; blocs: BlocRecord[]; witness?: { name?: string; at: string } }
  head: { seq: number; hash: string }
  verify: VerifyResult
  generatedAt: string
}

export function minutesModel(source: DocumentSource): MinutesModel {
  const { state, events } = source
  const siteName = new Map(state.sites.map((s) => [s.id, s.name]))

  // The agenda as it ran: each item's runs as the state keeps them (a start lasts until the next
  // start or the end of the conference), in the order they happened; the log gives each its seq.
  const startSeq = new Map<string, number>()
  for (const e of events) if (e.type === 'agenda.itemStarted') startSeq.set(`${e.data.itemId}@${e.at}`, e.seq)
  const runs: AgendaRun[] = state.agenda.items
    .flatMap((item) => itemRuns(item).map((r): AgendaRun => ({
      seq: startSeq.get(`${item.id}@${r.startedAt}`) ?? 0, itemId: item.id, title: item.title, startedAt: r.startedAt,
      ...(item.presenter ? { presenter: item.presenter } : {}),
      ...(item.unit ? { unit: item.unit } : {}),
      ...(item.plannedMinutes !== undefined ? { plannedMinutes: item.plannedMinutes } : {}),
      ...(r.endedAt ? { endedAt: r.endedAt, minutes: minutesBetween(r.startedAt, r.endedAt) } : {}),
    })))
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.seq - b.seq)
  const records = new Map<string, SiteRecord>(state.sites.map((s) => [s.id, { id: s.id, name: s.name, kind: s.kind, checkIns: [], issues: [] }]))
  for (const e of events) {
    if (e.type === 'site.checkedIn') {
      const r = records.get(e.data.siteId)
      if (r) r.checkIns.push({ attendees: e.data.attendees, at: e.at })
    } else if (e.type === 'site.issueReported') {
      records.get(e.data.siteId)?.issues.push({ message: e.data.message, reportedAt: e.at })
    } else if (e.type === 'site.issueResolved') {
      const issue = records.get(e.data.siteId)?.issues.findLast((i) => !i.resolvedAt)
      if (issue) issue.resolvedAt = e.at
    }
  }
  const ran = new Set(runs.map((r) => r.itemId))
  const sites = [...records.values()].map((r) => {
    const last = r.checkIns.at(-1)
    return last ? { ...r, attendees: last.attendees } : r
  })

  // Awards: counted when announced and not withdrawn, by type in ceremony order.
  const types = [...state.awardTypes].sort((a, b) => (a.precedence ?? Infinity) - (b.precedence ?? Infinity))
  const byType = new Map<string, TypeTotals>(types.map((t) => [t.id, { typeId: t.id, name: t.name, ...(t.level ? { level: t.level } : {}), collective: 0, individual: 0, total: 0, retracted: 0, notAnnounced: 0 }]))
  const annex = new Map<string, AnnexEntry[]>(types.map((t) => [t.id, []]))
  const typeName = new Map(types.map((t) => [t.id, t.name]))
  const retractions: MinutesModel['retractions'] = []
  for (const a of state.awards) {
    const row = byType.get(a.typeId)
    if (!row) continue
    if (!a.announcedAt) {
      row.notAnnounced++
      continue
    }
    if (a.retracted) {
      row.retracted++
      retractions.push({ awardId: a.id, recipientName: a.recipientName, typeName: typeName.get(a.typeId) ?? a.typeId, reason: a.retracted.reason, at: a.retracted.at })
    } else {
      row[a.recipientKind]++
      row.total++
    }
    // The annex has a list for every type byType has.
    annex.get(a.typeId)?.push({
      id: a.id, kind: a.recipientKind, recipientName: a.recipientName, announcedAt: a.announcedAt,
      ...(a.unit ? { unit: a.unit } : {}),
      ...(a.siteId ? { site: siteName.get(a.siteId) ?? a.siteId } : {}),
      ...(a.decision ? { decision: a.decision } : {}),
      ...(a.awardClass ? { awardClass: a.awardClass } : {}),
      ...(a.retracted ? { retracted: a.retracted } : {}),
    })
  }
  const totals = { collective: 0, individual: 0, total: 0, retracted: 0 }
  for (const t of byType.values()) {
    totals.collective += t.collective
    totals.individual += t.individual
    totals.total += t.total
    totals.retracted += t.retracted
  }
  retractions.sort((a, b) => a.at.localeCompare(b.at))

  const blocs: BlocRecord[] = state.blocs.map((b) => ({ id: b.id, name: b.name, headUnit: b.headUnit, ...(b.signature ? { signature: b.signature } : {}), voided: b.voided ?? [] }))
  const { witnessedAt, witnessName } = state.signing
  return {
    conferenceId: state.id,
    title: state.title,
    ...(state.venue ? { venue: state.venue } : {}),
    ...(state.date ? { date: state.date } : {}),
    timeZone: state.timeZone,
    status: state.status,
    ...(state.startedAt ? { startedAt: state.startedAt } : {}),
    ...(state.endedAt ? { endedAt: state.endedAt } : {}),
    draft: state.status !== 'ended',
    agenda: {
      runs,
      notRun: state.agenda.items.filter((i) => !ran.has(i.id)).map((i) => ({ id: i.id, title: i.title, ...(i.plannedMinutes !== undefined ? { plannedMinutes: i.plannedMinutes } : {}) })),
      plannedMinutes: state.agenda.items.reduce((n, i) => n + (i.plannedMinutes ?? 0), 0),
      actualMinutes: Math.round(runs.reduce((n, r) => n + (r.minutes ?? 0), 0) * 10) / 10,
    },
    sites,
    attendance: { sites: sites.length, sitesCheckedIn: sites.filter((s) => s.attendees !== undefined).length, attendees: sites.reduce((n, s) => n + (s.attendees ?? 0), 0) },
    awards: { byType: [...byType.values()], totals },
    annex: types.map((t) => ({ typeId: t.id, name: t.name, entries: (annex.get(t.id) ?? []).sort((a, b) => a.announcedAt.localeCompare(b.announcedAt)) })).filter((g) => g.entries.length > 0),
    retractions,
    signing: {
      status: state.signing.status,
      signed: blocs.filter((b) => b.signature).length,
      blocs,
      ...(witnessedAt ? { witness: { at: witnessedAt, ...(witnessName ? { name: witnessName } : {}) } } : {}),
    },
    head: source.head,
    verify: source.verify,
    generatedAt: source.generatedAt,
  }
}
