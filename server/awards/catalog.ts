/** Looking values up in a conference's catalog (award types, sites) the way organisers write them. */
import { createHash } from 'node:crypto'
import type { CommandOf } from '../../shared/commands.js'
import type { AwardType } from '../../shared/domain.js'
import { looseKey, valueKey } from './columns.js'

const PLACE_WORD = /^(điểm cầu|huyện|thành phố|thị xã|quận|xã|phường|thị trấn) /

/** An award as an import creates it: no ceremony fields yet. */
export type ImportedAward = CommandOf<'award.import'>['data']['awards'][number]

/**
 * A lookup of the entry a cell names, by name or id, ignoring case and quote style; a place also
 * by a short form (`shortForms`: "Ninh Hải" for "Huyện Ninh Hải", "Điểm cầu tỉnh" for the hub
 * "Điểm cầu tỉnh (UBND tỉnh Ninh Thuận)") when only one entry has it. When none matches, `hint` suggests the one the cell names without its diacritics
 * (“Bang khen” → “Bằng khen”). Memoized: a list names the same few entries thousands of times.
 */
export function catalogLookup<T extends { id: string; name: string }>(entries: readonly T[]): (text: string) => { found?: T; hint: string } {
  const exact = new Map<string, T>()
  const short = new Map<string, T | null>()
  const loose = new Map<string, T | null>()
  for (const e of [...entries].reverse()) exact.set(e.id.toLowerCase(), e)
  for (const e of [...entries].reverse()) exact.set(valueKey(e.name), e)
  for (const e of entries) {
    for (const s of shortForms(valueKey(e.name))) short.set(s, short.has(s) ? null : e)
    const l = looseKey(e.name)
    loose.set(l, loose.has(l) ? null : e)
  }
  const memo = new Map<string, { found?: T; hint: string }>()
  return (text) => {
    let answer = memo.get(text)
    if (!answer) {
      const key = valueKey(text)
      const found = exact.get(key) ?? short.get(key) ?? undefined
      const near = found ? undefined : loose.get(looseKey(text))
      answer = found ? { found, hint: '' } : { hint: near ? ` (có phải “${near.name}”?)` : '' }
      memo.set(text, answer)
    }
    return answer
  }
}

/**
 * The shorter names people write for a place: without the administrative word ("ninh hải"), and
 * without a bracketed precision ("điểm cầu tỉnh" for "Điểm cầu tỉnh (UBND tỉnh Ninh Thuận)") or
 * by that precision alone ("ubnd tỉnh ninh thuận").
 */
function shortForms(key: string): Set<string> {
  const bracket = /^(.+?)\s*\((.+)\)$/.exec(key)
  const bases = bracket?.[1] && bracket[2] ? [key, bracket[1], bracket[2]] : [key]
  const forms = new Set(bases.flatMap((b) => [b, b.replace(PLACE_WORD, '')]))
  forms.delete(key)
  return forms
}

export function kindName(kind: 'collective' | 'individual'): string {
  return kind === 'collective' ? 'tập thể' : 'cá nhân'
}

/** A spreadsheet's column letter for a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let s = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** Award types in the order the ceremony presents them: by precedence, then as the catalog lists them. */
export function ceremonyOrder(types: readonly AwardType[]): AwardType[] {
  return types
    .map((t, i) => ({ t, i }))
    .sort((a, b) => (a.t.precedence ?? Infinity) - (b.t.precedence ?? Infinity) || a.i - b.i)
    .map(({ t }) => t)
}

/** The command id of an import: the same file twice is one import (SHA-256 of its bytes). */
export function importCommandId(bytes: Uint8Array): string {
  return `import-${createHash('sha256').update(bytes).digest('hex').slice(0, 40)}`
}
