/**
 * The columns of an award list (../../../shared/DESIGN.md): one Vietnamese and one English header
 * each, matched case- and diacritic-insensitively, plus the spellings organisers commonly use.
 */

export type ColumnKey = 'type' | 'kind' | 'name' | 'unit' | 'site' | 'decision' | 'awardClass' | 'id'

export interface ColumnSpec {
  key: ColumnKey
  /** The header the template writes and error messages name when the column is missing. */
  vi: string
  en: string
  required: boolean
  /** Other headers that mean the same, already folded (see `foldHeader`). */
  aliases: string[]
}

export const COLUMNS: readonly ColumnSpec[] = [
  { key: 'type', vi: 'Hình thức khen thưởng', en: 'award_type', required: true, aliases: ['hinh thuc', 'danh hieu', 'hinh thuc khen thuong danh hieu', 'type'] },
  { key: 'kind', vi: 'Đối tượng', en: 'recipient_kind', required: true, aliases: ['loai doi tuong', 'tap the ca nhan', 'kind'] },
  { key: 'name', vi: 'Tên', en: 'recipient_name', required: true, aliases: ['ho va ten', 'ho ten', 'ten tap the ca nhan', 'ten tap the hoac ca nhan', 'name'] },
  { key: 'unit', vi: 'Đơn vị', en: 'unit', required: true, aliases: ['chuc vu don vi', 'don vi cong tac', 'co quan don vi'] },
  { key: 'site', vi: 'Điểm cầu', en: 'site', required: false, aliases: [] },
  { key: 'decision', vi: 'Quyết định', en: 'decision', required: false, aliases: ['so quyet dinh', 'quyet dinh khen thuong'] },
  { key: 'awardClass', vi: 'Hạng', en: 'class', required: false, aliases: ['award class', 'hang huan chuong'] },
  { key: 'id', vi: 'Mã', en: 'id', required: false, aliases: ['ma khen thuong', 'award id'] },
]

/** Screen text as the catalog keeps it: NFC, trimmed, inner whitespace collapsed. */
export function cleanText(raw: string): string {
  return collapseSpace(raw.normalize('NFC'))
}

/** `cleanText` for text already in NFC (the sheet readers normalize whole files at once). */
export function collapseSpace(nfc: string): string {
  const t = nfc.trim()
  return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, ' ') : t
}

/** Lower case, no diacritics (đ → d), punctuation as spaces: "Hình thức  khen_thưởng" → "hinh thuc khen thuong". */
export function foldHeader(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\(.*?\)|\*/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * The key two spellings of a catalog value share: case and quote style ignored, diacritics kept
 * ("Tap the" is not "Tập thể": a value without its marks may name something else).
 */
export function valueKey(raw: string): string {
  return cleanText(raw).toLowerCase().replace(/[“”„"]/g, '"').replace(/[‘’']/g, "'")
}

/** Like `valueKey` but without diacritics: only to suggest "did you mean …". */
export function looseKey(raw: string): string {
  return foldHeader(valueKey(raw))
}

const BY_HEADER = new Map<string, ColumnKey>()
for (const c of COLUMNS) for (const h of [c.vi, c.en, ...c.aliases]) BY_HEADER.set(foldHeader(h), c.key)

/** Which column a header names, if any. */
export function columnOf(header: string): ColumnKey | undefined {
  return BY_HEADER.get(foldHeader(header))
}

export const COLUMN_BY_KEY = new Map(COLUMNS.map((c) => [c.key, c]))
