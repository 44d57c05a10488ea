/**
 * CSV as organisers save it: UTF-8 with or without a BOM (or Excel's UTF-16 "Unicode text"),
 * comma, semicolon or tab separated, quoted fields that may hold separators, quotes and line breaks.
 */

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

/** The separator of the header line: the most frequent of `,` `;` and tab outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]])
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  let best = ','
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d
  return best
}

/**
 * RFC 4180, leniently: text after a closing quote, or a stray quote inside a field, is kept.
 * Rows with nothing but spaces are counted, not kept; reading stops after `maxRows` kept rows.
 */
export function readCsv(text: string, delimiter = detectDelimiter(text), maxRows = Infinity): SheetRow[] {
  const rows: SheetRow[] = []
  if (text === '') return rows
  let row = 0
  const keep = (cells: string[]) => {
    row++
    if (cells.some((c) => c.trim() !== '')) rows.push({ row, cells })
    return rows.length < maxRows
  }
  const n = text.length
  const d = delimiter.charCodeAt(0)
  /** Index of the next delimiter or line break at or after `k`. */
  const fieldEnd = (k: number) => {
    for (; k < n; k++) {
      const c = text.charCodeAt(k)
      if (c === d || c === 10 || c === 13) return k
    }
    return n
  }
  let cells: string[] = []
  let i = 0
  for (;;) {
    let value: string
    if (text.charCodeAt(i) === 34) {
      value = ''
      let j = i + 1
      for (;;) {
        const q = text.indexOf('"', j)
        if (q < 0) {
          value += text.slice(j)
          i = n
          break
        }
        value += text.slice(j, q)
        if (text.charCodeAt(q + 1) === 34) {
          value += '"'
          j = q + 2
        } else {
          i = q + 1
          break
        }
      }
      const k = fieldEnd(i)
      value += text.slice(i, k)
      i = k
    } else {
      const k = fieldEnd(i)
      value = text.slice(i, k)
      i = k
    }
    cells.push(value)
    if (i >= n) break
    const c = text.charCodeAt(i)
    i++
    if (c === d) continue
    if (c === 13 && text.charCodeAt(i) === 10) i++
    if (!keep(cells) || i >= n) return rows
    cells = []
  }
  keep(cells)
  return rows
}

/** One CSV field, quoted only when it must be. */
export function csvField(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value)
  return /[",;\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** CSV with CRLF line ends and a UTF-8 BOM: Excel then opens Vietnamese text correctly. */
export function writeCsv(rows: (string | number | undefined)[][]): Buffer {
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8')
}
