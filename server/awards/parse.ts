/**
 * An award list (CSV or XLSX) into the awards of an `award.import` command, checked against the
 * conference's catalog. Every bad row is reported by row, column and what is wrong, in Vietnamese;
 * a problem with the file as a whole (format, size, header) is one `fileError`.
 */
import type { ImportedAward } from './catalog.js'
import { columnLetter } from './catalog.js'
import { COLUMNS, cleanText, columnOf, type ColumnKey } from './columns.js'
import { decodeText, readCsv, type SheetRow } from './csv.js'
import type { ListedRow } from './listed.js'
import { readRows, type Catalog, type RowError } from './rows.js'
import { readXlsx } from './xlsx.js'

export type { Catalog, RowError } from './rows.js'

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024
export const MAX_IMPORT_ROWS = 20_000

export type FileProblem = 'too_large' | 'too_many_rows' | 'empty' | 'not_a_list' | 'columns'

export interface ParsedList {
  /** The new awards: rows the conference already holds are in `listed` instead. */
  awards: ImportedAward[]
  errors: RowError[]
  /** Rows the conference already holds (the same type, kind, recipient, unit and decision). */
  listed: ListedRow[]
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
  const sheet = readCsv(text.text, undefined, MAX_IMPORT_ROWS + 2)
  return sheet.ok ? parseAwardRows(sheet.rows, catalog) : fileError('not_a_list', sheet.message)
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
    const names = COLUMNS.filter((c) => columns.missing.includes(c.key)).map((c) => `“${c.vi}” (${c.en})`).join(', ')
    return fileError('columns', `thiếu cột ${names} ở dòng tiêu đề (dòng 1); các cột bắt buộc: ${requiredList()}`)
  }
  const data = filled.filter((r) => r.row > 1)
  if (data.length === 0) return fileError('empty', 'tệp chỉ có dòng tiêu đề, chưa có dòng khen thưởng nào')
  if (data.length > MAX_IMPORT_ROWS) {
    return fileError('too_many_rows', `tệp có hơn ${MAX_IMPORT_ROWS} dòng khen thưởng, quá giới hạn một lần nhập: hãy chia thành nhiều tệp`)
  }
  return { ...readRows(data, columns.at, columns.written, catalog), rows: data.length }
}

function requiredList(): string {
  return COLUMNS.filter((c) => c.required).map((c) => `“${c.vi}”`).join(', ')
}

function fileError(problem: FileProblem, message: string): ParsedList {
  return { awards: [], errors: [], listed: [], rows: 0, fileError: { problem, message } }
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
      duplicate ??= `cột “${cleanText(raw)}” (cột ${columnLetter(i)}) trùng nghĩa với cột “${written.get(key)}” (cột ${columnLetter(at.get(key) ?? 0)}): hãy giữ một cột`
      return
    }
    at.set(key, i)
    written.set(key, cleanText(raw))
  })
  const missing = COLUMNS.filter((c) => c.required && !at.has(c.key)).map((c) => c.key)
  return { at, written, missing, duplicate }
}
