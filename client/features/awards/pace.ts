/**
 * The pace of an honours roll, chosen before its batch is announced: the largest names whose
 * pages fit the time left at a comfortable hold, else the densest layout with shorter holds down
 * to the shortest readable one; and, when even that does not fit, by how much. Pure.
 */
import { planMs, ROLL_LIMITS, type RollDensity } from '../../../shared/features/awards/roll.js'
import { DENSITY_ORDER } from './roll-layout.js'

/** A page held this long is read without hurry; shorter holds are used only once the densest layout does not fit. */
export const COMFORT_HOLD_MS = 8_000
/** The hold when the item has no planned time. */
export const UNTIMED_HOLD_MS = 12_000

export interface PaceChoice {
  density: RollDensity
  pages: number
  holdMs: number
  /** From the first page to the end of the last, ms. */
  durationMs: number
  /** The time the roll has, ms (null: the item is not timed). */
  budgetMs: number | null
  fits: boolean
}

const HOLD_STEP_MS = 100

/** The pace for a roll whose page count at each density is `pagesAt(d)`, with `budgetMs` to run in. */
export function choosePace(pagesAt: (d: RollDensity) => number, budgetMs: number | null): PaceChoice {
  const choice = (density: RollDensity, holdMs: number, fits: boolean): PaceChoice => {
    const pages = pagesAt(density)
    return { density, pages, holdMs, durationMs: planMs({ pages, holdMs }), budgetMs, fits }
  }
  if (budgetMs === null) return choice('large', UNTIMED_HOLD_MS, true)
  const holdFor = (pages: number) => Math.floor((budgetMs - planMs({ pages, holdMs: 0 })) / pages / HOLD_STEP_MS) * HOLD_STEP_MS
  for (const d of DENSITY_ORDER) {
    const hold = holdFor(pagesAt(d))
    if (hold >= COMFORT_HOLD_MS) return choice(d, Math.min(ROLL_LIMITS.maxHoldMs, hold), true)
  }
  const densest = DENSITY_ORDER[DENSITY_ORDER.length - 1] ?? 'tight'
  const hold = holdFor(pagesAt(densest))
  return hold >= ROLL_LIMITS.minHoldMs ? choice(densest, hold, true) : choice(densest, ROLL_LIMITS.minHoldMs, false)
}
