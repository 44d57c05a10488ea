/**
 * The announced awards as CSV or XLSX, grouped by award type (ceremony order) or by site.
 * Only what every hall has already seen: announced and past its reveal instant. Retracted awards
 * stay in the list, marked with their reason.
 */
import { excel } from './excel.js'
import type { Award, ConferenceState } from '../../shared/domain.js'
import { ceremonyOrder } from './catalog.js'
import { writeCsv } from './csv.js'
import { styleHeader } from './sheet-style.js'

export type ExportGrouping = 'type' | 'site'

export interface ExportGroup {
  title: string
  awards: Award[]
}

/** Import's column names where they mean the same, so an exported list imports again. */
export const EXPORT_HEADER = ['STT', 'Mã', 'Hình thức khen thưởng', 'Hạng', 'Đối tượng', 'Tên', 'Đơn vị', 'Điểm cầu', 'Quyết định', 'Công bố lúc', 'Ghi chú']

export function announcedGroups(state: ConferenceState, by: ExportGrouping, nowMs: number): ExportGroup[] {
  const shown = state.awards.filter((a) => a.announcedAt && (a.revealAt ?? 0) <= nowMs)
  const groups = new Map<string, Award[]>()
  for (const a of shown) {
    const key = by === 'type' ? a.typeId : (a.siteId ?? '')
    const list = groups.get(key)
    if (list) list.push(a)
    else groups.set(key, [a])
  }
  const ordered: ExportGroup[] =
    by === 'type'
      ? ceremonyOrder(state.awardTypes).map((t) => ({ title: t.name, awards: groups.get(t.id) ?? [] }))
      : [...state.sites.map((s) => ({ title: s.name, awards: groups.get(s.id) ?? [] })), { title: 'Chưa gắn điểm cầu', awards: groups.get('') ?? [] }]
  return ordered.filter((g) => g.awards.length > 0)
}

function rowsOf(state: ConferenceState, group: ExportGroup): (string | number)[][] {
  const types = new Map(state.awardTypes.map((t) => [t.id, t.name]))
  const sites = new Map(state.sites.map((s) => [s.id, s.name]))
  return group.awards.map((a, i) => [
    i + 1, a.id, types.get(a.typeId) ?? a.typeId, a.awardClass ?? '', a.recipientKind === 'collective' ? 'Tập thể' : 'Cá nhân',
    a.recipientName, a.unit ?? '', a.siteId ? (sites.get(a.siteId) ?? a.siteId) : '', a.decision ?? '',
    a.announcedAt ? vietnamTime(a.announcedAt) : '', a.retracted ? `Đã thu hồi: ${a.retracted.reason}` : '',
  ])
}

/** "22/02/2023 09:10:05": the hall's clock (UTC+7, no daylight saving). */
export function vietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
}

export function exportCsv(state: ConferenceState, groups: ExportGroup[]): Buffer {
  return writeCsv([EXPORT_HEADER, ...groups.flatMap((g) => rowsOf(state, g))])
}

/** One worksheet per group, named for it. */
export async function exportXlsx(state: ConferenceState, groups: ExportGroup[]): Promise<Buffer> {
  const workbook = new (await excel()).Workbook()
  workbook.creator = 'Điểm Cầu'
  const names = new Set<string>()
  if (groups.length === 0) {
    const sheet = workbook.addWorksheet('Khen thưởng')
    sheet.addRow(EXPORT_HEADER)
    styleHeader(sheet, [EXPORT_HEADER])
  }
  for (const g of groups) {
    const sheet = workbook.addWorksheet(sheetName(g.title, names))
    const rows = rowsOf(state, g)
    sheet.addRow(EXPORT_HEADER)
    rows.forEach((r, i) => {
      const row = sheet.addRow(r)
      if (g.awards[i]?.retracted) row.font = { strike: true, color: { argb: 'FF8A8A8A' } }
    })
    styleHeader(sheet, [EXPORT_HEADER, ...rows])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Excel's rules: at most 31 characters, none of []:*?/\, unique ignoring case. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim() || 'Nhóm'
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`
    const room = 31 - suffix.length
    const name = (base.length > room ? base.slice(0, room - 1).trimEnd() + '…' : base) + suffix
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase())
      return name
    }
  }
}
