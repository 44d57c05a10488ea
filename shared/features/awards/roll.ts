/**
 * The honours roll's timeline, as the log sets it: every announcement is a show on the halls'
 * screens; a batch of ROLL_FROM awards or more is a roll paced page by page (its plan, chosen
 * by the host's console when it announced), and a show starts when the one before it has ended,
 * so a new batch queues behind a roll in progress instead of cutting it. Pure: the server's
 * rules and every hall compute the same page from the same log and the server clock.
 */
import { z } from 'zod'

/** A batch of this many awards or more is shown as a roll; fewer are shown large, in the spotlight. */
export const ROLL_FROM = 5
/** The first page also holds while its rows come in. */
export const ROLL_ENTRANCE_MS = 1_400
/** A page is held at least this long (a name read twice from the back of the hall), at most this long, and a roll has at most this many pages. */
export const ROLL_LIMITS = { minHoldMs: 5_000, maxHoldMs: 20_000, maxPages: 5_000 } as const

/** How many names a page holds: two large columns, three columns, or three tighter ones. */
export const RollDensity = z.enum(['large', 'dense', 'tight'])
export type RollDensity = z.infer<typeof RollDensity>

/** How a roll is paced: pages at the reference canvas (1920×1080), each page's hold, the layout, and the page each group (decision) starts on. */
export const RollPlan = z
  .object({
    pages: z.number().int().min(1).max(ROLL_LIMITS.maxPages),
    holdMs: z.number().int().min(ROLL_LIMITS.minHoldMs).max(ROLL_LIMITS.maxHoldMs),
    density: RollDensity,
    groupPages: z.array(z.number().int().min(0).max(ROLL_LIMITS.maxPages)).min(1).max(ROLL_LIMITS.maxPages),
  })
  .strict()
export type RollPlan = z.infer<typeof RollPlan>

/** One announcement as the halls show it: a roll has a plan; `shiftMs` is the paused time and the skips, `pausedAt`/`endedAt` server ms. */
export const RollRun = z.object({
  revealAt: z.number(),
  awards: z.number().int(),
  plan: RollPlan.optional(),
  shiftMs: z.number(),
  pausedAt: z.number().optional(),
  endedAt: z.number().optional(),
})
export type RollRun = z.infer<typeof RollRun>

/** What the awards feature keeps of the halls' shows. */
export interface RollState {
  runs: RollRun[]
}

/** A plan for a batch announced without one (a script): about 24 names a page at the usual hold. */
export function defaultPlan(awards: number): RollPlan {
  return { pages: Math.max(1, Math.min(ROLL_LIMITS.maxPages, Math.ceil(awards / 24))), holdMs: 8_000, density: 'dense', groupPages: [0] }
}

/** How long a plan takes from its first page to the end of its last, ms. */
export const planMs = (plan: Pick<RollPlan, 'pages' | 'holdMs'>): number => ROLL_ENTRANCE_MS + plan.pages * plan.holdMs

/** Roll time at which page `k` comes on. */
export const pageStartMs = (plan: RollPlan, k: number): number => (k <= 0 ? 0 : ROLL_ENTRANCE_MS + k * plan.holdMs)

/** Start and end (server ms) of each run: a run starts at its reveal or when the one before ends; a paused roll ends at Infinity. */
export function rollTimeline(runs: readonly RollRun[]): { start: number; end: number }[] {
  let prevEnd = -Infinity
  return runs.map((run) => {
    const start = Math.max(run.revealAt, prevEnd)
    let end: number
    if (run.endedAt !== undefined) end = Math.max(start, run.endedAt)
    else if (!run.plan) end = start
    else if (run.pausedAt !== undefined) end = Infinity
    else end = start + run.shiftMs + planMs(run.plan)
    prevEnd = end
    return { start, end }
  })
}

/** The runs once the conference ends at `at`: a roll on the screens, paused or queued ends there, so nothing runs on after the closing. */
export function endRollsAt(runs: RollRun[], at: number): RollRun[] {
  const times = rollTimeline(runs)
  return runs.map((run, i) => (run.endedAt === undefined && (times[i]?.end ?? 0) > at ? { ...run, endedAt: at } : run))
}

export type RollPhase = 'running' | 'paused' | 'done' | 'ended'

/** Where a show stands at server time `t`. `page` is at the reference canvas; `pageEndsAt` is when it turns (Infinity when it will not by itself). */
export interface RollPosition {
  index: number
  run: RollRun
  start: number
  end: number
  phase: RollPhase
  page: number
  /** Roll time at `t`, ms (paused time taken out, skips put in). */
  rollMs: number
  pageEndsAt: number
}

/** The page at roll time `ms` of a plan. */
export function pageOf(plan: RollPlan, ms: number): number {
  if (ms < ROLL_ENTRANCE_MS + plan.holdMs) return 0
  return Math.min(plan.pages - 1, Math.floor((ms - ROLL_ENTRANCE_MS) / plan.holdMs))
}

/** The show on the halls' screens at server time `t` (the last one started), or null before the first. */
export function rollAt(runs: readonly RollRun[], t: number): RollPosition | null {
  const times = rollTimeline(runs)
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]
    const time = times[i]
    if (!run || !time || time.start > t) continue
    const { start, end } = time
    const frozen = Math.min(t, run.pausedAt ?? Infinity, run.endedAt ?? Infinity)
    const phase: RollPhase = run.endedAt !== undefined && run.endedAt <= t ? 'ended' : run.pausedAt !== undefined ? 'paused' : t >= end ? 'done' : 'running'
    if (!run.plan) return { index: i, run, start, end, phase: 'done', page: 0, rollMs: 0, pageEndsAt: Infinity }
    const rollMs = Math.max(0, Math.min(frozen - start - run.shiftMs, planMs(run.plan)))
    const page = pageOf(run.plan, rollMs)
    const pageEndsAt = phase === 'running' && page < run.plan.pages - 1 ? start + run.shiftMs + pageStartMs(run.plan, page + 1) : phase === 'running' ? end : Infinity
    return { index: i, run, start, end, phase, page, rollMs, pageEndsAt }
  }
  return null
}

/** The first page of the group after the one page `page` is in, or null on the last group. */
export function nextGroupPage(plan: RollPlan, page: number): number | null {
  const next = plan.groupPages.filter((p) => p > page && p < plan.pages).sort((a, b) => a - b)[0]
  return next ?? null
}
