/** What a dry run shows before committing: totals per award type and the first rows. */
import type { AwardType } from '../../shared/domain.js'
import { ceremonyOrder, type ImportedAward } from './catalog.js'

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
  const byType = ceremonyOrder(types)
    .filter((t) => counts.has(t.id))
    .map((t) => ({ typeId: t.id, name: t.name, ...counts.get(t.id)! }))
  return { total: awards.length, byType, sample: awards.slice(0, PREVIEW_SAMPLE) }
}
