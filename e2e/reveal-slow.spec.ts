/**
 * A batch appears together even on slow hall PCs: four halls with the CPU slowed 4× (Chrome's
 * DevTools throttling) draw the batch's first page hidden during the countdown, and show it at
 * `revealAt` by an opacity animation their compositors run, for 264 and 938 awards. What is
 * measured is when each hall's screen showed it, from Chrome's trace (e2e/frame-trace.ts); the
 * main thread's own flip is printed beside it. The spread across halls is printed (the aim: 50 ms).
 */
import { expect, test, type Page } from './fixtures.js'
import { firstPresentedAfter, presentedFrom, startFrameTrace, stopFrameTrace } from './frame-trace.js'
import { openPage } from './helpers.js'
import { recordSocket, SETTLED_CLOCK_SAMPLES, type SocketLog } from './socket-log.js'
import { defined } from '../shared/testing/defined.js'

const WALL = { width: 1920, height: 1080 }
const HALLS = 4
const COUNTDOWN_MS = 5_000
const SPREAD_BOUND_MS = 100

/**
 * Records, in the page, when a roll is drawn hidden, the instant its compositor animation turns it
 * visible (by the page's own clock estimate), and when the main thread's flip lands: the DOM
 * change, and when the frame that follows runs its callbacks. Page code as text: the e2e
 * type-check has no DOM library.
 */
const WATCH = `(() => {
  window.rolls = {}
  const at = () => performance.timeOrigin + performance.now()
  const check = () => {
    for (const prepared of document.querySelectorAll('[data-testid=prepared-batch]')) {
      const r = (window.rolls[prepared.dataset.revealAt] ??= {})
      r.prepared ??= at()
      const look = () => {
        const a = prepared.getAnimations()[0]
        if (r.turn === undefined && a && a.startTime !== null) r.turn = performance.timeOrigin + a.startTime + a.effect.getComputedTiming().endTime
      }
      look()
      requestAnimationFrame(look)
    }
    // Every roll shown: the one before stays in the DOM under the new one until the render after the flip.
    for (const shown of document.querySelectorAll('[data-testid=latest-batch][data-mode=roll]')) {
      const r = (window.rolls[shown.dataset.revealAt] ??= {})
      if (r.dom === undefined) {
        r.dom = at()
        requestAnimationFrame(() => (r.frame = at()))
      }
    }
  }
  check()
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-testid'] })
})()`

interface Seen { prepared?: number; turn?: number; dom?: number; frame?: number }
const seenOf = (page: Page, revealAt: number) => page.evaluate(`window.rolls[${JSON.stringify(String(revealAt))}] ?? {}`) as Promise<Seen>
const spreadOf = (xs: number[]) => Math.max(...xs) - Math.min(...xs)
const after = (xs: number[], revealAt: number) => xs.map((x) => Math.round(x - revealAt)).join(', ')

// The trace's DOM snapshots, taken on every step, would be the slow PC's load rather than the product's.
test.use({ trace: 'off' })

test('264 and 938 awards appear together on four throttled halls, drawn hidden before their instant and flipped at it', async ({ browser, request, server }) => {
  expect(await server.command(request, 'conference.start', {})).toMatchObject({ ok: true })
  expect(await server.command(request, 'agenda.goto', { itemId: 'awards' })).toMatchObject({ ok: true })
  const state = await server.state(request)
  const individuals = state.awards.filter((a) => a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'individual')
  const collectives = state.awards.filter((a) => a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'collective')
  const batches = [individuals.slice(0, 264), collectives]
  expect(batches.map((b) => b.length)).toEqual([264, 938])

  const pages: Page[] = []
  const sockets: SocketLog[] = []
  for (const s of server.links.sites.slice(0, HALLS)) {
    const page = await openPage(browser, server.url('/site', s.token), WALL, { onPage: (p) => sockets.push(recordSocket(p)) })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    pages.push(page)
  }
  for (const socket of sockets) await expect.poll(() => socket.count('clock').answered, { timeout: 30_000 }).toBeGreaterThanOrEqual(SETTLED_CLOCK_SAMPLES)
  for (const page of pages) await page.evaluate(WATCH)
  const origins = await Promise.all(pages.map((p) => p.evaluate('performance.timeOrigin') as Promise<number>))

  const spreads: number[] = []
  for (const batch of batches) {
    // A roll in progress would hold the next batch behind it: the host ends it first.
    await server.command(request, 'award.controlRoll', { action: 'end' })
    await startFrameTrace(browser, pages)
    expect(await server.command(request, 'award.announce', { awardIds: batch.map((a) => a.id), revealInMs: COUNTDOWN_MS })).toMatchObject({ ok: true })
    // The halls count down to it.
    await expect(defined(pages[0]).getByTestId('hall-countdown')).toBeVisible()
    const revealAt = defined((await server.state(request)).awards.find((a) => a.id === batch[0]?.id)?.revealAt)
    // Only the pages' own record is read: a locator polled during the reveal would load the throttled pages.
    await expect.poll(async () => (await Promise.all(pages.map((p) => seenOf(p, revealAt)))).every((s) => s.frame !== undefined)).toBe(true)
    const seen = await Promise.all(pages.map((p) => seenOf(p, revealAt)))
    const events = await stopFrameTrace(browser)
    // Each hall turned the roll visible on its compositor, at the instant by its clock estimate (the
    // halls share this machine's clock: the estimate's error, a few ms, up to about 20 on a loaded
    // machine, is all that moves it; e2e/reveal.spec.ts and the bench measure the estimate).
    const turns = seen.map((s, i) => {
      expect(s.turn, `hall ${i + 1}: no compositor animation on the roll drawn ahead`).toBeDefined()
      return defined(s.turn)
    })
    for (const turn of turns) expect(Math.abs(turn - revealAt)).toBeLessThan(50)
    // On screen: the compositor's first frame begun after the turn, or the main thread's flip's
    // frame (the earliest presentation after its callbacks) if that came first.
    const frames = turns.map((turn, i) => {
      const compositor = presentedFrom(events, i, defined(origins[i]), turn)
      const main = firstPresentedAfter(events, i, defined(origins[i]), defined(seen[i]?.frame))
      const first = Math.min(compositor ?? Infinity, main ?? Infinity)
      expect(first, `hall ${i + 1}: no frame presented after the roll's turn in the trace`).toBeLessThan(Infinity)
      return first
    })
    const spread = spreadOf(frames)
    const mainFrames = seen.map((s) => defined(s.frame))
    console.log(`${batch.length} awards, CPU 4× slower, ${HALLS} halls: on screen at ${after(frames, revealAt)} ms after revealAt (spread ${spread.toFixed(1)} ms; ` +
      `the compositor's turn at ${after(turns, revealAt)} ms); the main thread's flip in the DOM at ${after(seen.map((s) => defined(s.dom)), revealAt)} ms, ` +
      `its frame's callbacks at ${after(mainFrames, revealAt)} ms (spread ${spreadOf(mainFrames).toFixed(1)} ms); drawn hidden ${seen.map((s) => Math.round(revealAt - defined(s.prepared))).join(', ')} ms before`)
    const estimates = sockets.map((log) => log.sent.filter((p) => p.event === 'clock').map((p) => p.data as { offsetMs?: number; rttMs?: number }).at(-1))
    console.log(`  clock estimates (truth 0): ${estimates.map((e) => `${e?.offsetMs ?? '?'} ms (round trip ${e?.rttMs ?? '?'} ms)`).join(', ')}`)
    // Once the renders after the flip have run, the roll is opaque on every hall (a locator's
    // visibility would not see an opacity left at 0) and the countdown is gone.
    const OPACITY = `getComputedStyle(document.querySelector('[data-testid=latest-batch][data-reveal-at="${revealAt}"]')).opacity`
    for (const page of pages) {
      await expect.poll(() => page.evaluate(OPACITY)).toBe('1')
      await expect(page.getByTestId('hall-countdown')).toHaveCount(0)
    }
    // Drawn before the instant, hidden; shown not before it.
    for (const s of seen) expect(defined(s.prepared)).toBeLessThan(revealAt)
    for (const f of frames) expect(f).toBeGreaterThanOrEqual(revealAt - 5)
    spreads.push(spread)
  }
  // Together: both batches are measured (and printed) before either is judged. The aim is 50 ms.
  // On a quiet machine, ten runs of both batches: 1-55 ms, 18 of 20 within 50. Without the
  // compositor's flip, three runs of the same measure gave 37-174 ms, the roll on screen 41-393 ms
  // after its instant (most over 100 ms). The bound catches a return to that, or a render at the
  // instant that holds the screen back.
  for (const spread of spreads) expect(spread).toBeLessThan(SPREAD_BOUND_MS)
})
