/**
 * Rows the conference already holds: the same award type, kind, recipient, unit and decision as
 * an award imported before (ids aside: a list without a Mã column gets new ids each time). Such a
 * row is said in the dry run ("đã có trong danh sách") and left out of the import, so a list sent
 * twice, or re-saved in another format, or grown by a few rows, adds only what is new.
 */
import type { Award } from '../../shared/domain.js'
import type { ImportedAward } from './catalog.js'
import { valueKey } from './columns.js'

/** What of an award already in the conference the check reads. */
export type ListedAward = Pick<Award, 'id' | 'typeId' | 'recipientKind' | 'recipientName' | 'unit' | 'decision'>

/** A row of the file that is already in the conference's list, and the award it is. */
export interface ListedRow {
  row: number
  id: string
}

const key = (a: Omit<ListedAward, 'id'>) =>
  [a.typeId, a.recipientKind, valueKey(a.recipientName), valueKey(a.unit ?? ''), valueKey(a.decision ?? '')].join('\u0000')

/**
 * Matches rows to the awards already there, one to one: two equal rows against one equal award
 * leave one row new (two people of the same name, unit and decision stay two awards).
 */
export function alreadyListed(existing: readonly ListedAward[]): (award: Omit<ImportedAward, 'id'>, id?: string) => string | undefined {
  const byKey = new Map<string, string[]>()
  for (const a of existing) {
    const k = key(a)
    const ids = byKey.get(k)
    if (ids) ids.push(a.id)
    else byKey.set(k, [a.id])
  }
  /** The award a row repeats (then no longer free for another row), or undefined when the row is new. */
  return (award, id) => {
    const ids = byKey.get(key(award))
    // A row that names its id repeats that award only, and only if it has the same content.
    const at = !ids ? -1 : id ? ids.indexOf(id) : 0
    return ids && at >= 0 ? ids.splice(at, 1)[0] : undefined
  }
}
