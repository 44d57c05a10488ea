/**
 * Which of a hall's own pages shows a roll's position in the log. A hall that cuts the list as
 * the reference hall does shows the same page; one that cuts it otherwise (a 4:3 projector, the
 * half screen of the signing item) shows the same place in the same decision, so that a change
 * of layout never sends the roll back to its start. Pure.
 */
import { pageOf, pageStartMs, planMs, type RollPlan } from '../../../shared/features/awards/roll.js'

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
  const frac = toMs > fromMs ? Math.min(0.999999, Math.max(0, (rollMs - fromMs) / (toMs - fromMs))) : 0
  const k = Math.min(count - 1, Math.floor(frac * count))
  const index = Math.min(localPages - 1, locStart + k)
  const nextTurnMs = index >= localPages - 1 ? Infinity : fromMs + ((k + 1) / count) * (toMs - fromMs)
  return { index, nextTurnMs }
}
