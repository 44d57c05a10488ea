/**
 * A hall's screen through every phase, the viewer on a phone, each access link on its own
 * role's page, and the site operator's checks. On a server of its own (e2e/lobby-server.ts):
 * the lobby needs a conference not yet started, and the closing screen one that has ended.
 */
import { expect, test, type Browser, type Page } from './fixtures.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { defined } from '../shared/testing/defined.js'
import { animationsStartedAtRest, cutText, lobbyCountsDown } from './hall-checks.js'

const WALL = { width: 1920, height: 1080 }
const PHONE = { width: 390, height: 844 }
const HOST_CONTROLS = ['conference-start', 'conference-end', 'agenda-next', 'announce-next', 'announce-selected', 'signing-open']

let server: PrivateServer
test.describe.configure({ mode: 'serial' })
test.beforeAll(async () => {
  server = await startPrivateServer()
})
test.afterAll(async () => server?.stop())

async function open(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'UTC' })
  const page = await context.newPage()
  await page.goto(url)
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'live')
  return page
}

async function noHostControls(page: Page): Promise<void> {
  for (const id of HOST_CONTROLS) await expect(page.getByTestId(id)).toHaveCount(0)
  await expect(page.locator('[data-award-row-id]')).toHaveCount(0)
}

test('an access link opens its own role\'s page whatever path it is opened at', async ({ browser }) => {
  const { links } = server
  const viewer = await open(browser, server.url('/host', links.viewer.token), WALL)
  expect(new URL(viewer.url()).pathname).toBe('/view')
  await expect(viewer.getByTestId('hall-screen')).toBeVisible()
  await noHostControls(viewer)

  const signer = defined(links.signers[0])
  const pad = await open(browser, server.url('/host', signer.token), WALL)
  expect(new URL(pad.url()).pathname).toBe('/sign')
  await expect(pad.getByTestId('pledge-text')).not.toBeEmpty()
  await noHostControls(pad)

  const site = defined(links.sites.find((s) => s.siteId !== 'hub'))
  const screen = await open(browser, server.url('/view', site.token), WALL)
  expect(new URL(screen.url()).pathname).toBe('/site')
  await expect(screen.getByTestId('site-name')).toContainText(site.name)
  await noHostControls(screen)

  // The host's own link still gets the console.
  const host = await open(browser, server.url('/view', links.host.token), { width: 1366, height: 768 })
  expect(new URL(host.url()).pathname).toBe('/host')
  await expect(host.getByTestId('conference-start')).toBeVisible()
  for (const p of [viewer, pad, screen, host]) await p.context().close()
})

test('the operator panel is hidden from the hall and checks the count on the page, in Vietnamese', async ({ browser, request }) => {
  const site = defined(server.links.sites.find((s) => s.siteId !== 'hub'))
  const screen = await open(browser, server.url('/site', site.token), WALL)
  await expect(screen.getByTestId('operator-panel')).toHaveCount(0)
  // The key O opens operator mode; the panel says how.
  await screen.keyboard.press('o')
  await expect(screen.getByTestId('operator-panel')).toBeVisible()
  await expect(screen.getByTestId('operator-hint')).toContainText('Phím O hoặc F2')
  await screen.keyboard.press('Escape')
  await expect(screen.getByTestId('operator-panel')).toHaveCount(0)
  await screen.getByTestId('operator-toggle').click()

  const input = screen.getByTestId('checkin-attendees')
  const error = screen.getByTestId('checkin-error')
  await input.fill('')
  await screen.getByTestId('checkin-submit').click()
  await expect(error).toHaveText('Vui lòng nhập số đại biểu có mặt.')
  await input.fill('-5')
  await screen.getByTestId('checkin-submit').click()
  await expect(error).toHaveText('Số đại biểu phải là số nguyên từ 0 đến 100.000.')
  await input.fill('100001')
  await screen.getByTestId('checkin-submit').click()
  await expect(error).toHaveText('Số đại biểu phải là số nguyên từ 0 đến 100.000.')
  // Nothing was sent.
  expect(defined((await server.state(request)).sites.find((s) => s.id === site.siteId)).checkIn).toBeUndefined()

  await input.fill('137')
  await screen.getByTestId('checkin-submit').click()
  await expect(error).toHaveCount(0)
  await expect(screen.getByTestId('checkin-last')).toContainText('137')
  await expect(screen.getByTestId('delegate-count')).toHaveAttribute('data-count', '137')

  // A problem the organisers resolve is said to the operator, in operator mode only.
  await screen.getByTestId('issue-message').fill('Mất tiếng từ điểm cầu tỉnh')
  await screen.getByTestId('issue-report').click()
  await expect(screen.getByTestId('issue-open')).toContainText('Mất tiếng từ điểm cầu tỉnh')
  expect(await server.command(request, 'site.resolveIssue', { siteId: site.siteId })).toMatchObject({ ok: true })
  await expect(screen.getByTestId('toast').filter({ hasText: 'Ban tổ chức đã xác nhận sự cố “Mất tiếng từ điểm cầu tỉnh” đã được khắc phục.' })).toBeVisible()
  await expect(screen.getByTestId('issue-last-resolved')).toContainText('Mất tiếng từ điểm cầu tỉnh')
  await screen.getByTestId('operator-close').click()
  await expect(screen.getByTestId('toast')).toHaveCount(0)

  // Offline, the hall's figures are marked stale (not shown as live); back online, the operator is told.
  await screen.context().setOffline(true)
  await expect(screen.getByTestId('online-count')).toHaveAttribute('data-stale', 'true', { timeout: 15_000 })
  await screen.keyboard.press('o')
  await expect(screen.getByTestId('operator-offline')).toBeVisible()
  await screen.context().setOffline(false)
  await expect(screen.getByTestId('toast').filter({ hasText: 'Đã kết nối lại với máy chủ.' })).toBeVisible({ timeout: 15_000 })
  await expect(screen.getByTestId('online-count')).toHaveAttribute('data-stale', 'false')
  await screen.context().close()
})

test('the host moves the start on the conference clock and the lobby counts down to it', async ({ browser, request }) => {
  const site = defined(server.links.sites.find((s) => s.siteId !== 'hub'))
  const screen = await open(browser, server.url('/site', site.token), WALL)
  // The host's laptop is set to UTC: the date and time typed are read in Asia/Ho_Chi_Minh.
  const host = await open(browser, server.url('/host', server.links.host.token), { width: 1366, height: 768 })
  // Five minutes earlier than the lobby server's start (25 to 30 min ahead): a real move, still ahead.
  const original = defined((await server.state(request)).startsAt)
  const target = Date.parse(original) - 5 * 60_000
  const hcm = (opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', hourCycle: 'h23', ...opts }).format(target)
  const date = hcm({ year: 'numeric', month: '2-digit', day: '2-digit' })
  const time = hcm({ hour: '2-digit', minute: '2-digit' })

  await host.getByTestId('schedule-open').click()
  const dialog = host.getByTestId('schedule-dialog')
  // A time already past is refused on the page, in Vietnamese, and nothing is sent.
  await dialog.getByTestId('schedule-date').fill('2020-01-01')
  await dialog.getByTestId('schedule-save').click()
  await expect(dialog.getByTestId('schedule-error')).toHaveText(/đã qua/)
  expect((await server.state(request)).startsAt).toBe(original)

  await dialog.getByTestId('schedule-date').fill(date)
  await dialog.getByTestId('schedule-time').fill(time)
  await dialog.getByTestId('schedule-save').click()
  await expect(dialog).not.toBeVisible()
  await expect(host.getByTestId('run-starts-at')).toContainText(time)
  expect((await server.state(request)).startsAt).toBe(new Date(target).toISOString())

  // Every lobby follows: the new time in the conference's zone, and the countdown to it.
  await expect(screen.getByTestId('lobby-starts')).toContainText(`Khai mạc lúc ${time}`)
  // The countdown on the same day; "Ngày mai" and the minutes left past midnight, Vietnam time.
  const left = await lobbyCountsDown(screen, target)
  expect(Math.abs(left.seconds - (target - Date.now()) / 1000)).toBeLessThan(left.step + 4)
  await host.context().close()
  await screen.context().close()
})

test('a site screen shows the lobby, then the item under way with "x/y" and what is next, a speaker\'s lower third, and the ceremonies', async ({ browser, request }) => {
  test.setTimeout(120_000)
  const site = defined(server.links.sites.find((s) => s.siteId !== 'hub'))
  const screen = await open(browser, server.url('/site', site.token), WALL)
  const before = await server.state(request)
  expect(before.status).toBe('scheduled')
  const items = before.agenda.items
  const total = items.length

  // The lobby: a countdown on the server clock, the start time in the conference's time zone
  // (the browser runs in UTC), the programme.
  await expect(screen.getByTestId('lobby')).toBeVisible()
  const { seconds: left } = await lobbyCountsDown(screen, Date.parse(defined(before.startsAt)))
  expect(left).toBeGreaterThan(0)
  expect(left).toBeLessThanOrEqual(35 * 60)
  const startsAt = new Date(defined(before.startsAt))
  const hcm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(startsAt)
  await expect(screen.getByTestId('lobby-starts')).toContainText(`Khai mạc lúc ${hcm}`)
  await expect(screen.getByTestId('programme').locator('li[data-item-id]')).toHaveCount(total)
  // Every item fits the programme's box: the last one is not cut off.
  const programme = defined((await screen.getByTestId('programme').boundingBox()))
  const lastRow = defined((await screen.getByTestId('programme').locator('li[data-item-id]').last().boundingBox()))
  expect(lastRow.y + lastRow.height).toBeLessThanOrEqual(programme.y + programme.height)

  // The host opens: the first item, "1/total", the second named as next.
  expect(await server.command(request, 'conference.start', {})).toMatchObject({ ok: true })
  const current = screen.getByTestId('agenda-current')
  await expect(current).toHaveAttribute('data-status', 'live')
  await expect(screen.getByTestId('agenda-position')).toHaveText(`Mục 1/${total}`)
  await expect(screen.getByTestId('current-title')).toHaveText(defined(items[0]).title)
  await expect(screen.getByTestId('agenda-next-item')).toContainText(defined(items[1]).title)
  await expect(screen.getByTestId('item-timer')).toHaveAttribute('data-running', 'true')
  // The timer ticks each second and the picture changes with it, but nothing animates between.
  expect(await animationsStartedAtRest(screen)).toBe(0)

  // The host steps on: the report, whose presenter is on the lower third.
  expect(await server.command(request, 'agenda.next', {})).toMatchObject({ ok: true })
  await expect(screen.getByTestId('agenda-position')).toHaveText(`Mục 2/${total}`)
  await expect(screen.getByTestId('current-title')).toHaveText(defined(items[1]).title)
  await expect(screen.getByTestId('agenda-next-item')).toContainText(defined(items[2]).title)
  await expect(screen.getByTestId('lower-third-name')).toHaveText(defined(defined(items[1]).presenter))
  await expect(screen.locator('[data-item-id="' + defined(items[0]).id + '"][data-status="done"]')).toBeVisible()

  // An award announced during a speech is shown on the same screen.
  const award = defined(before.awards.find((a) => a.siteId === site.siteId))
  expect(await server.command(request, 'award.announce', { awardIds: [award.id], revealInMs: 300 })).toMatchObject({ ok: true })
  await expect(screen.getByTestId('recent-awards').locator(`[data-award-id="${award.id}"]`)).toBeVisible()

  // The awards item: the ceremony takes the screen, the band above still says "x/y".
  const awardsIndex = items.findIndex((i) => i.kind === 'awards')
  expect(await server.command(request, 'agenda.goto', { itemId: defined(items[awardsIndex]).id })).toMatchObject({ ok: true })
  await expect(screen.getByTestId('agenda-position')).toHaveText(`${awardsIndex + 1}/${total}`)
  await expect(screen.getByTestId('award-stats')).toBeVisible()
  // Nothing pushes the picture wider than the screen: the clock in the corner is still on it.
  const clock = defined((await screen.getByTestId('hall-clock').boundingBox()))
  expect(clock.x + clock.width).toBeLessThanOrEqual(WALL.width)
  await expect(screen.getByTestId('lower-third')).toHaveCount(0)

  // A larger announcement during the awards item (and for the phone below): the districts'
  // collectives, in three columns, this hall's own city first. Each locality's heading is whole:
  // the city's full name beside "Điểm cầu này" was cut to "Thành phố Phan R…", and the columns
  // that go on with it to "Phan Rang - Tháp Chàm (ti…".
  const batch = before.awards.filter((a) => a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'collective' && a.siteId !== 'hub').slice(0, 40)
  expect(await server.command(request, 'award.announce', { awardIds: batch.map((a) => a.id), revealInMs: 300 })).toMatchObject({ ok: true })
  const roll = screen.locator('[data-testid=latest-batch][data-mode="roll"]')
  await expect(roll).toBeVisible()
  await expect(roll).toHaveAttribute('data-density', 'dense')
  await expect(roll.locator('.locality.own').first()).toBeVisible()
  expect(await cutText(screen, '[data-testid=latest-batch] .locality > *')).toEqual([])
  await screen.context().close()
})

test('a viewer on a 390×844 phone gets a page that scrolls, whole, to the latest award', async ({ browser, request }) => {
  const state = await server.state(request)
  const latest = defined(state.awards.filter((a) => a.revealAt !== undefined).sort((a, b) => defined(b.revealAt) - defined(a.revealAt))[0])
  const phone = await open(browser, server.url('/view', server.links.viewer.token), PHONE)
  await expect(phone.getByTestId('viewer-phone')).toBeVisible()
  // Nothing wider than the phone, the title whole.
  const widths = await phone.evaluate('[document.documentElement.scrollWidth, window.innerWidth]') as [number, number]
  expect(widths[0]).toBeLessThanOrEqual(widths[1])
  const title = phone.getByTestId('conference-title')
  const box = defined((await title.boundingBox()))
  expect(box.width).toBeGreaterThan(300)
  expect(await phone.evaluate("(() => { const el = document.querySelector('[data-testid=conference-title]'); return el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1 })()")).toBe(true)
  // The page is longer than the screen, and scrolls to the latest award.
  const heights = await phone.evaluate('[document.scrollingElement.scrollHeight, window.innerHeight]') as [number, number]
  expect(heights[0]).toBeGreaterThan(heights[1])
  const card = phone.locator(`[data-award-id="${latest.id}"]`)
  await card.scrollIntoViewIfNeeded()
  await expect(card).toBeInViewport()
  await expect(card).toContainText(latest.recipientName)
  // The last of the batch is further down: reached by scrolling too.
  const last = phone.locator('[data-mode="list"] [data-award-id]').last()
  await last.scrollIntoViewIfNeeded()
  await expect(last).toBeInViewport()
  expect(await phone.evaluate('window.scrollY')).toBeGreaterThan(0)
  await phone.context().close()
})

test('after the end, a site screen shows the closing screen and the operator can no longer report a problem', async ({ browser, request }) => {
  const site = defined(server.links.sites.find((s) => s.siteId !== 'hub'))
  const screen = await open(browser, server.url('/site', site.token), WALL)
  await expect(screen.getByTestId('agenda-current')).toHaveAttribute('data-status', 'live')
  expect(await server.command(request, 'conference.end', {})).toMatchObject({ ok: true })
  await expect(screen.getByTestId('closing-screen')).toBeVisible()
  const state = await server.state(request)
  const announced = state.awards.filter((a) => a.announcedAt && !a.retracted).length
  expect(announced).toBe(41)
  await expect(screen.getByTestId('closing-awards')).toHaveAttribute('data-count', String(announced))
  await expect(screen.getByTestId('closing-awards')).toContainText('41')
  await expect(screen.getByTestId('closing-delegates')).toHaveAttribute('data-count', '137')
  await expect(screen.getByTestId('closing-screen')).toContainText('Trân trọng cảm ơn')
  await screen.getByTestId('operator-toggle').click()
  await expect(screen.getByTestId('issue-closed')).toContainText('Hội nghị đã bế mạc')
  await expect(screen.getByTestId('issue-message')).toHaveCount(0)
  await expect(screen.getByTestId('checkin-attendees')).toBeDisabled()
  await screen.context().close()
})
