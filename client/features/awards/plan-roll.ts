/**
 * The host's plan for a batch's roll: cut at every density on the reference hall, the pace that
 * fits chosen (./pace.ts), with the page each decision starts on, as `award.announce` carries it.
 */
import type { Award } from '../../../shared/domain.js'
import type { RollDensity, RollPlan } from '../../../shared/features/awards/roll.js'
import { choosePace, type PaceChoice } from './pace.js'
import { groupRoll, type RollOrder } from './roll.js'
import { groupStarts, pagesAt, REFERENCE_BOX, type RollWords } from './roll-layout.js'

export interface RollProposal {
  plan: RollPlan
  choice: PaceChoice
}

/** The roll of `awards` paced to run in `budgetMs` (null: the item is not timed). */
export function planRoll(awards: readonly Award[], order: RollOrder, words: RollWords, budgetMs: number | null): RollProposal {
  const groups = groupRoll(awards, order)
  const cache = new Map<string, number>()
  const cut = new Map<RollDensity, ReturnType<typeof pagesAt>>()
  const pagesOf = (d: RollDensity) => {
    let pages = cut.get(d)
    if (!pages) cut.set(d, (pages = pagesAt(groups, d, REFERENCE_BOX, words, cache)))
    return pages
  }
  const choice = choosePace((d) => Math.max(1, pagesOf(d).length), budgetMs)
  const pages = pagesOf(choice.density)
  // One entry per group, in the roll's order: a hall that cuts the list otherwise finds the same decision.
  const groupPages = groupStarts(groups, pages)
  return { plan: { pages: choice.pages, holdMs: choice.holdMs, density: choice.density, groupPages: groupPages.length ? groupPages : [0] }, choice }
}
