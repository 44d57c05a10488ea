/** How every worksheet we write looks: a bold, frozen, filterable header and columns as wide as their text. */
import type ExcelJS from 'exceljs'

export function styleHeader(sheet: ExcelJS.Worksheet, rows: readonly (readonly unknown[])[]): void {
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.alignment = { vertical: 'middle', wrapText: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  const width = rows[0]?.length ?? 0
  if (width > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: width } }
  for (let c = 0; c < width; c++) {
    let longest = 0
    for (const r of rows) longest = Math.max(longest, String(r[c] ?? '').length)
    const column = sheet.getColumn(c + 1)
    column.width = Math.min(60, Math.max(6, longest + 2))
    if (longest > 60) column.alignment = { wrapText: true, vertical: 'top' }
  }
}
