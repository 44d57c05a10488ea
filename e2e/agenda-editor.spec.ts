/**
 * The host's agenda editor in Chromium, two consoles at once: checks on the page before sending,
 * an addition every screen follows, a reorder by keyboard, a removal after a confirmation, and
 * an edit that another console overtook refused in Vietnamese, never lost silently and never
 * in English. On a server of its own (e2e/lobby-server.ts).
 */
import { expect, test, type Browser, type Page } from './fixtures.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { defined } from '../shared/testing/defined.js'

const CONSOLE = { width: 1366, height: 768 }
const WALL = { width: 1920, height: 1080 }

let server: PrivateServer
test.describe.configure({ mode: 'serial' })
test.beforeAll(async () => {
  server = await startPrivateServer()
})
test.afterAll(async () => server?.stop())

async function open(browser: Browser, url: string, viewport = CONSOLE): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'UTC' })
  const page = await context.newPage()
  await page.goto(url)
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'live')
  return page
}

async function openEditor(page: Page): Promise<void> {
  await page.getByTestId('agenda-edit').first().click()
  await expect(page.getByTestId('agenda-editor')).toBeVisible()
}

const rows = (page: Page) => page.getByTestId('agenda-editor-item')
const titlesOf = async (page: Page) => (await rows(page).locator('.title').allTextContents()).map((t) => t.trim())
/** No raw English or internal text reached the page. */
async function noRawText(page: Page): Promise<void> {
  const text = await page.locator('body').innerText()
  expect(text).not.toMatch(/changed by someone else|revision|data\.|agenda\.\w+|Too big|must not be empty/)
}

test('checks on the page, an addition every screen follows, a keyboard reorder and a confirmed removal', async ({ browser, request }) => {
  const host = await open(browser, server.url('/host', server.links.host.token))
  const site = await open(browser, server.url('/site', defined(server.links.sites.find((s) => s.siteId !== 'hub')).token), WALL)
  await openEditor(host)
  const before = (await server.state(request)).agenda.items.length
  await expect(rows(host)).toHaveCount(before)

  // Checked on the page, nothing sent.
  await host.getByTestId('agenda-add-open').click()
  await host.getByTestId('agenda-add-minutes').fill('-5')
  await host.getByTestId('agenda-add').click()
  await expect(host.getByTestId('agenda-add-title-error')).toHaveText('Xin nhập tên mục.')
  await expect(host.getByTestId('agenda-add-minutes-error')).toHaveText('Thời lượng là số phút nguyên, từ 0 đến 600.')
  if (process.env.SCREENSHOTS) await host.screenshot({ path: '.tmp/screenshots/agenda-editor.png' })
  expect((await server.state(request)).agenda.items.length).toBe(before)

  // Added after the second item; the hall's programme shows it.
  const title = 'Tham luận của UBND xã Vĩnh Hải'
  await expect(host.getByTestId('agenda-add-form')).toBeVisible()
  await host.getByTestId('agenda-add-title').fill(title)
  await host.getByTestId('agenda-add-minutes').fill('6')
  await host.getByTestId('agenda-add-presenter').fill('Đồng chí Lê Văn Hải, Chủ tịch UBND xã')
  await host.getByTestId('agenda-add-unit').fill('UBND xã Vĩnh Hải')
  const second = defined((await titlesOf(host))[1])
  await host.getByTestId('agenda-add-position').selectOption({ label: `Sau: ${second}` })
  await host.getByTestId('agenda-add').click()
  await expect(rows(host)).toHaveCount(before + 1)
  expect((await titlesOf(host))[2]).toBe(title)
  await expect(site.getByText(title).first()).toBeVisible()
  const added = defined((await server.state(request)).agenda.items[2])
  expect(added).toMatchObject({ title, plannedMinutes: 6, unit: 'UBND xã Vĩnh Hải', rev: 1 })

  // Alt+↓ on the focused row moves it one place down, on every screen.
  await rows(host).nth(2).focus()
  await host.keyboard.press('Alt+ArrowDown')
  await expect.poll(async () => (await server.state(request)).agenda.items[3]?.id).toBe(added.id)
  await expect(rows(host).nth(3)).toBeFocused()
  await expect.poll(() => titlesOf(host)).toContain(title)
  expect((await titlesOf(host))[3]).toBe(title)

  // Removal asks first, then the item is gone everywhere.
  await rows(host).nth(3).getByTestId('agenda-remove-item').click()
  await expect(host.getByText(`Xoá “${title}” khỏi chương trình?`, { exact: false })).toBeVisible()
  await host.getByTestId('agenda-remove-confirm').click()
  await expect(rows(host)).toHaveCount(before)
  await expect(site.getByText(title)).toHaveCount(0)
  await noRawText(host)
  for (const p of [host, site]) await p.context().close()
})

test('two consoles edit the same item: the later save is refused in Vietnamese, the earlier one stays', async ({ browser, request }) => {
  const a = await open(browser, server.url('/host', server.links.host.token))
  const b = await open(browser, server.url('/host', server.links.host.token))
  for (const p of [a, b]) await openEditor(p)
  for (const p of [a, b]) await rows(p).nth(1).getByTestId('agenda-edit-item').click()

  await a.getByTestId('agenda-field-title').fill('Báo cáo tổng kết (bản đã sửa)')
  await a.getByTestId('agenda-save').click()
  await expect(a.getByTestId('agenda-edit-form')).toHaveCount(0)

  // B is told before saving; saving anyway is refused, with what to do.
  await expect(b.getByTestId('agenda-changed-meanwhile')).toContainText('vừa được người khác sửa')
  await b.getByTestId('agenda-field-minutes').fill('45')
  await b.getByTestId('agenda-save').click()
  if (process.env.SCREENSHOTS) await b.screenshot({ path: '.tmp/screenshots/agenda-editor-stale.png' })
  await expect(b.getByTestId('agenda-edit-error')).toHaveText(/^Mục “Báo cáo tổng kết \(bản đã sửa\)” vừa được người khác sửa; thay đổi của đồng chí chưa được lưu\. Hãy xem lại/)
  const item = defined((await server.state(request)).agenda.items[1])
  expect(item.title).toBe('Báo cáo tổng kết (bản đã sửa)')
  expect(item.plannedMinutes).not.toBe(45)
  await noRawText(b)

  // B looks again and saves on the new revision: both edits stand.
  await b.getByRole('button', { name: 'Xem nội dung mới' }).click()
  await b.getByTestId('agenda-field-minutes').fill('45')
  await b.getByTestId('agenda-save').click()
  await expect.poll(async () => (await server.state(request)).agenda.items[1]).toMatchObject({ title: 'Báo cáo tổng kết (bản đã sửa)', plannedMinutes: 45 })

  // The item under way cannot be removed: the reason, in people's words.
  expect((await server.command(request, 'conference.start', {})).ok).toBe(true)
  await rows(a).nth(0).getByTestId('agenda-remove-item').click()
  await expect(a.getByTestId('agenda-row-note')).toHaveText('Mục đang diễn ra; chuyển sang mục khác trước khi xoá.')
  for (const p of [a, b]) await p.context().close()
})
