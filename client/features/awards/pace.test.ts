import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Award, AwardType } from '../../../shared/domain.js'
import { planMs, rollAt, type RollPlan } from '../../../shared/features/awards/roll.js'
import { choosePace, COMFORT_HOLD_MS } from './pace.js'
import { planRoll } from './plan-roll.js'
import { localPosition } from './roll-position.js'
import type { RollGroup } from './roll.js'
import { spokenDuration } from './duration.js'

const pagesOf = (large: number, dense: number, tight: number) => (d: string) => (d === 'large' ? large : d === 'dense' ? dense : tight)

describe('choosePace', () => {
  it('keeps the largest names when their pages fit at a comfortable hold, holding each page as long as the time allows', () => {
    const c = choosePace(pagesOf(40, 30, 25), 10 * 60_000)
    expect(c).toMatchObject({ density: 'large', pages: 40, fits: true })
    expect(c.holdMs).toBe(14_900) // (600 000 − 1 400) / 40, to the 100 ms below
    expect(c.durationMs).toBeLessThanOrEqual(10 * 60_000)
  })

  it('puts more names on a page before it holds pages shorter', () => {
    const c = choosePace(pagesOf(101, 70, 60), 10 * 60_000 + 36_000)
    expect(c.density).toBe('dense')
    expect(c.holdMs).toBeGreaterThanOrEqual(COMFORT_HOLD_MS)
  })

  it('holds the densest pages down to 5 s, and says so when even that does not fit', () => {
    const short = choosePace(pagesOf(200, 150, 110), 10 * 60_000)
    expect(short).toMatchObject({ density: 'tight', fits: true })
    expect(short.holdMs).toBeLessThan(COMFORT_HOLD_MS)
    expect(short.holdMs).toBeGreaterThanOrEqual(5_000)
    const over = choosePace(pagesOf(300, 250, 200), 10 * 60_000)
    expect(over).toMatchObject({ density: 'tight', holdMs: 5_000, fits: false, durationMs: 1_400 + 200 * 5_000 })
  })

  it('never holds a page longer than 20 s, and takes 12 s large pages when the item is not timed', () => {
    expect(choosePace(pagesOf(3, 2, 2), 15 * 60_000).holdMs).toBe(20_000)
    expect(choosePace(pagesOf(3, 2, 2), null)).toMatchObject({ density: 'large', holdMs: 12_000, fits: true })
  })
})

describe('localPosition', () => {
  const plan: RollPlan = { pages: 10, holdMs: 8_000, density: 'dense', groupPages: [0, 4, 7] }
  it('shows the log’s page when the hall cuts the list as the reference does', () => {
    expect(localPosition(plan, 0, 10, [0, 4, 7])).toEqual({ index: 0, nextTurnMs: 9_400 })
    expect(localPosition(plan, 1_400 + 4 * 8_000, 10, [0, 4, 7])).toEqual({ index: 4, nextTurnMs: 1_400 + 5 * 8_000 })
  })
  it('keeps the place in the same decision when the hall cuts it into more pages (the signing item’s half screen)', () => {
    // Decision 1 is pages 1–4 at the reference (the entrance and 32 s), 5 pages here (0–4 of 12):
    // each has its share of the decision's time; decision 2 starts at its own first page.
    expect(localPosition(plan, 0, 12, [0, 5, 9])).toEqual({ index: 0, nextTurnMs: 33_400 / 5 })
    expect(localPosition(plan, 33_400 - 1, 12, [0, 5, 9]).index).toBe(4)
    expect(localPosition(plan, 33_400, 12, [0, 5, 9]).index).toBe(5)
  })
  it('holds no page under 5 s: a hall with too many pages for the time steps through them at that pace, each step where the reference is', () => {
    // Decision 2 is pages 5–7 at the reference (24 s), 8 pages here (10–17): 3 s each would be too fast to read.
    const from = 1_400 + 4 * 8_000
    const seen: number[] = []
    for (let t = from; t < from + 24_000; t += 250) {
      const at = localPosition(plan, t, 25, [0, 10, 18])
      if (seen.at(-1) !== at.index) seen.push(at.index)
      // The page on screen at t turns no sooner than 5 s after the step it began (or at the decision's end).
      const stepStart = from + Math.floor((t - from) / 5_000) * 5_000
      expect(at.nextTurnMs).toBe(Math.min(stepStart + 5_000, from + 24_000))
    }
    // Steps at 0, 5, 10, 15 and 20 s of the decision's 24: the pages where it is then, in order, none twice.
    expect(seen).toEqual([10, 11, 13, 15, 16])
    // The next decision starts at its own first page.
    expect(localPosition(plan, from + 24_000, 25, [0, 10, 18]).index).toBe(18)
  })
})

describe('the demo’s 1,597 individuals', () => {
  it('fit the 10 min 36 s left of the awards item', () => {
    // The demo's list, as the import reads it (Bằng khen of the Chairman, individuals).
    const rows: Record<string, string>[] = parse(readFileSync(new URL('../../../server/seed/data/khen-thuong-2022.csv', import.meta.url)), { columns: true, bom: true })
    const awards: Award[] = rows
      .filter((r) => r['Hình thức khen thưởng'] === 'Bằng khen của Chủ tịch UBND tỉnh' && r['Đối tượng'] === 'Cá nhân')
      .map((r, i) => ({ id: `i${i}`, typeId: 'bk', recipientKind: 'individual', recipientName: r['Tên'] ?? '', unit: r['Đơn vị'] ?? '', siteId: r['Điểm cầu'] ?? '', decision: r['Quyết định'] ?? '' }))
    expect(awards).toHaveLength(1597)
    const types = new Map<string, AwardType>([['bk', { id: 'bk', name: 'Bằng khen của Chủ tịch UBND tỉnh', recipientKind: 'both' }]])
    const siteOrder = [...new Set(awards.map((a) => a.siteId ?? ''))]
    const words = { groupTitle: (g: RollGroup) => types.get(g.typeId)?.name ?? '', groupLine: (g: RollGroup) => `Cá nhân  ${g.decision ?? ''}`, withdrawn: () => '' }
    const left = 10 * 60_000 + 36_000
    const { plan, choice } = planRoll(awards, { types, siteOrder }, words, left)
    console.log(`1,597 individuals: ${plan.pages} pages, ${plan.density}, ${plan.holdMs} ms a page: ${spokenDuration(choice.durationMs, 'vi')} against ${spokenDuration(left, 'vi')} left ` +
      `(widths estimated without a canvas; the host's browser measures the font)`)
    expect(choice.fits).toBe(true)
    expect(planMs(plan)).toBeLessThanOrEqual(left)
    expect(plan.groupPages).toHaveLength(8)
    // On the halls, the roll ends when the item's time is up, not after it.
    expect(rollAt([{ revealAt: 0, awards: 1597, plan, shiftMs: 0 }], left)?.phase).toBe('done')
  })
})
