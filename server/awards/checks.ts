/**
 * What the import checks beyond the catalog, said in Vietnamese: cells that look like a
 * spreadsheet formula, and every award against the very schema `award.import` parses with (so the
 * dry run refuses exactly what the command would, by the spreadsheet's row and column).
 */
import type { z } from 'zod'
import { ImportAwards } from '../../shared/commands.js'
import { zodDetail, ErrorReason } from '../../shared/errors.js'
import { graphemeCount } from '../../shared/text.js'
import type { ImportedAward } from './catalog.js'
import type { ColumnKey } from './columns.js'

/** One award of the command, the schema every import is parsed with. */
const IMPORTED_AWARD = ImportAwards.shape.awards.element

/**
 * A cell a spreadsheet would run: `=`, `+` or `@` first (or their full-width forms), or `-` before
 * a digit, a bracket or another operator (`-2+3+cmd|…`). No award type, name, unit, decision or
 * class begins so; a dash before a word ("- Phòng Tư pháp", a list bullet) is text and passes.
 */
const FORMULA = /^(?:[=+@\uFF1D\uFF0B\uFF20]|[-\uFF0D][\d(=+\-@.,])/

/**
 * A cell our export (or another OWASP-minded tool) wrote with a leading `'` so Excel shows it as
 * text: read without the quote, so an exported list imports again as it was.
 */
export function unescapeCell(text: string): string {
  return /^'[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? text.slice(1) : text
}

/** Why a cell is refused as a formula, or undefined. */
export function formulaProblem(text: string): string | undefined {
  if (!FORMULA.test(text)) return undefined
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text
  return `“${shown}” bắt đầu bằng “${text[0]}” nên Excel sẽ chạy nó như một công thức; tên, đơn vị hay quyết định thật không bắt đầu như vậy: hãy xóa ký tự “${text[0]}” ở đầu ô hoặc sửa lại ô này`
}

const COLUMN_OF_FIELD: Record<string, ColumnKey> = {
  id: 'id', typeId: 'type', recipientKind: 'kind', recipientName: 'name', unit: 'unit', siteId: 'site', decision: 'decision', awardClass: 'awardClass',
}

/** Names of the invisible characters organisers' files actually carry. */
const INVISIBLE_NAMES: Record<string, string> = {
  'U+200B': 'khoảng trắng không độ rộng', 'U+200C': 'ký tự nối không độ rộng', 'U+200D': 'ký tự nối không độ rộng', 'U+2060': 'ký tự nối không độ rộng',
  'U+200E': 'ký tự đổi chiều chữ', 'U+200F': 'ký tự đổi chiều chữ', 'U+202A': 'ký tự đổi chiều chữ', 'U+202B': 'ký tự đổi chiều chữ',
  'U+202C': 'ký tự đổi chiều chữ', 'U+202D': 'ký tự đổi chiều chữ', 'U+202E': 'ký tự đảo ngược chiều chữ', 'U+FEFF': 'dấu BOM', 'U+00AD': 'gạch nối mềm',
}

export type Checked = { ok: true; award: ImportedAward } | { ok: false; problems: [ColumnKey, string][] }

/** The award as the command will hold it, or each field the command would refuse, in Vietnamese. */
export function checkAward(award: ImportedAward): Checked {
  const parsed = IMPORTED_AWARD.safeParse(award)
  if (parsed.success) return { ok: true, award: parsed.data }
  // One problem per column: an id both too long and badly formed needs one sentence.
  const problems = new Map<ColumnKey, string>()
  for (const issue of parsed.error.issues) {
    const [column, message] = problemOf(issue, award)
    if (!problems.has(column)) problems.set(column, message)
  }
  return { ok: false, problems: [...problems] }
}

function problemOf(issue: z.core.$ZodIssue, award: ImportedAward): [ColumnKey, string] {
  const field = String(issue.path[0] ?? '')
  const column = COLUMN_OF_FIELD[field] ?? 'name'
  const raw: unknown = Object.entries(award).find(([k]) => k === field)?.[1]
  const value = typeof raw === 'string' ? raw : ''
  const detail = zodDetail({ issues: [issue] })
  switch (detail.reason) {
    case ErrorReason.fieldTooLong:
      return [column, `dài ${graphemeCount(value)} ký tự, quá giới hạn ${detail.params?.['max'] ?? ''} ký tự`]
    case ErrorReason.fieldEmpty:
      return [column, 'ô không có chữ nào nhìn thấy được (chỉ có dấu cách, dấu thanh đứng riêng hoặc ký tự ẩn): hãy xóa ô rồi gõ lại']
    case ErrorReason.fieldHidden: {
      const code = /U\+[0-9A-F]{4,6}/.exec(issue.message)?.[0]
      if (!code) return [column, 'có ký tự hỏng (không hiển thị được): hãy xóa ô rồi gõ lại']
      const name = INVISIBLE_NAMES[code] ?? (/control/.test(issue.message) ? 'ký tự điều khiển' : 'ký tự định dạng ẩn')
      return [column, `có ${name} (${code}) không nhìn thấy trên màn hình nhưng làm sai tên khi xướng và khi tìm: hãy xóa ô rồi gõ lại`]
    }
    case ErrorReason.fieldBadFormat:
      return [column, `mã “${value}” chỉ được gồm chữ cái không dấu, chữ số và các dấu _ . : -`]
    default:
      return [column, `giá trị “${value}” không hợp lệ ở cột này`]
  }
}
