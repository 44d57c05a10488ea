/**
 * The host console for the day: a clicker steps the agenda on every site, the controls stay in
 * view at 1366×768, a closed site is offline on the board within 5 s, problems travel both ways
 * with their history, an offline console says so and refuses at once, and ending says what it
 * leaves behind (on a server of its own). Real servers, separate browser contexts per role.
 */
import { expect, test, type Browser, type Page } from './fixtures.js'
import { firstSnapshot, openPage, startIfScheduled } from './helpers.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { defined } from '../shared/testing/defined.js'

const CONSOLE = { width: 1366, height: 768 }
const SCREEN = { width: 1280, height: 720 }
/** 5 s as promised, plus room for a loaded two-core machine. */
const OFFLINE_WITHIN_MS = 5000
const MARGIN_MS = 2500

test.describe.configure({ mode: 'serial' })

async function agendaIds(host: Page): Promise<string[]> {
  const ids = await host.locator('[data-testid^="agenda-item-"]').evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').slice('agenda-item-'.length)))
  expect(ids.length).toBeGreaterThan(7)
  return ids
}

async function expectInView(page: Page, testId: string): Promise<void> {
  const el = page.getByTestId(testId)
  await expect(el).toBeVisible()
  await expect(el).toBeInViewport({ ratio: 1 })
  const box = await el.boundingBox()
  const vp = defined(page.viewportSize())
  expect(box && box.y >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width).toBe(true)
}

const currentOn = (dash: Page) => dash.locator('[data-testid="agenda-current"][data-item-id]')

async function command(page: Page, token: string, conferenceId: string, type: string, data: unknown) {
  const res = await page.request.post(`${new URL(page.url()).origin}/api/conferences/${conferenceId}/commands`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { id: `e2e-${type.replace('.', '-')}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, type, data },
  })
  return (await res.json()) as { ok: boolean }
}

test('a clicker steps the agenda on every site; the controls stay in view at 1366×768 past the fifth item', async ({ browser, links }) => {
  const host = await openPage(browser, links.host.url, CONSOLE)
  const sites = links.sites.filter((s) => s.siteId !== 'hub').slice(0, 3)
  const dashes = await Promise.all(sites.map((s) => openPage(browser, s.url, SCREEN)))
  await startIfScheduled(host)
  const ids = await agendaIds(host)
  await expect(host.getByTestId('run-current')).toHaveAttribute('data-item-id', defined(ids[0]))
  // The shortcuts are on screen, beside the buttons they press.
  await expect(host.getByTestId('run-bar')).toContainText('PgDn')
  await expect(host.getByTestId('run-bar')).toContainText('PgUp')

  const keys = ['PageDown', 'ArrowRight', 'PageDown', 'ArrowRight', 'PageDown', 'ArrowRight']
  for (const [i, key] of keys.entries()) {
    await host.keyboard.press(key)
    const id = defined(ids[i + 1])
    await expect(host.getByTestId('run-current')).toHaveAttribute('data-item-id', id)
    for (const dash of dashes) await expect(currentOn(dash)).toHaveAttribute('data-item-id', id)
  }
  // Past the fifth item the buttons, the current item and the position are where they were.
  await expectInView(host, 'agenda-prev')
  await expectInView(host, 'agenda-next')
  await expectInView(host, 'run-current')
  await expect(host.getByTestId('agenda-position')).toHaveText(`Mục 7/${ids.length}`)
  await expect(host.getByTestId(`agenda-item-${ids[6]}`)).toBeInViewport()

  await host.keyboard.press('PageUp')
  await host.keyboard.press('ArrowLeft')
  for (const page of [host, ...dashes]) {
    const where = page === host ? page.getByTestId('run-current') : currentOn(page)
    await expect(where).toHaveAttribute('data-item-id', defined(ids[4]))
  }

  // Typing is typing: an arrow key in the board's search box moves the cursor, not the agenda.
  const search = host.getByTestId('board-search')
  await search.fill('Ninh')
  await search.press('ArrowRight')
  await search.press('PageDown')
  await search.fill('')
  await expect(host.getByTestId('run-current')).toHaveAttribute('data-item-id', defined(ids[4]))
  // Then a key outside the box steps back once: had a key typed in the box moved the agenda, its
  // command would have come first, and this one would land elsewhere than on the item before.
  await search.blur()
  await host.keyboard.press('ArrowLeft')
  await expect(host.getByTestId('run-current')).toHaveAttribute('data-item-id', defined(ids[3]))
  for (const dash of dashes) await expect(currentOn(dash)).toHaveAttribute('data-item-id', defined(ids[3]))
  await Promise.all([host, ...dashes].map((p) => p.context().close()))
})

test('a site whose page closes is offline on the board within 5 s, with an alert; its return is announced', async ({ browser, links }) => {
  const site = defined(links.sites.find((s) => s.siteId !== 'hub'))
  const host = await openPage(browser, links.host.url, CONSOLE)
  const dash = await openPage(browser, site.url, SCREEN)
  const dot = host.getByTestId(`site-online-${site.siteId}`)
  await expect(dot).toHaveAttribute('data-live', 'online')

  const closedAt = Date.now()
  await dash.context().close()
  await expect(dot).toHaveAttribute('data-live', 'offline', { timeout: OFFLINE_WITHIN_MS + MARGIN_MS })
  const ms = Date.now() - closedAt
  console.log(`offline detection (e2e): a closed site context showed offline on the board after ${ms} ms`)
  expect(ms).toBeLessThan(OFFLINE_WITHIN_MS + MARGIN_MS)
  await expect(host.getByTestId('toast').filter({ hasText: `${site.name} mất kết nối` })).toBeVisible()
  await expect(host.getByTestId('board-ready')).not.toHaveAttribute('data-ready', String(links.sites.length))

  const back = await openPage(browser, site.url, SCREEN)
  await expect(dot).toHaveAttribute('data-live', 'online')
  await expect(host.getByTestId('toast').filter({ hasText: `${site.name} đã kết nối lại` })).toBeVisible()
  await Promise.all([host, back].map((p) => p.context().close()))
})

test('a problem reaches the host with its time; resolved by the host it is announced and kept in the history', async ({ browser, links }) => {
  const site = defined(links.sites.find((s) => s.siteId !== 'hub'))
  const host = await openPage(browser, links.host.url, CONSOLE)
  // A problem already in the console's first snapshot is on the board, not news: reported after it.
  await firstSnapshot(host)
  expect((await command(host, site.token, links.conferenceId, 'site.reportIssue', { message: 'Mất tiếng tại hội trường' })).ok).toBe(true)
  await expect(host.getByTestId(`site-issue-${site.siteId}`)).toContainText('Mất tiếng tại hội trường')
  await expect(host.getByTestId(`site-issue-${site.siteId}`)).toContainText(/\d\d:\d\d/)
  await expect(host.getByTestId('toast').filter({ hasText: `Sự cố tại ${site.name}` })).toBeVisible()

  await host.getByTestId('board-filter-problem').click()
  await expect(host.locator(`[data-testid^="site-row-"][data-live]`).filter({ has: host.locator('[data-testid^="site-issue-"]') })).toHaveCount(1)
  // At 1366×768 the resolve button keeps to one line.
  const resolve = host.getByTestId(`site-resolve-${site.siteId}`)
  const box = defined((await resolve.boundingBox()))
  expect(box.height).toBeLessThan(34)
  await resolve.click()
  await expect(host.getByTestId('toast').filter({ hasText: `xử lý xong sự cố tại ${site.name}` })).toBeVisible()
  await expect(host.getByTestId(`site-issue-${site.siteId}`)).toHaveCount(0)

  await host.getByTestId('board-filter-all').click()
  await host.getByTestId(`site-open-${site.siteId}`).click()
  const history = host.getByTestId('site-detail-history')
  await expect(history).toContainText('Mất tiếng tại hội trường')
  await expect(history).toContainText('(điểm cầu)')
  await expect(history).toContainText('(Ban tổ chức)')
  await host.keyboard.press('Escape')
  await host.context().close()
})

test('the host adds a commune under a district; the board shows it in its place and its link is issued there', async ({ browser, links }) => {
  const district = defined(links.sites.find((s) => s.siteId !== 'hub'))
  const host = await openPage(browser, links.host.url, CONSOLE)
  await host.getByTestId('site-add').click()
  const dialog = host.getByTestId('add-site')
  await dialog.getByTestId('add-site-submit').click()
  await expect(dialog.getByTestId('add-site-error')).toHaveText('Vui lòng nhập tên điểm cầu.')
  await dialog.getByTestId('add-site-parent').selectOption(district.siteId)
  await dialog.getByTestId('add-site-name').fill('Xã Thử Nghiệm')
  await dialog.getByTestId('add-site-submit').click()
  await expect(dialog).toBeHidden()
  const row = host.getByTestId('site-row-xa-thu-nghiem')
  await expect(row).toBeAttached()
  await expect(row).toHaveAttribute('data-live', 'offline')
  const rows = await host.locator('[data-testid^="site-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
  expect(rows.indexOf('site-row-xa-thu-nghiem')).toBe(rows.indexOf(`site-row-${district.siteId}`) + 1)

  // The links panel opens on the new site: its link is issued there, and opening it puts the commune online.
  const panel = host.locator('[data-testid="links-dialog"][open]')
  await expect(panel).toBeVisible()
  const issue = panel.locator('.missing').filter({ hasText: 'Xã Thử Nghiệm' }).getByTestId('links-issue-missing')
  await issue.click()
  const url = await panel.getByTestId('links-issued-url').inputValue()
  expect(url).toContain('token=')
  await host.keyboard.press('Escape')
  await expect(panel).toBeHidden()
  const commune = await openPage(browser, url, SCREEN)
  await expect(row).toHaveAttribute('data-live', 'online')
  await commune.context().close()
  await expect(row).toHaveAttribute('data-live', 'offline', { timeout: OFFLINE_WITHIN_MS + MARGIN_MS })
  // The same name again under the same district is refused on the page, before anything is sent.
  await host.getByTestId('site-add').click()
  await dialog.getByTestId('add-site-parent').selectOption(district.siteId)
  await dialog.getByTestId('add-site-name').fill('xã thử nghiệm')
  await dialog.getByTestId('add-site-submit').click()
  await expect(dialog.getByTestId('add-site-error')).toContainText('đã có điểm cầu tên này')
  await host.context().close()
})

test('offline, the console says so at once, locks its controls, claims nothing about the sites, and says when it is back', async ({ browser, links }) => {
  const host = await openPage(browser, links.host.url, CONSOLE)
  const site = defined(links.sites.find((s) => s.siteId !== 'hub'))
  await expect(host.getByTestId(`site-online-${site.siteId}`)).toHaveAttribute('data-live', /online|offline/)
  await host.context().setOffline(true)
  await expect(host.getByTestId('offline-banner')).toContainText('Mất kết nối tới máy chủ — đang thử kết nối lại…', { timeout: 1500 })
  await expect(host.getByTestId('offline-banner')).toContainText('Lost connection to the server')
  await expect(host.getByTestId('agenda-next')).toBeDisabled()
  await expect(host.getByTestId('conference-end')).toBeDisabled()
  await expect(host.getByTestId('announce-next')).toBeDisabled()
  await expect(host.getByTestId(`site-online-${site.siteId}`)).toHaveAttribute('data-live', 'unknown')
  await expect(host.getByTestId('board-ready')).toHaveAttribute('data-ready', '')
  await host.context().setOffline(false)
  await expect(host.getByTestId('offline-banner')).toBeHidden({ timeout: 15_000 })
  await expect(host.getByTestId('toast').filter({ hasText: 'Đã kết nối lại với máy chủ' })).toBeVisible()
  await expect(host.getByTestId('agenda-next')).toBeEnabled()
  await host.context().close()

  // A command sent while offline fails at once with that reason, not after a long wait.
  const dash = await openPage(browser, site.url, SCREEN)
  await dash.getByTestId('operator-toggle').click()
  await dash.getByTestId('checkin-attendees').fill('42')
  await dash.context().setOffline(true)
  await expect(dash.getByTestId('connection').first()).not.toHaveAttribute('data-state', 'live', { timeout: 1500 })
  // The button stays pressable; the answer comes from the page itself, well before a command's
  // 8 s timeout would have passed.
  await expect(dash.getByTestId('checkin-submit')).toBeEnabled()
  await dash.getByTestId('checkin-submit').click()
  await expect(dash.getByTestId('toast').first()).toContainText('Mất kết nối tới máy chủ', { timeout: 4000 })
  await dash.context().close()
})

// Ending is for good: on a server of its own, so that the shared conference stays live for the specs after this one.
test('ending says what it leaves behind; afterwards nothing is tagged as running', async ({ browser }) => {
  test.setTimeout(150_000)
  const server = await startPrivateServer()
  try {
    await endOn(browser, server)
  } finally {
    await server.stop()
  }
})

async function endOn(browser: Browser, server: PrivateServer): Promise<void> {
  const host = await openPage(browser, server.url('/host', server.links.host.token), CONSOLE)
  await startIfScheduled(host)
  await expect(host.getByTestId('agenda-current-tag')).toHaveCount(1)
  await host.getByTestId('conference-end').click()
  const dialog = host.getByTestId('end-confirm')
  const left = dialog.getByTestId('confirm-left-behind')
  await expect(left).toContainText(/\d{1,3}(\.\d{3})* khen thưởng chưa công bố/)
  await expect(left).toContainText(/\d+ khối chưa ký giao ước/)
  // The clicker is held back while a dialog is open.
  const before = await host.getByTestId('run-current').getAttribute('data-item-id')
  await host.keyboard.press('PageDown')
  await dialog.getByTestId('confirm-cancel').click()
  await expect(dialog).toBeHidden()
  await expect(host.getByTestId('run-current')).toHaveAttribute('data-item-id', before ?? '')
  await host.getByTestId('conference-end').click()
  await dialog.getByTestId('confirm-ok').click()
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'ended')
  await expect(host.getByTestId('agenda-current-tag')).toHaveCount(0)
  for (const where of [host.locator('.a-agenda'), host.getByTestId('run-current')]) await expect(where.getByText(/đang diễn ra/i)).toHaveCount(0)
  await expect(host.getByTestId('run-bar')).toContainText('Đã bế mạc lúc')
  await host.context().close()
}

