import { writeFileSync } from 'node:fs'
import { expect, test, type Page } from './fixtures.js'
import { openPage } from './helpers.js'
import { recordSocket, SETTLED_CLOCK_SAMPLES, type SocketLog } from './socket-log.js'
import { defined } from '../shared/testing/defined.js'
const WATCH = `(() => {
  window.rolls = {}
  const check = () => {
    for (const shown of document.querySelectorAll('[data-testid=latest-batch][data-mode=roll]')) {
      const k = shown.dataset.revealAt
      if (!window.rolls[k]) { window.rolls[k] = 1; performance.mark('rolldom'); requestAnimationFrame(() => performance.mark('rollframe')) }
    }
  }
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-testid'] })
})()`
test.use({ trace: 'off' })
test('trace', async ({ browser, request, server }) => {
  test.setTimeout(120_000)
  expect(await server.command(request, 'conference.start', {})).toMatchObject({ ok: true })
  expect(await server.command(request, 'agenda.goto', { itemId: 'awards' })).toMatchObject({ ok: true })
  const state = await server.state(request)
  const batch = state.awards.filter((a) => a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'individual').slice(0, 264)
  const pages: Page[] = []
  const sockets: SocketLog[] = []
  for (const s of server.links.sites.slice(0, 4)) {
    const page = await openPage(browser, server.url('/site', s.token), { width: 1920, height: 1080 }, { onPage: (p) => sockets.push(recordSocket(p)) })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    pages.push(page)
  }
  for (const socket of sockets) await expect.poll(() => socket.count('clock').answered, { timeout: 30_000 }).toBeGreaterThanOrEqual(SETTLED_CLOCK_SAMPLES)
  for (const page of pages) await page.evaluate(WATCH)
  const traced = defined(pages[3])
  await browser.startTracing(traced, { categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline', 'toplevel'] })
  expect(await server.command(request, 'award.announce', { awardIds: batch.map((a) => a.id), revealInMs: 5000 })).toMatchObject({ ok: true })
  await expect.poll(async () => traced.evaluate(() => performance.getEntriesByName('rollframe').length), { timeout: 30_000 }).toBe(1)
  const buf = await browser.stopTracing()
  writeFileSync('/tmp/trace.json', buf)
  console.log(await traced.evaluate(() => { const d = performance.getEntriesByName('rolldom')[0]!; const f = performance.getEntriesByName('rollframe')[0]!; return `${d.startTime} ${f.startTime} ${f.startTime - d.startTime}` }))
})
