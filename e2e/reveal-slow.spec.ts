/**
 * A batch appears together even on slow hall PCs: four halls with the CPU slowed 4× (Chrome's
 * DevTools throttling) draw the batch's first page hidden during the countdown, then flip it
 * visible at `revealAt`, for 264 and 938 awards; the spread across halls is printed (the aim: 50 ms).
 */
import { expect, test, type Page } from './fixtures.js'
import { openPage } from './helpers.js'
import { recordSocket, SETTLED_CLOCK_SAMPLES, type SocketLog } from './socket-log.js'
import { defined } from '../shared/testing/defined.js'

const WALL = { width: 1920, height: 1080 }
const HALLS = 4
const COUNTDOWN_MS = 5_000
const SPREAD_BOUND_MS = 200

/**
 * Records, in the page, when a roll is drawn hidden and when it is shown: the DOM change, and when
 * the frame that paints it runs its callbacks (read then: a frame's own timestamp is its start,
 * which may come before the change). Page code as text: the e2e type-check has no DOM library.
 */
const WATCH = `(() => {
  window.rolls = {}
  const at = () => performance.timeOrigin + performance.now()
  const check = () => {
    for (const prepared of document.querySelectorAll('[data-testid=prepared-batch]')) {
      const r = (window.rolls[prepared.dataset.revealAt] ??= {})
      r.prepared ??= at()
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

interface Seen { prepared?: number; dom?: number; frame?: number }
const seenOf = (page: Page, revealAt: number) => page.evaluate(`window.rolls[${JSON.stringify(String(revealAt))}] ?? {}`) as Promise<Seen>

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

  const spreads: number[] = []
  for (const batch of batches) {
    // A roll in progress would hold the next batch behind it: the host ends it first.
    await server.command(request, 'award.controlRoll', { action: 'end' })
    expect(await server.command(request, 'award.announce', { awardIds: batch.map((a) => a.id), revealInMs: COUNTDOWN_MS })).toMatchObject({ ok: true })
    // The halls count down to it.
    await expect(defined(pages[0]).getByTestId('hall-countdown')).toBeVisible()
    const revealAt = defined((await server.state(request)).awards.find((a) => a.id === batch[0]?.id)?.revealAt)
    // Only the pages' own record is read: a locator polled during the reveal would load the throttled pages.
    await expect.poll(async () => (await Promise.all(pages.map((p) => seenOf(p, revealAt)))).every((s) => s.frame !== undefined)).toBe(true)
    const seen = await Promise.all(pages.map((p) => seenOf(p, revealAt)))
    const frames = seen.map((s) => defined(s.frame))
    const spread = Math.max(...frames) - Math.min(...frames)
    console.log(`${batch.length} awards, CPU 4× slower, ${HALLS} halls: first page shown at ${frames.map((f) => Math.round(f - revealAt)).join(', ')} ms after revealAt ` +
      `(spread ${spread.toFixed(1)} ms; in the DOM at ${seen.map((s) => Math.round(defined(s.dom) - revealAt)).join(', ')} ms; drawn hidden ${seen.map((s) => Math.round(defined(s.prepared) - revealAt)).join(', ')} ms before)`)
    // The halls share this machine's one clock, so each page's estimate of the server's clock is
    // its error: printed, as it sets when a hall flips (sent with each page's next clock sample).
    const estimates = sockets.map((log) => log.sent.filter((p) => p.event === 'clock').map((p) => p.data as { offsetMs?: number; rttMs?: number }).at(-1))
    console.log(`  clock estimates (truth 0): ${estimates.map((e) => `${e?.offsetMs ?? '?'} ms (round trip ${e?.rttMs ?? '?'} ms)`).join(', ')}`)
    // Drawn before the instant, hidden; shown not before it.
    for (const s of seen) expect(defined(s.prepared)).toBeLessThan(revealAt)
    for (const f of frames) expect(f).toBeGreaterThanOrEqual(revealAt - 5)
    spreads.push(spread)
  }
  // Together: both batches are measured (and printed) before either is judged. The aim is 50 ms,
  // met in five of six runs on a quiet machine (within 40 ms; the sixth: 99 and 67 ms); four
  // throttled renderers share two cores, and the bound catches a return to rendering at the instant
  // (a batch spread over 400 ms on a busy machine so) or a render that holds the flip's frame back.
  for (const spread of spreads) expect(spread).toBeLessThan(SPREAD_BOUND_MS)
})
