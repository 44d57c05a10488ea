/** How every worksheet we write looks: a bold, frozen, filterable header and columns as wide as their text. */
import type ExcelJS from 'exceljs'

/** The header row's look. */
export const HEADER_STYLE = {
  font: { bold: true },
  alignment: { vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } },
} as const satisfies Partial<ExcelJS.Style>

/** Each column as wide as its longest text (6 to 60 characters); a longer text wraps. */
export function columnLayout(rows: readonly (readonly unknown[])[]): Partial<ExcelJS.Column>[] {
  const width = rows[0]?.length ?? 0
  return Array.from({ length: width }, (_, c) => {
    let longest = 0
    for (const r of rows) longest = Math.max(longest, String(r[c] ?? '').length)
    return { width: Math.min(60, Math.max(6, longest + 2)), ...(longest > 60 ? { alignment: { wrapText: true, vertical: 'top' } } : {}) }
  })
}

export function styleHeader(sheet: ExcelJS.Worksheet, rows: readonly (readonly unknown[])[]): void {
  const header = sheet.getRow(1)
  header.font = HEADER_STYLE.font
  header.alignment = HEADER_STYLE.alignment
  header.fill = HEADER_STYLE.fill
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  const width = rows[0]?.length ?? 0
  if (width > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: width } }
  columnLayout(rows).forEach((layout, c) => {
    const column = sheet.getColumn(c + 1)
    column.width = layout.width
    if (layout.alignment) column.alignment = layout.alignment
  })
}
