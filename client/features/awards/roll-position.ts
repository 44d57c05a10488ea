/**
 * Which of a hall's own pages shows a roll's position in the log. A hall that cuts the list as
 * the reference hall does shows the same page; one that cuts it otherwise (a 4:3 projector, the
 * half screen of the signing item) shows the same place in the same decision, so that a change
 * of layout never sends the roll back to its start. Pure.
 *
 * A hall with more pages than the reference cannot show them all in the reference's time at a
 * readable hold: the band above the signature wall cut 60 collectives into 29 pages and turned
 * them every 1-3 s, too fast to read a name. No page of its own is held less than the plan's
 * floor (`ROLL_LIMITS.minHoldMs`, 5 s): such a hall steps through its pages of the decision on
 * screen at that pace, each step showing the page where the reference is then, and leaves out
 * the pages between (every name is on the reference halls, the host's console and the minutes).
 */
import { pageOf, pageStartMs, planMs, ROLL_LIMITS, type RollPlan } from '../../../shared/features/awards/roll.js'

export interface LocalPosition {
  index: number
  /** Roll time at which this hall's page turns next (Infinity on the last). */
  nextTurnMs: number
}

/** The section (a decision, or the whole roll) that `page` is in: its first page and the first page after it. */
function section(starts: readonly number[], page: number, pages: number, gi: number): [number, number] {
  const start = starts[gi] ?? 0
  const end = starts.find((p) => p > start) ?? pages
  return [start, Math.max(start + 1, Math.min(end, pages))]
}

/** This hall's page at roll time `rollMs`, for a plan and the hall's own pages and group starts. */
export function localPosition(plan: RollPlan, rollMs: number, localPages: number, localStarts: readonly number[]): LocalPosition {
  const refPage = pageOf(plan, rollMs)
  if (localPages === plan.pages) {
    return { index: refPage, nextTurnMs: refPage < plan.pages - 1 ? pageStartMs(plan, refPage + 1) : Infinity }
  }
  const sameGroups = localStarts.length === plan.groupPages.length && plan.groupPages.length > 1
  let gi = 0
  if (sameGroups) plan.groupPages.forEach((p, i) => { if (p <= refPage && p >= (plan.groupPages[gi] ?? 0)) gi = i })
  const [refStart, refEnd] = sameGroups ? section(plan.groupPages, refPage, plan.pages, gi) : [0, plan.pages]
  const [locStart, locEnd] = sameGroups ? section(localStarts, 0, localPages, gi) : [0, localPages]
  const fromMs = pageStartMs(plan, refStart)
  const toMs = refEnd >= plan.pages ? planMs(plan) : pageStartMs(plan, refEnd)
  const count = locEnd - locStart
  const span = toMs - fromMs
  if (!(span > 0)) return { index: Math.min(localPages - 1, locStart), nextTurnMs: Infinity }
  // Each page of this hall for its share of the section's time, or for the floor when its share is shorter.
  const step = Math.max(span / count, ROLL_LIMITS.minHoldMs)
  const n = Math.floor(Math.max(0, rollMs - fromMs) / step)
  // The page where the section is at the step's start (the epsilon: n steps of exactly one page's share are n pages).
  const k = Math.min(count - 1, Math.floor((n * step * count) / span + 1e-9))
  const index = Math.min(localPages - 1, locStart + k)
  const nextTurnMs = index >= localPages - 1 ? Infinity : fromMs + Math.min((n + 1) * step, span)
  return { index, nextTurnMs }
}
