/**
 * An award list (CSV or XLSX) into the awards of an `award.import` command, checked against the
 * conference's catalog. Every bad row is reported by row, column and what is wrong, in Vietnamese;
 * a problem with the file as a whole (format, size, header) is one `fileError`.
 */
import type { AwardType, RecipientKind, Site } from '../../shared/domain.js'
import type { ImportedAward } from './catalog.js'
import { catalogLookup, columnLetter, kindName } from './catalog.js'
import { COLUMN_BY_KEY, COLUMNS, cleanText, collapseSpace, columnOf, type ColumnKey } from './columns.js'
import { decodeText, readCsv, type SheetRow } from './csv.js'
import { readXlsx } from './xlsx.js'

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024
export const MAX_IMPORT_ROWS = 20_000

export interface Catalog {
  awardTypes: readonly AwardType[]
  sites: readonly Site[]
  /** Ids of the awards the conference already has. */
  existingIds: Iterable<string>
}

/** Where a bad value is: `row` as a spreadsheet counts (header = 1), `column` as its header is written. */
export interface RowError {
  row: number
  column: string
  message: string
}

export type FileProblem = 'too_large' | 'too_many_rows' | 'empty' | 'not_a_list' | 'columns'

export interface ParsedList {
  awards: ImportedAward[]
  errors: RowError[]
  /** Data rows read (empty rows not counted). */
  rows: number
  /** Set when the file as a whole cannot be read as an award list; then there are no awards. */
  fileError?: { problem: FileProblem; message: string }
}

/** What the upload says it is; only a hint, the bytes decide. */
export interface Source {
  mediaType?: string
  filename?: string
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Reads CSV or XLSX bytes; never throws for a bad file. */
export async function parseAwardList(bytes: Uint8Array, source: Source, catalog: Catalog): Promise<ParsedList> {
  if (bytes.length > MAX_IMPORT_BYTES) return fileError('too_large', `tệp lớn hơn ${MAX_IMPORT_BYTES / 1024 / 1024} MB: hãy chia danh sách thành nhiều tệp`)
  if (bytes.length === 0) return fileError('empty', 'tệp trống: không có dòng nào')
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  const isOldExcel = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0
  if (isOldExcel) return fileError('not_a_list', 'tệp .xls (Excel 97–2003) không được hỗ trợ: mở trong Excel và lưu thành .xlsx hoặc CSV UTF-8')
  if (isZip) {
    const sheet = await readXlsx(bytes)
    return sheet.ok ? parseAwardRows(sheet.rows, catalog) : fileError(sheet.tooLarge ? 'too_large' : 'not_a_list', sheet.message)
  }
  if (/\.xlsx$/i.test(source.filename ?? '') || source.mediaType?.split(';')[0]?.trim() === XLSX_TYPE) {
    return fileError('not_a_list', 'tệp gửi lên là .xlsx nhưng không phải bảng tính Excel hợp lệ: mở lại trong Excel, lưu thành .xlsx rồi gửi lại')
  }
  return parseAwardCsv(bytes, catalog)
}

/** The CSV path alone, synchronous (the demo seed reads its data file with it). */
export function parseAwardCsv(bytes: Uint8Array, catalog: Catalog): ParsedList {
  if (bytes.length > MAX_IMPORT_BYTES) return fileError('too_large', `tệp lớn hơn ${MAX_IMPORT_BYTES / 1024 / 1024} MB: hãy chia danh sách thành nhiều tệp`)
  const text = decodeText(bytes)
  if (!text.ok) return fileError('not_a_list', text.message)
  // Rows beyond the limit are not kept: the parser only needs to know there are too many.
  return parseAwardRows(readCsv(text.text, undefined, MAX_IMPORT_ROWS + 2), catalog)
}

const isBlank = (r: SheetRow) => r.cells.every((c) => c.trim() === '')

/** A sheet's rows (header at row 1, cells in NFC) into awards and row errors. */
export function parseAwardRows(sheet: SheetRow[], catalog: Catalog): ParsedList {
  const filled = sheet.filter((r) => !isBlank(r))
  if (filled.length === 0) return fileError('empty', 'tệp trống: không có dòng nào')
  const header = sheet.find((r) => r.row === 1)
  const columns = header && !isBlank(header) ? mapHeader(header) : null
  if (!columns || columns.missing.length > 0) {
    const later = filled.find((r) => r.row > 1 && r.row <= 20 && COLUMNS.filter((c) => c.required).every((c) => mapHeader(r).at.has(c.key)))
    if (later) return fileError('columns', `dòng tiêu đề phải là dòng 1, nhưng tiêu đề đang ở dòng ${later.row}: hãy xóa ${later.row - 1} dòng phía trên`)
    if (!columns) return fileError('columns', `dòng 1 phải là dòng tiêu đề với các cột ${requiredList()}`)
  }
  if (columns.duplicate) return fileError('columns', columns.duplicate)
  if (columns.missing.length > 0) {
    const names = columns.missing.map((k) => `“${COLUMN_BY_KEY.get(k)!.vi}” (${COLUMN_BY_KEY.get(k)!.en})`).join(', ')
    return fileError('columns', `thiếu cột ${names} ở dòng tiêu đề (dòng 1); các cột bắt buộc: ${requiredList()}`)
  }
  const data = filled.filter((r) => r.row > 1)
  if (data.length === 0) return fileError('empty', 'tệp chỉ có dòng tiêu đề, chưa có dòng khen thưởng nào')
  if (data.length > MAX_IMPORT_ROWS) {
    return fileError('too_many_rows', `tệp có hơn ${MAX_IMPORT_ROWS} dòng khen thưởng, quá giới hạn một lần nhập: hãy chia thành nhiều tệp`)
  }
  return readRows(data, columns.at, columns.written, catalog)
}

function requiredList(): string {
  return COLUMNS.filter((c) => c.required).map((c) => `“${c.vi}”`).join(', ')
}

function fileError(problem: FileProblem, message: string): ParsedList {
  return { awards: [], errors: [], rows: 0, fileError: { problem, message } }
}

interface HeaderMap {
  /** Column index of each known column. */
  at: Map<ColumnKey, number>
  /** The header as written in the file, for error messages. */
  written: Map<ColumnKey, string>
  missing: ColumnKey[]
  duplicate?: string
}

function mapHeader(header: SheetRow): HeaderMap {
  const at = new Map<ColumnKey, number>()
  const written = new Map<ColumnKey, string>()
  let duplicate: string | undefined
  header.cells.forEach((raw, i) => {
    const key = columnOf(raw)
    if (!key) return
    if (at.has(key)) {
      duplicate ??= `cột “${cleanText(raw)}” (cột ${columnLetter(i)}) trùng nghĩa với cột “${written.get(key)}” (cột ${columnLetter(at.get(key)!)}): hãy giữ một cột`
      return
    }
    at.set(key, i)
    written.set(key, cleanText(raw))
  })
  const missing = COLUMNS.filter((c) => c.required && !at.has(c.key)).map((c) => c.key)
  return { at, written, missing, duplicate }
}

const ID = /^[A-Za-z0-9_.:-]+$/
const LIMITS: Partial<Record<ColumnKey, number>> = { name: 300, unit: 300, decision: 200, awardClass: 60, id: 80 }
const LIMITED = Object.keys(LIMITS) as ColumnKey[]
const KINDS = new Map<string, RecipientKind>([['tập thể', 'collective'], ['collective', 'collective'], ['cá nhân', 'individual'], ['individual', 'individual']])

type Row = Record<ColumnKey, string>

interface RowContext {
  catalog: Catalog
  findType: (text: string) => { found?: AwardType; hint: string }
  findSite: (text: string) => { found?: Site; hint: string }
  existing: Set<string>
  /** The row that first used each id of the file. */
  idRows: Map<string, number>
}

function readRows(rows: SheetRow[], at: Map<ColumnKey, number>, written: Map<ColumnKey, string>, catalog: Catalog): ParsedList {
  const errors: RowError[] = []
  const ctx: RowContext = {
    catalog,
    findType: catalogLookup(catalog.awardTypes),
    findSite: catalogLookup(catalog.sites),
    existing: new Set(catalog.existingIds),
    idRows: new Map(),
  }
  const index = Object.fromEntries(COLUMNS.map((c) => [c.key, at.get(c.key) ?? -1])) as Record<ColumnKey, number>
  const cell = (cells: string[], i: number) => (i < 0 ? '' : collapseSpace(cells[i] ?? ''))
  const pending: { award: Omit<ImportedAward, 'id'>; id?: string }[] = []
  const problems: [ColumnKey, string][] = []

  for (const { row, cells } of rows) {
    const values: Row = {
      type: cell(cells, index.type), kind: cell(cells, index.kind), name: cell(cells, index.name), unit: cell(cells, index.unit),
      site: cell(cells, index.site), decision: cell(cells, index.decision), awardClass: cell(cells, index.awardClass), id: cell(cells, index.id),
    }
    problems.length = 0
    const award = readRow(values, row, ctx, problems)
    for (const [k, message] of problems) errors.push({ row, column: written.get(k)!, message })
    if (award && problems.length === 0) pending.push({ award, id: values.id || undefined })
  }

  if (errors.length > 0) return { awards: [], errors, rows: rows.length }
  const next = nextNumbers([...ctx.existing, ...ctx.idRows.keys()], catalog.awardTypes)
  const awards = pending.map(({ award, id }) => {
    if (id) return { id, ...award }
    const n = (next.get(award.typeId) ?? 0) + 1
    next.set(award.typeId, n)
    return { id: `${award.typeId}-${String(n).padStart(4, '0')}`, ...award }
  })
  return { awards, errors, rows: rows.length }
}

/** One row's award, with what is wrong with it added to `problems` as [column, message]. */
function readRow(v: Row, row: number, ctx: RowContext, problems: [ColumnKey, string][]): Omit<ImportedAward, 'id'> | undefined {
  let awardType: AwardType | undefined
  if (!v.type) problems.push(['type', 'thiếu hình thức khen thưởng'])
  else {
    const found = ctx.findType(v.type)
    awardType = found.found
    if (!awardType) problems.push(['type', `không có hình thức khen thưởng “${v.type}” trong danh mục của hội nghị${found.hint}`])
  }

  let kind = KINDS.get(v.kind.toLowerCase())
  if (!v.kind) {
    if (awardType && awardType.recipientKind !== 'both') kind = awardType.recipientKind
    else problems.push(['kind', 'thiếu đối tượng: ghi “Tập thể” hoặc “Cá nhân”'])
  } else if (!kind) problems.push(['kind', `“${v.kind}” không phải “Tập thể” hoặc “Cá nhân”`])
  else if (awardType && awardType.recipientKind !== 'both' && awardType.recipientKind !== kind) {
    problems.push(['kind', `“${awardType.name}” chỉ trao cho ${kindName(awardType.recipientKind)}, không trao cho ${kindName(kind)}`])
  }

  if (!v.name) problems.push(['name', 'thiếu tên người/tập thể được khen'])

  let siteId: string | undefined
  if (v.site) {
    const site = ctx.findSite(v.site)
    siteId = site.found?.id
    if (!siteId) {
      const list = site.hint || `; các điểm cầu: ${ctx.catalog.sites.map((s) => s.name).join(', ')}`
      problems.push(['site', `không có điểm cầu “${v.site}” trong hội nghị${list}`])
    }
  }

  for (const k of LIMITED) {
    const max = LIMITS[k]!
    if (v[k].length > max) problems.push([k, `dài ${v[k].length} ký tự, quá giới hạn ${max} ký tự`])
  }

  const id = v.id
  if (id && id.length <= LIMITS.id!) {
    if (!ID.test(id)) problems.push(['id', `mã “${id}” chỉ được gồm chữ cái không dấu, chữ số và các dấu _ . : -`])
    else if (ctx.existing.has(id)) problems.push(['id', `mã “${id}” đã có trong danh sách khen thưởng của hội nghị`])
    else if (ctx.idRows.has(id)) problems.push(['id', `mã “${id}” trùng với dòng ${ctx.idRows.get(id)}`])
    else ctx.idRows.set(id, row)
  }

  if (!awardType || !kind) return undefined
  const award: Omit<ImportedAward, 'id'> = { typeId: awardType.id, recipientKind: kind, recipientName: v.name }
  if (v.unit) award.unit = v.unit
  if (siteId) award.siteId = siteId
  if (v.decision) award.decision = v.decision
  if (v.awardClass) award.awardClass = v.awardClass
  return award
}

/** The highest number `${typeId}-NNNN` already taken, per type: generated ids continue after it. */
function nextNumbers(ids: string[], types: readonly AwardType[]): Map<string, number> {
  const highest = new Map<string, number>(types.map((t) => [t.id, 0]))
  for (const id of ids) {
    const m = /^(.+)-(\d+)$/.exec(id)
    if (m && highest.has(m[1]!)) highest.set(m[1]!, Math.max(highest.get(m[1]!)!, Number(m[2])))
  }
  return highest
}
