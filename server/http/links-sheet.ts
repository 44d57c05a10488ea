/**
 * Every site's and signer's access link, for the host to hand out thousands at once: the entries
 * grouped by province (or district, or the hub), each with its live link's address from
 * DATA_DIR/access-links.json (the only place the secrets are written down), and that list as XLSX.
 * A site whose link in the file is no longer live (revoked, expired, reissued elsewhere) or missing
 * is listed without an address, saying what to do. Cells a spreadsheet would run as a formula are
 * written with a leading `'`, as the CSV exports write them.
 */
import type { Writable } from 'node:stream'
import { excel } from '../awards/excel.js'
import type { ConferenceState, Site } from '../../shared/domain.js'
import type { LinkView } from '../access/link-console.js'
import type { AccessLinks } from '../access/links.js'
import { linkIdOfToken } from '../access/tokens.js'
import { FORMULA_START } from '../awards/csv.js'
import { columnLayout, HEADER_STYLE } from '../awards/sheet-style.js'

export interface ExportEntry {
  role: 'site' | 'signer'
  /** The site's or bloc's id. */
  id: string
  name: string
  /** "Tỉnh", "Xã, phường" …, or "Người ký" for a signer. */
  level: string
  /** The live link's address, or null when the host has to issue one. */
  url: string | null
}

export interface ExportGroup {
  title: string
  entries: ExportEntry[]
}

const LEVEL: Record<Site['kind'], string> = { hub: 'Điểm cầu chính', province: 'Tỉnh, thành phố', district: 'Huyện, thành phố', commune: 'Xã, phường' }
/** What a row without an address says to do. */
export const NO_LINK = 'Chưa có liên kết còn hiệu lực: cấp trong Tài liệu → Liên kết truy cập'

/** The group a site belongs to: its ancestor just under the top site (itself when it is one, or the top site). */
function groupOf(site: Site, byId: ReadonlyMap<string, Site>): Site {
  let s = site
  for (let guard = 0; guard < 10; guard++) {
    const parent = s.parentId ? byId.get(s.parentId) : undefined
    if (!parent?.parentId || !byId.has(parent.parentId)) return parent && parent.kind !== 'hub' ? parent : s
    s = parent
  }
  return s
}

/**
 * The links to hand out, by group in the conference's order (the hub, each province with its
 * communes), then the signers. Only a link the store still holds as active is given an address.
 */
export function exportGroups(state: ConferenceState, file: AccessLinks | null, views: readonly LinkView[]): ExportGroup[] {
  const live = new Set(views.filter((v) => v.status === 'active').map((v) => v.id))
  const liveUrl = (l: { token: string; url: string } | undefined) => (l && live.has(linkIdOfToken(l.token)) ? l.url : null)
  const own = file?.conferenceId === state.id ? file : null
  const siteLinks = new Map((own?.sites ?? []).map((s) => [s.siteId, s]))
  const signerLinks = new Map((own?.signers ?? []).map((s) => [s.blocId, s]))
  const byId = new Map(state.sites.map((s) => [s.id, s]))
  const groups = new Map<string, ExportGroup>()
  for (const site of state.sites) {
    const g = groupOf(site, byId)
    const group = groups.get(g.id) ?? { title: g.name, entries: [] }
    groups.set(g.id, group)
    const entry: ExportEntry = { role: 'site', id: site.id, name: site.name, level: LEVEL[site.kind], url: liveUrl(siteLinks.get(site.id)) }
    // The group's own site heads its list, whatever the log's order.
    if (site.id === g.id) group.entries.unshift(entry)
    else group.entries.push(entry)
  }
  const signers: ExportGroup = {
    title: 'Ký giao ước thi đua',
    entries: state.blocs.map((b) => ({ role: 'signer', id: b.id, name: `${b.name}${b.signerName ? ` (${b.signerName})` : ''}`, level: 'Người ký', url: liveUrl(signerLinks.get(b.id)) })),
  }
  return [...groups.values(), ...(signers.entries.length ? [signers] : [])]
}

/** A cell as text a spreadsheet shows and never runs. */
export const safeCell = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text)

export const XLSX_HEADER = ['STT', 'Tỉnh, thành phố / nhóm', 'Điểm cầu / người ký', 'Cấp', 'Mã', 'Liên kết truy cập']

/** Rows written between two yields to the event loop: the sheet never holds it for long. */
const ROWS_PER_SLICE = 50

/**
 * One sheet, every entry a row (filterable by group), the address a clickable link, streamed to
 * `out` as it is written (a national day's 3,400 rows): the zip goes out in pieces and the event
 * loop is given back every ROWS_PER_SLICE rows, so the other pages' messages and heartbeats are
 * not held for the whole sheet. Resolves with the rows written and the longest stretch between yields.
 */
export async function writeLinksXlsx(out: Writable, groups: readonly ExportGroup[]): Promise<{ rows: number; maxSliceMs: number }> {
  const rows: string[][] = [XLSX_HEADER]
  const urls: (string | null)[] = [null]
  for (const g of groups) {
    for (const e of g.entries) {
      rows.push([String(rows.length), safeCell(g.title), safeCell(e.name), e.level, safeCell(e.id), e.url ?? NO_LINK])
      urls.push(e.url)
    }
  }
  const book = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  book.creator = 'Điểm Cầu'
  const sheet = book.addWorksheet('Liên kết truy cập', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columnLayout(rows)
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: XLSX_HEADER.length } }
  let maxSliceMs = 0
  let slice = performance.now()
  for (const [i, cells] of rows.entries()) {
    if (i === 0) {
      const header = sheet.addRow(cells)
      header.font = HEADER_STYLE.font
      header.alignment = HEADER_STYLE.alignment
      header.fill = HEADER_STYLE.fill
      header.commit()
      continue
    }
    const row = sheet.addRow([i, ...cells.slice(1)])
    const url = urls[i]
    const link = row.getCell(6)
    if (url) link.value = { text: url, hyperlink: url }
    else link.font = { italic: true, color: { argb: 'FFB3261E' } }
    row.commit()
    if (i % ROWS_PER_SLICE === 0) {
      maxSliceMs = Math.max(maxSliceMs, performance.now() - slice)
      await new Promise((resolve) => setImmediate(resolve))
      slice = performance.now()
    }
  }
  sheet.commit()
  await book.commit()
  maxSliceMs = Math.max(maxSliceMs, performance.now() - slice)
  return { rows: rows.length - 1, maxSliceMs }
}
