/**
 * CSV as organisers save it: UTF-8 with or without a BOM (or Excel's UTF-16 "Unicode text"),
 * comma, semicolon or tab separated, quoted fields that may hold separators, quotes and line
 * breaks. The decoding checks are ours; splitting and quoting are csv-parse's and csv-stringify's.
 */
import { CsvError, parse, type Options } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'

/** One record of a sheet, numbered as a spreadsheet numbers it (the header is row 1); cells in NFC. */
export interface SheetRow {
  row: number
  cells: string[]
}

export type Decoded = { ok: true; text: string } | { ok: false; message: string }

/** Bytes to text; refuses what is not text rather than guessing an 8-bit code page. */
export function decodeText(bytes: Uint8Array): Decoded {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null
  let text: string
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes)
  } catch {
    if (bytes.includes(0)) return { ok: false, message: NOT_A_LIST }
    return {
      ok: false,
      message: 'tệp CSV không ở mã UTF-8 nên chữ tiếng Việt sẽ bị sai; trong Excel chọn Lưu thành → “CSV UTF-8 (Comma delimited) (*.csv)”, hoặc gửi tệp .xlsx',
    }
  }
  // Text files hold no NUL and few control characters; a binary file decoded by luck holds many.
  const controls = text.slice(0, 4096).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0
  if (text.includes('\u0000') || controls > 8) return { ok: false, message: NOT_A_LIST }
  // NFC once for the whole file: the same list typed in NFD reads the same, and cells need no more.
  return { ok: true, text: text.replace(/^\uFEFF/, '').normalize('NFC') }
}

export const NOT_A_LIST = 'tệp không phải CSV hay XLSX: hãy gửi danh sách dưới dạng .xlsx (Excel) hoặc .csv (UTF-8)'

const DELIMITERS = [',', ';', '\t'] as const

/** Lenient as organisers' files need: any line ending, ragged rows, a stray quote inside a field. */
const READ: Options = { record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true, skip_empty_lines: true }

/** The separator of the header: the one of `,` `;` and tab that splits it into the most cells (comma on a tie). */
export function detectDelimiter(text: string): string {
  let best: string = ','
  let most = 0
  for (const delimiter of DELIMITERS) {
    let cells = 0
    try {
      // The header is within the file's beginning; the parser need not copy the whole file three times.
      cells = parse(text.slice(0, 65_536), { ...READ, delimiter, to: 1 })[0]?.length ?? 0
    } catch {
      // A broken quote is reported by readCsv with its row; here it only means "not this one".
    }
    if (cells > most) [best, most] = [delimiter, cells]
  }
  return best
}

export type ReadCsv = { ok: true; rows: SheetRow[] } | { ok: false; message: string }

/** Thrown from inside the parser to stop reading once enough rows are kept. */
class Enough extends Error {}

/**
 * The records of a CSV with their spreadsheet row numbers: empty lines and quoted line breaks
 * are counted as Excel counts them. Rows of nothing but spaces are counted, not kept; reading
 * stops after `maxRows` kept rows. A quote left open is refused with the row it opens on.
 */
export function readCsv(text: string, delimiter = detectDelimiter(text), maxRows = Infinity): ReadCsv {
  const rows: SheetRow[] = []
  try {
    parse(text, {
      ...READ,
      delimiter,
      on_record: (cells: string[], info) => {
        // Empty lines are skipped by the parser but still rows of the sheet.
        if (cells.some((c) => c.trim() !== '')) rows.push({ row: info.records + info.empty_lines, cells })
        if (rows.length >= maxRows) throw new Enough()
        return null
      },
    })
  } catch (err) {
    if (err instanceof Enough) return { ok: true, rows }
    if (!(err instanceof CsvError)) throw err
    const row = Number(err['records'] ?? 0) + Number(err['empty_lines'] ?? 0) + 1
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      return { ok: false, message: `dấu ngoặc kép (") mở ở dòng ${row} không được đóng nên phần còn lại của tệp dồn vào một ô: hãy sửa ô đó, hoặc mở tệp trong Excel và lưu lại, rồi gửi lại` }
    }
    return { ok: false, message: `không đọc được tệp CSV từ dòng ${row}: hãy mở tệp trong Excel, lưu lại thành “CSV UTF-8” rồi gửi lại` }
  }
  return { ok: true, rows }
}

/**
 * A cell a spreadsheet would run as a formula (OWASP, CSV injection): `= + - @`, tab or CR first,
 * or their full-width forms. Written with a leading `'`, quoted, so Excel shows it as text.
 */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * CSV with CRLF line ends and a UTF-8 BOM (Excel then opens Vietnamese text correctly); a field
 * is quoted when it holds a separator of either locale (`,` or `;`), a quote, a line break or
 * edge spaces, and neutralised when it would start a formula.
 */
export function writeCsv(rows: (string | number | undefined)[][]): Buffer {
  const text = stringify(rows, { bom: true, record_delimiter: 'windows', escape_formulas: true, quoted_match: [/[;\r\n]/, /^\s|\s$/, FORMULA_START] })
  return Buffer.from(text, 'utf8')
}
