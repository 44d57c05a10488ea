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
 * Printable ASCII and precomposed Latin letters (U+00C0-024F, U+1E00-1EFF: every Vietnamese
 * letter): nearly all that people's names, units and titles hold. None of these is a control,
 * format, combining or invisible character, each is one grapheme, and each is already NFC (all
 * three checked over the ranges by shared/text.test.ts), so such text needs only its spaces tidied.
 */
const PLAIN = /^[\x20-\x7E\u00C0-\u024F\u1E00-\u1EFF]*$/

type Cleaned = { ok: true; text: string } | { ok: false; problem: string }

/**
 * The text as it will be stored (NFC, trimmed, runs of spaces as one, CRLF as LF), or why it is
 * refused: a sentence naming the character (never echoing it), for the `invalid` error. Plain
 * text takes a shortcut with the same answer as the full checks (`checkedText`); those cost 5 µs
 * a call, and a server start paid them twice for each of the demo's 3,000 awards (import, then
 * the log read back).
 */
export function cleanText(raw: string, max: number, opts: TextOptions = {}): Cleaned {
  if (!PLAIN.test(raw)) return checkedText(raw, max, opts)
  const s = raw.replace(/ {2,}/g, ' ').trim()
  if (s.length === 0) return { ok: false, problem: 'must not be empty' }
  if (s.length > max) return { ok: false, problem: `must be at most ${max} characters (it has ${s.length})` }
  return { ok: true, text: s }
}

/** `cleanText` by the full checks, for any text. */
export function checkedText(raw: string, max: number, opts: TextOptions = {}): Cleaned {
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
