/**
 * When a page's screen changed, read from Chrome's own trace rather than from the page: a
 * `requestAnimationFrame` callback says when the main thread began a frame, not when the frame
 * reached the screen, and a change the compositor makes (an opacity animation) has no main-thread
 * frame at all. The compositor's `PipelineReporter` slices run from a frame's begin to its
 * presentation; a `performance.mark` made by each page ties its renderer's trace clock to its
 * own clock (epoch ms = `performance.timeOrigin` + the mark's time).
 */
import type { Browser, Page } from '@playwright/test'

export interface TraceEvent {
  name: string
  ph: string
  pid: number
  ts: number
  id2?: { local?: string }
  args?: { data?: { startTime?: number }; frame_reporter?: { state?: string } }
}

/** `benchmark` holds the compositor's frame reporters; `blink.user_timing` the pages' marks. */
const CATEGORIES = ['benchmark', 'blink.user_timing']
const markName = (i: number) => `frame-trace-clock-${i}`

/** Starts tracing and marks each page's clock in it. */
export async function startFrameTrace(browser: Browser, pages: Page[]): Promise<void> {
  await browser.startTracing(undefined, { categories: CATEGORIES })
  for (const [i, page] of pages.entries()) await page.evaluate(`performance.mark(${JSON.stringify(markName(i))})`)
}

export async function stopFrameTrace(browser: Browser): Promise<TraceEvent[]> {
  return (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
}

/**
 * Epoch ms at which page `i` presented the first frame it began at or after `fromEpochMs` (its
 * compositor samples an animation at a frame's begin, so this is the frame that shows an animation
 * ending at `fromEpochMs`), or null when the trace holds none. `timeOrigin`: the page's
 * `performance.timeOrigin`.
 */
export function presentedFrom(events: TraceEvent[], i: number, timeOrigin: number, fromEpochMs: number): number | null {
  const clock = clockOf(events, i, timeOrigin)
  if (!clock) return null
  const reporters = reportersOf(events, clock.pid)
  // A slice's id is reused by later frames: each begin is paired with the first end after it.
  const ends: number[] = []
  for (const [n, b] of reporters.entries()) {
    if (b.ph !== 'b' || !presented(b) || b.ts / 1000 - clock.skew < fromEpochMs) continue
    const e = reporters.slice(n).find((x) => x.ph === 'e' && x.id2?.local === b.id2?.local)
    if (e) ends.push(e.ts / 1000 - clock.skew)
  }
  return ends.length ? Math.min(...ends) : null
}

/** Page `i`'s renderer and its trace clock less epoch ms, from the mark `startFrameTrace` made. */
function clockOf(events: TraceEvent[], i: number, timeOrigin: number): { pid: number; skew: number } | null {
  const mark = events.find((e) => e.name === markName(i))
  const markTime = mark?.args?.data?.startTime
  if (!mark || markTime === undefined) return null
  return { pid: mark.pid, skew: mark.ts / 1000 - (timeOrigin + markTime) }
}

const reportersOf = (events: TraceEvent[], pid: number) => events.filter((e) => e.pid === pid && e.name === 'PipelineReporter').sort((a, b) => a.ts - b.ts)
/** A frame that reached the screen (whole or in part), not one dropped or aborted. */
const presented = (begin: TraceEvent) => begin.args?.frame_reporter?.state?.startsWith('STATE_PRESENTED') === true

/**
 * Epoch ms of page `i`'s first presentation after `fromEpochMs`, whichever frame it was: given the
 * time a main-thread frame ran its callbacks, the earliest its change can have reached the screen.
 */
export function firstPresentedAfter(events: TraceEvent[], i: number, timeOrigin: number, fromEpochMs: number): number | null {
  const clock = clockOf(events, i, timeOrigin)
  if (!clock) return null
  const reporters = reportersOf(events, clock.pid)
  for (const [n, e] of reporters.entries()) {
    if (e.ph !== 'e' || e.ts / 1000 - clock.skew < fromEpochMs) continue
    const begin = reporters.slice(0, n).reverse().find((x) => x.ph === 'b' && x.id2?.local === e.id2?.local)
    if (begin && presented(begin)) return e.ts / 1000 - clock.skew
  }
  return null
}
