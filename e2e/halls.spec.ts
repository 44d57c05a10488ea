/**
 * A hall's big screen as the hall sees it from 15 m: the lobby laid out for a start tomorrow or
 * days away (in words, nothing over the programme) at 1920×1080, 1366×768 and 1280×720; the
 * signature wall's names at reading size; the operator's notices off the picture; the closing
 * screen counting the sites present. On a server of its own, scheduled (e2e/lobby-server.ts).
 */
import { randomUUID } from 'node:crypto'
import { expect, test, type Browser, type Page } from './fixtures.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { boxes, coveredCount, cutText, overlaps, readableAt, renderedFontPx, rollRowsCut, seriousViolations } from './hall-checks.js'
import { loopStrokes } from './signing-helpers.js'
import { sha256Hex } from '../shared/hash.js'
import { defined } from '../shared/testing/defined.js'

const SIZES = [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }, { width: 1280, height: 720 }]
const HOUR = 3600_000
/** The demo's zone, Asia/Ho_Chi_Minh: UTC+7 all year. */
const ZONE_MS = 7 * HOUR

let server: PrivateServer
test.describe.configure({ mode: 'serial' })
test.beforeAll(async () => {
  server = await startPrivateServer()
})
test.afterAll(async () => server?.stop())

/** A hall's page; `deviceOffMs`: the device's own clock is that far wrong (Playwright's clock), as an old hall PC's may be. */
async function hall(browser: Browser, token: string, viewport: { width: number; height: number }, deviceOffMs = 0): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'UTC' })
  const page = await context.newPage()
  if (deviceOffMs) await page.clock.install({ time: Date.now() + deviceOffMs })
  await page.goto(server.url('/site', token))
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live')
  return page
}

/** 08:00 tomorrow in the conference's zone. */
function tomorrowAtEight(): number {
  const wall = new Date(Date.now() + ZONE_MS)
  return Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 1, 8, 0) - ZONE_MS
}

/** Everything in the lobby's left column stays in it: nothing over the programme's rows, nothing cut. */
async function lobbyKeepsItsColumn(page: Page): Promise<void> {
  const programme = defined((await boxes(page, '[data-testid=programme]'))[0])
  const rows = await boxes(page, '[data-testid=programme] li')
  expect(rows.length).toBeGreaterThanOrEqual(6)
  for (const part of await boxes(page, '[data-testid=lobby] .when > *, [data-testid=lobby] .when > * > *')) {
    expect(part.x + part.width).toBeLessThanOrEqual(programme.x + 1)
    for (const row of rows) expect(overlaps(part, row)).toBe(false)
  }
  expect(await cutText(page, '[data-testid=lobby] .when > *')).toEqual([])
  // What is drawn at the middle of each row is the row itself, not something laid over it.
  expect(await coveredCount(page, '[data-testid=programme] li')).toBe(0)
}

test('the lobby says a start tomorrow or days away in words, in its column, at every hall size', async ({ browser, request }) => {
  const site = defined(server.links.sites.find((s) => s.siteId !== 'hub'))
  const api = (startsAt: number) => server.command(request, 'conference.schedule', { startsAt: new Date(startsAt).toISOString() })
  const pages = await Promise.all(SIZES.map((size, i) => hall(browser, site.token, size, i === 1 ? -2 * 24 * HOUR : 0)))

  const tomorrow = tomorrowAtEight()
  expect(await api(tomorrow)).toMatchObject({ ok: true })
  for (const page of pages) {
    const distance = page.getByTestId('lobby-distance')
    await expect(distance).toHaveAttribute('data-kind', 'tomorrow')
    // The device two days behind (the 1366 screen) says the same: the server's clock counts.
    await expect(distance).toHaveText(/^\s*Ngày mai, 08:00\s*$/)
    await expect(page.getByTestId('lobby-left')).toHaveText(/^Còn \d{1,2} giờ \d{1,2} phút$/)
    await expect(page.getByTestId('lobby-starts')).toContainText(/Khai mạc lúc 08:00\s*(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d{2}\/\d{2}\/\d{4}/)
    await expect(page.getByTestId('lobby-countdown')).toHaveCount(0)
    await lobbyKeepsItsColumn(page)
  }

  // Three days and fourteen and a half hours away: days and hours, never "86:56:28".
  expect(await api(Date.now() + (3 * 24 + 14.5) * HOUR)).toMatchObject({ ok: true })
  for (const page of pages) {
    const distance = page.getByTestId('lobby-distance')
    await expect(distance).toHaveAttribute('data-kind', 'days')
    await expect(distance).toHaveText(/^\s*3 ngày 14 giờ\s*$/)
    await lobbyKeepsItsColumn(page)
  }

  // Hours away: a countdown of seven figures on the day itself (or tomorrow's words late at night).
  expect(await api(Date.now() + 2.25 * HOUR)).toMatchObject({ ok: true })
  for (const page of pages) {
    await expect(page.locator('[data-testid=lobby-countdown], [data-testid=lobby-distance]')).toBeVisible()
    const countdown = page.getByTestId('lobby-countdown')
    if (await countdown.count()) await expect(countdown).toHaveText(/^2:1\d:\d{2}$/)
    await lobbyKeepsItsColumn(page)
  }
  expect(await seriousViolations(defined(pages[0]))).toEqual([])
})

/** Records, in the page, each turn of the roll's page: when (page ms), to which page, and the roll's state then. Page code as text: the e2e type-check has no DOM library. */
const BAND_TURNS = `(() => {
  window.bandTurns = []
  const roll = () => document.querySelector('[data-testid=latest-batch][data-mode=roll]')
  let last = roll()?.dataset.page
  new MutationObserver(() => {
    const page = roll()?.dataset.page
    if (page === last) return
    last = page
    window.bandTurns.push({ at: performance.now(), page, state: roll()?.dataset.state })
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-page'] })
})()`

test('names on the signature wall read from the back of the hall, beside a roll whose rows are whole; the operator\'s notices cover nothing', async ({ browser, request }) => {
  const state = await server.state(request)
  expect(await server.command(request, 'conference.start', {})).toMatchObject({ ok: true })
  // A roll still going when the signing begins: the 60 collectives with the longest names and
  // units (three lines and more in a column), so that every page of it has rows of the tallest.
  expect(await server.command(request, 'agenda.goto', { itemId: defined(state.agenda.items.find((i) => i.kind === 'awards')).id })).toMatchObject({ ok: true })
  const size = (a: (typeof state.awards)[number]) => a.recipientName.length + (a.unit ?? '').length
  const longest = state.awards.filter((a) => a.recipientKind === 'collective').sort((a, b) => size(b) - size(a))
  expect(await server.command(request, 'award.announce', { awardIds: longest.slice(0, 60).map((a) => a.id), revealInMs: 0 })).toMatchObject({ ok: true })
  const signing = defined(state.agenda.items.find((i) => i.kind === 'signing'))
  expect(await server.command(request, 'agenda.goto', { itemId: signing.id })).toMatchObject({ ok: true })
  expect(await server.command(request, 'pledge.openSigning', {})).toMatchObject({ ok: true })
  const site = defined(server.links.sites.find((s) => s.siteId !== 'hub'))
  const pages = await Promise.all(SIZES.map((size) => hall(browser, site.token, size)))
  // The band's page turns on the widest hall, as they happen (it has more pages than the reference).
  await defined(pages[0]).evaluate(BAND_TURNS)

  // Three blocs sign; the second through a deputy, whose capacity is said.
  for (const [i, signer] of server.links.signers.slice(0, 3).entries()) {
    const bloc = defined(state.blocs.find((b) => b.id === signer.blocId))
    const data = { blocId: bloc.id, contentHash: await sha256Hex(bloc.pledge.text), strokes: loopStrokes(i), ...(i === 1 ? { signerName: 'Trần Văn Phó', behalf: 'KT. GIÁM ĐỐC' } : {}) }
    const res = await request.post(`${server.base}/api/conferences/${server.links.conferenceId}/commands`, {
      headers: { authorization: `Bearer ${signer.token}` }, data: { id: randomUUID(), type: 'pledge.sign', data },
    })
    expect(await res.json()).toMatchObject({ ok: true })
  }
  for (const [i, page] of pages.entries()) {
    const size = defined(SIZES[i])
    await expect(page.getByTestId('signed-count')).toHaveText('3/10 khối đã ký')
    const deputy = page.locator(`[data-bloc-id="${defined(server.links.signers[1]).blocId}"]`)
    await expect(deputy.locator('.behalf')).toHaveText('KT. GIÁM ĐỐC')
    await expect(deputy.locator('.who')).toContainText('Trần Văn Phó')
    for (const part of ['.bloc', '.behalf', '.who', '.at']) {
      expect(await renderedFontPx(page, `[data-bloc-id] ${part}`), `${part} at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(readableAt(size))
    }
    expect(await cutText(page, '[data-bloc-id] .who')).toEqual([])
  }
  // The roll goes on above the wall in a slimmer band, denser where its rows need it: a row it holds is whole.
  for (const [i, page] of pages.entries()) {
    const roll = page.locator('[data-testid=latest-batch][data-mode=roll]')
    await expect(roll).toHaveAttribute('data-state', /shown|ended/)
    const where = `page ${await roll.getAttribute('data-page')} of ${await roll.getAttribute('data-pages')} at ${defined(SIZES[i]).width}, ${await roll.getAttribute('data-density')}`
    expect(await rollRowsCut(page), where).toEqual([])
  }
  const wall = defined(pages[0])
  expect(await seriousViolations(wall)).toEqual([])
  // The band turns its pages no faster than a name can be read: 5 s at least, where its share of
  // the reference's time would have been 1-3 s. Watched on a roll begun now (the first may be over
  // on a loaded machine): the host ends the first (or is told it has run to its end) and announces
  // the next 60 longest.
  const ended = await server.command(request, 'award.controlRoll', { action: 'end' })
  expect(ended.ok || JSON.stringify(ended).includes('award.noRoll'), JSON.stringify(ended)).toBe(true)
  await wall.evaluate('window.bandTurns = []')
  expect(await server.command(request, 'award.announce', { awardIds: longest.slice(60, 120).map((a) => a.id), revealInMs: 0 })).toMatchObject({ ok: true })
  await expect.poll(() => wall.evaluate('window.bandTurns.length'), { timeout: 40_000 }).toBeGreaterThanOrEqual(4)
  const turns = (await wall.evaluate('window.bandTurns')) as { at: number; page: string; state: string }[]
  expect(turns.map((t) => t.state)).toEqual(turns.map(() => 'shown'))
  const held = turns.slice(1).map((t, i) => Math.round(t.at - defined(turns[i]).at))
  expect(Math.min(...held), `the band's pages held ${held.join(', ')} ms`).toBeGreaterThanOrEqual(4_800)
  // Set to reduce motion (as every e2e page is: playwright.config.ts), a page's rows come in without moving.
  // (Polled: a row is coming in for a moment after each turn; until one is, there is nothing to read.)
  const ENTERING_ROW_ANIMATION = `(() => {
    const row = document.querySelector('[data-testid=latest-batch] .entering .entry')
    return row ? getComputedStyle(row).animationName : null
  })()`
  await expect.poll(() => wall.evaluate(ENTERING_ROW_ANIMATION), { timeout: 30_000 }).toBe('none')

  // The operator reports a problem: the notice says so inside the panel, not over the title.
  await wall.keyboard.press('o')
  await wall.getByTestId('issue-message').fill('Mất tiếng từ điểm cầu tỉnh')
  await wall.getByTestId('issue-report').click()
  const toast = wall.getByTestId('toast').filter({ hasText: 'Đã báo sự cố cho Ban tổ chức.' })
  await expect(toast).toBeVisible()
  const [notice, title, panel] = [defined(await toast.boundingBox()), defined(await wall.getByTestId('conference-title').boundingBox()), defined(await wall.getByTestId('operator-panel').boundingBox())]
  expect(overlaps(notice, title)).toBe(false)
  expect(notice.x).toBeGreaterThanOrEqual(panel.x)
  expect(notice.y).toBeGreaterThanOrEqual(panel.y)
  expect(notice.x + notice.width).toBeLessThanOrEqual(panel.x + panel.width + 1)
  expect(notice.y + notice.height).toBeLessThanOrEqual(panel.y + panel.height + 1)
})

test('the closing screen counts the sites present: checked in, or connected while the conference ran', async ({ browser, request }) => {
  // The hub's screen is online all day without a roll call; one district checks in without a screen.
  const hub = defined(server.links.sites.find((s) => s.siteId === 'hub'))
  const [, seen, checkedIn] = server.links.sites.filter((s) => s.siteId !== 'hub')
  const screen = await hall(browser, hub.token, defined(SIZES[0]))
  const res = await request.post(`${server.base}/api/conferences/${server.links.conferenceId}/commands`, {
    headers: { authorization: `Bearer ${defined(checkedIn).token}` }, data: { id: randomUUID(), type: 'site.checkIn', data: { attendees: 64 } },
  })
  expect(await res.json()).toMatchObject({ ok: true })
  // Another district's screen comes and goes during the day.
  const brief = await hall(browser, defined(seen).token, defined(SIZES[2]))
  await brief.context().close()
  expect(await server.command(request, 'conference.end', {})).toMatchObject({ ok: true })

  const figure = screen.getByTestId('closing-sites')
  // The hub, the district that came and went, the one that checked in, and the district of the wall test before.
  await expect(figure).toHaveAttribute('data-count', '4')
  await expect(figure).toContainText('4/8')
  await expect(screen.getByTestId('closing-sites-note')).toHaveText('Tính các điểm cầu đã điểm danh hoặc đã kết nối trong thời gian hội nghị')
  expect(await cutText(screen, '[data-testid=closing-screen] .figure > *')).toEqual([])
  expect(await seriousViolations(screen)).toEqual([])
})
