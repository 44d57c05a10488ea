/**
 * Text that people see (names, titles, messages, reasons): normalised to NFC, whitespace tidied,
 * and refused when it holds what a screen cannot show honestly: control characters (NUL…),
 * format characters (bidi overrides such as RLO, zero-width spaces), lone surrogates, or nothing
 * visible at all. Lengths are counted as people see them: grapheme clusters, not UTF-16 units.
 */
import { z } from 'zod'

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** Characters as a reader counts them: "Nguyễn" is 6 whatever its encoding, a family emoji is 1. */
export function graphemeCount(s: string): number {
  let n = 0
  for (const _ of graphemes.segment(s)) n++
  return n
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is part of the picture: kept. */
const EMOJI_ZWJ = /(\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu
/** Control (Cc), format (Cf: bidi controls, zero-width spaces, BOM, soft hyphen…), line/paragraph separators. */
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u
/** What draws nothing on a screen: spaces, marks without a base, fillers. */
const INVISIBLE = /[\s\p{M}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu

export interface TextOptions {
  /** Line breaks allowed (a reason or a message typed in a text area); names stay on one line. */
  multiline?: boolean
}

const hex = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

/**
 * The text as it will be stored (NFC, trimmed, runs of spaces as one, CRLF as LF), or why it is
 * refused: a sentence naming the character (never echoing it), for the `invalid` error.
 */
export function cleanText(raw: string, max: number, opts: TextOptions = {}): { ok: true; text: string } | { ok: false; problem: string } {
  if (LONE_SURROGATE.test(raw)) return { ok: false, problem: 'contains a broken character (a lone surrogate); type the text again' }
  let s = raw.normalize('NFC')
  if (opts.multiline) s = s.replace(/\r\n?/g, '\n')
  const lines = (opts.multiline ? s.split('\n') : [s]).map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
  s = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()
  const hidden = HIDDEN.exec(opts.multiline ? s.replace(/\n/g, '').replace(EMOJI_ZWJ, '$1') : s.replace(EMOJI_ZWJ, '$1'))
  if (hidden) {
    const c = hidden[0]
    const what = c === '\0' ? 'a NUL character' : c === '\n' || c === '\r' ? 'a line break' : /\p{Cc}/u.test(c) ? `a control character (${hex(c)})` : `an invisible formatting character (${hex(c)})`
    return { ok: false, problem: `contains ${what}; remove it and type the text again` }
  }
  if (s.replace(INVISIBLE, '').length === 0) return { ok: false, problem: s.length === 0 ? 'must not be empty' : 'has no visible character' }
  // A text never has more graphemes than UTF-16 units: only a long one is segmented (segmenting
  // every name cost a third of a start-up that imports 3,000 awards).
  const n = s.length > max ? graphemeCount(s) : s.length
  if (n > max) return { ok: false, problem: `must be at most ${max} characters (it has ${n})` }
  return { ok: true, text: s }
}

/** A zod schema for person-facing text of at most `max` characters as people count them. */
export function personText(max: number, opts: TextOptions = {}) {
  return z.string().transform((raw, ctx) => {
    const r = cleanText(raw, max, opts)
    if (r.ok) return r.text
    ctx.addIssue({ code: 'custom', message: r.problem })
    return z.NEVER
  })
}
