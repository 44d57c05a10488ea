/** Reading the first worksheet of an .xlsx into rows of text, with exceljs. */
import type ExcelJS from 'exceljs'
import { excel } from './excel.js'
import type { SheetRow } from './csv.js'

export type ReadSheet = { ok: true; rows: SheetRow[] } | { ok: false; message: string; tooLarge?: true }

/** What an .xlsx may unpack to: 20,000 rows of a real list take a few tens of MB at most. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024

/** The rows of the first worksheet that hold anything, with their spreadsheet row numbers. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadSheet> {
  const broken = { ok: false as const, message: 'không đọc được tệp XLSX (tệp hỏng hoặc không phải bảng tính Excel): mở lại trong Excel, lưu thành .xlsx rồi gửi lại' }
  const unpacked = unpackedSize(bytes)
  if (unpacked === null) return broken
  if (unpacked > MAX_UNPACKED_BYTES) {
    return { ok: false, tooLarge: true, message: `tệp XLSX giải nén ra hơn ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, quá lớn cho một danh sách: hãy chia thành nhiều tệp` }
  }
  const workbook = new (await excel()).Workbook()
  try {
    // exceljs declares a Buffer interface of its own that Node's Buffer type does not match.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    return broken
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { ok: false, message: 'tệp XLSX không có trang tính nào' }
  const rows: SheetRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).normalize('NFC')
    })
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') })
  })
  return { ok: true, rows }
}

/** A cell as the organiser sees it: rich text joined, a formula's result, a date as dd/mm/yyyy. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0')
    return `${p(value.getUTCDate())}/${p(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  // exceljs types a hyperlink's text and a formula's result looser than the cell values they are.
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue)
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue)
  return ''
}

/**
 * The total uncompressed size a ZIP's central directory declares, read before unpacking so a
 * small file that inflates to gigabytes never reaches the spreadsheet reader. Null when the
 * directory cannot be read (or uses ZIP64, which no list of this size needs).
 */
export function unpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) return null
  const entries = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  let total = 0
  for (let k = 0; k < entries; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null
    const size = view.getUint32(at + 24, true)
    if (size === 0xffffffff) return null
    total += size
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return total
}
