/** What a dry run shows before committing: totals per award type and the first rows. */
import type { AwardType } from '../../shared/domain.js'
import { ceremonyOrder, type ImportedAward } from './catalog.js'
import type { ListedRow } from './listed.js'

export interface ImportPreview {
  total: number
  /** Per award type present in the list, in ceremony order. */
  byType: { typeId: string; name: string; collective: number; individual: number }[]
  /** The first awards, as they would be imported. */
  sample: ImportedAward[]
}

export const PREVIEW_SAMPLE = 20

export function previewOf(awards: readonly ImportedAward[], types: readonly AwardType[]): ImportPreview {
  const counts = new Map<string, { collective: number; individual: number }>()
  for (const a of awards) {
    const c = counts.get(a.typeId) ?? { collective: 0, individual: 0 }
    c[a.recipientKind]++
    counts.set(a.typeId, c)
  }
  const byType = ceremonyOrder(types).flatMap((t) => {
    const c = counts.get(t.id)
    return c ? [{ typeId: t.id, name: t.name, ...c }] : []
  })
  return { total: awards.length, byType, sample: awards.slice(0, PREVIEW_SAMPLE) }
}

/** Rows listed in an answer; the rest are counted. */
export const MAX_LISTED_ROWS = 500

/** The rows the conference already holds, as an answer carries them. */
export function listedAnswer(listed: readonly ListedRow[]): { count: number; rows: ListedRow[] } {
  return { count: listed.length, rows: listed.slice(0, MAX_LISTED_ROWS) }
}

/** "2–7, 9, 12": row numbers as a person reads them, runs joined, at most ten parts. */
export function rowRanges(rows: readonly number[]): string {
  const parts: string[] = []
  for (let i = 0; i < rows.length; i++) {
    let j = i
    while (j + 1 < rows.length && rows[j + 1] === (rows[j] ?? 0) + 1) j++
    parts.push(j > i ? `${rows[i]}–${rows[j]}` : `${rows[i]}`)
    i = j
  }
  return parts.length > 10 ? `${parts.slice(0, 10).join(', ')}…` : parts.join(', ')
}

/**
 * What a dry run or an import did, in one plain sentence: how many awards are new, and which rows
 * the conference already holds (they are never imported twice).
 */
export function importSummary(fresh: number, listed: readonly ListedRow[], dryRun: boolean): string {
  const n = (k: number) => k.toLocaleString('vi-VN')
  const where = `đã có trong danh sách khen thưởng của hội nghị (dòng ${rowRanges(listed.map((l) => l.row))})`
  if (fresh === 0) {
    return dryRun
      ? `Không có khen thưởng mới: cả ${n(listed.length)} dòng ${where}; nhập tệp này sẽ không thêm gì.`
      : `Không nhập thêm khen thưởng nào: cả ${n(listed.length)} dòng ${where}.`
  }
  const done = dryRun ? `Danh sách hợp lệ: ${n(fresh)} khen thưởng sẵn sàng để nhập` : `Đã nhập ${n(fresh)} khen thưởng`
  return listed.length === 0 ? `${done}.` : `${done}; ${n(listed.length)} dòng ${where} nên ${dryRun ? 'sẽ không' : 'không'} nhập lại.`
}
