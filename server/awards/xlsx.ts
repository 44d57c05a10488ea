/** Reading the first worksheet of an .xlsx into rows of text, with exceljs. */
import ExcelJS from 'exceljs'
import type { SheetRow } from './csv.js'

export type ReadSheet = { ok: true; rows: SheetRow[] } | { ok: false; message: string }

/** The rows of the first worksheet that hold anything, with their spreadsheet row numbers. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadSheet> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    return { ok: false, message: 'không đọc được tệp XLSX (tệp hỏng hoặc không phải bảng tính Excel): mở lại trong Excel, lưu thành .xlsx rồi gửi lại' }
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
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue)
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue)
  return ''
}
