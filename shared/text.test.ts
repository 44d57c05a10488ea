import { describe, expect, it } from 'vitest'
import { Command, describeZodError } from './commands.js'
import { checkedText, cleanText, graphemeCount, personText } from './text.js'
import { mulberry32 } from './testing/seeded.js'
import { defined } from './testing/defined.js'

const refused = (s: string, max = 200, multiline = false) => {
  const r = cleanText(s, max, { multiline })
  return r.ok ? null : r.problem
}

describe('person-facing text', () => {
  it('normalises to NFC, trims and tidies spaces', () => {
    const nfd = 'Nguye\u0302\u0303n  Va\u0306n\u00a0An '
    expect(cleanText(nfd, 200)).toEqual({ ok: true, text: 'Nguyễn Văn An' })
    expect(cleanText('Nguyễn Văn An', 200)).toEqual({ ok: true, text: 'Nguyễn Văn An' })
    expect(cleanText('Dòng một\r\nDòng hai', 500, { multiline: true })).toEqual({ ok: true, text: 'Dòng một\nDòng hai' })
  })
  it('refuses control, format, NUL and lone-surrogate characters, naming them and never echoing them', () => {
    expect(refused('An\u0000')).toMatch(/NUL/)
    expect(refused('\u202Eduong')).toMatch(/invisible formatting character \(U\+202E\)/)
    expect(refused('Tr\u200Bần')).toMatch(/U\+200B/)
    expect(refused('A\u2066B\u2069')).toMatch(/U\+2066/)
    expect(refused('An\u0007')).toMatch(/control character \(U\+0007\)/)
    expect(refused('An\uD800')).toMatch(/lone surrogate/)
    expect(refused('An\uDC00b')).toMatch(/lone surrogate/)
    expect(refused('Hai\ndòng')).toMatch(/line break/)
    expect(refused('Hai\ndòng', 500, true)).toBeNull()
  })
  it('refuses names that show nothing', () => {
    expect(refused('\u200B')).toMatch(/U\+200B/)
    expect(refused('   ')).toMatch(/empty/)
    expect(refused('\u3164\u3164')).toMatch(/no visible character/)
    expect(refused('\u0301\u0301')).toMatch(/no visible character/)
  })
  it('counts length as people see it', () => {
    expect(graphemeCount('Nguye\u0302\u0303n')).toBe(6)
    expect(graphemeCount('👨‍👩‍👧')).toBe(1)
    expect(refused('👨‍👩‍👧'.repeat(5), 5)).toBeNull()
    expect(refused('Nguyễn'.repeat(2), 11)).toMatch(/at most 11 characters \(it has 12\)/)
    expect(refused('e\u0301'.repeat(10), 10)).toBeNull()
  })
  it('keeps an emoji sequence joiner but not a joiner between letters', () => {
    expect(refused('Chúc mừng 👩‍🎓')).toBeNull()
    expect(refused('a\u200Db')).toMatch(/U\+200D/)
  })
  it('is what every command with a person-facing field parses with: a coded refusal naming the field', () => {
    const rlo = Command.safeParse({ id: 'cmd-00000001', type: 'site.reportIssue', data: { message: '\u202Emất tiếng' } })
    expect(rlo.success).toBe(false)
    expect(describeZodError(defined(rlo.error))).toMatch(/^data\.message: contains an invisible formatting character \(U\+202E\)/)
    const zw = Command.safeParse({ id: 'cmd-00000002', type: 'pledge.witness', data: { witnessName: '\u200B' } })
    expect(describeZodError(defined(zw.error))).toMatch(/^data\.witnessName:/)
    const ok = personText(200).parse('  Trần   Thị\u00a0Bình ')
    expect(ok).toBe('Trần Thị Bình')
  })
})

describe('the shortcut for plain text', () => {
  const RANGES: [number, number][] = [[0x20, 0x7e], [0xc0, 0x24f], [0x1e00, 0x1eff]]
  const plain = RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i)))
  const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

  it('takes only characters that are visible or a space, one grapheme each, and already NFC', () => {
    expect(plain).toHaveLength(95 + 400 + 256)
    for (const c of plain) {
      expect(c.normalize('NFC'), c).toBe(c)
      expect(/[\p{Cc}\p{Cf}\p{M}\p{Cn}\u2028\u2029]/u.test(c), c).toBe(false)
      expect([...graphemes.segment(`a${c}b`)], c).toHaveLength(3)
    }
  })

  it('answers what the full checks answer, for 5,000 seeded texts of plain characters and runs of spaces', () => {
    const next = mulberry32(20261207)
    const pick = (xs: readonly string[]) => defined(xs[Math.floor(next() * xs.length)])
    // Vietnamese letters, ASCII and spaces weighted as names are, and sometimes nothing but spaces.
    const alphabet = [...plain, ...'Nguyễn Văn Ánh Tuyết Phước Hải   '.split('')]
    for (let i = 0; i < 5_000; i++) {
      const length = Math.floor(next() * 40)
      const raw = Array.from({ length }, () => (next() < 0.05 ? '  ' : pick(alphabet))).join('')
      const max = 1 + Math.floor(next() * 40)
      expect(cleanText(raw, max), JSON.stringify(raw)).toEqual(checkedText(raw, max))
      expect(cleanText(raw, max, { multiline: true }), JSON.stringify(raw)).toEqual(checkedText(raw, max, { multiline: true }))
    }
  })
})
