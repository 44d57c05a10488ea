/**
 * The console by keyboard and at a glance, the operator's count, the signer upright, the minutes'
 * heading: Esc closes the menus, go-to buttons say where to, a new item goes after the current one;
 * a problem line names its own site and a first connection is not a reconnection; "12.5" people is
 * refused in words; a 15 px line is named a short stroke and "Ký giao ước" is in view at 820×1180;
 * the minutes give the day held and head every column. Real server, real Chromium.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from './fixtures.js'
import { openPage } from './helpers.js'
import { Finger, hostApi, openTouchPage, readPledge } from './signing-helpers.js'
import { defined } from '../shared/testing/defined.js'

test.describe.configure({ mode: 'serial' })

const CONSOLE = { width: 1366, height: 768 }

test('keyboard: Esc closes the menus, go-to buttons name their item, a new item defaults to after the current one', async ({ browser, links, request }) => {
  const api = hostApi(request, links)
  expect((await api.command('conference.start', {})).ok).toBe(true)
  const host = await openPage(browser, links.host.url, CONSOLE)

  // The documents list: links in a disclosure (no ARIA menu to break), closed by Esc with the focus back on its button.
  const toggle = host.getByTestId('documents-open')
  const menu = host.getByTestId('documents-menu')
  await toggle.click()
  await expect(menu.getByRole('link', { name: /Biên bản hội nghị/ })).toBeVisible()
  await expect(menu).not.toHaveAttribute('role', 'menu')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await host.keyboard.press('Escape')
  await expect(menu).toBeHidden()
  await expect(toggle).toBeFocused()
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  // A click elsewhere closes it too.
  await toggle.click()
  await expect(menu).toBeVisible()
  await host.getByTestId('conference-title').click()
  await expect(menu).toBeHidden()
  // The exports list as well.
  const exports = host.getByTestId('award-exports')
  await exports.locator('summary').click()
  await expect(host.getByTestId('export-xlsx-type')).toBeVisible()
  await host.keyboard.press('Escape')
  await expect(host.getByTestId('export-xlsx-type')).toBeHidden()

  // "Chuyển tới" says where to.
  const state = await api.state()
  const third = defined(state.agenda.items[2])
  const go = host.getByRole('button', { name: `Chuyển tới mục 3: ${third.title}` })
  await expect(go).toHaveText('Chuyển tới')
  await go.click()
  await expect(host.getByTestId('run-current')).toHaveAttribute('data-item-id', third.id)

  // A new item goes after the one running now, not after "Bế mạc".
  await host.getByTestId('agenda-edit-panel').click()
  await host.getByTestId('agenda-add-open').click()
  await expect(host.getByTestId('agenda-add-position')).toHaveValue(third.id)
  await host.getByTestId('agenda-add-title').fill('Phát biểu bổ sung của Sở Nội vụ')
  await host.getByTestId('agenda-add').click()
  await expect.poll(async () => (await api.state()).agenda.items.findIndex((i) => i.title === 'Phát biểu bổ sung của Sở Nội vụ')).toBe(3)
})

test('board: a problem line names its own site; a first connection is not a reconnection; the operator counts whole people', async ({ browser, links, request }) => {
  const api = hostApi(request, links)
  const host = await openPage(browser, links.host.url, CONSOLE)
  const hub = defined(links.sites.find((s) => s.siteId === 'hub'))
  const site = defined(links.sites.filter((s) => s.siteId !== 'hub').at(-1))
  const toasts = host.getByTestId('toast')

  // Its first connection: said as a connection, not as a return.
  const screen = await openPage(browser, site.url, { width: 1280, height: 720 })
  await expect(toasts.filter({ hasText: `Điểm cầu ${site.name} đã kết nối.` })).toBeVisible()
  await expect(toasts.filter({ hasText: 'kết nối lại' })).toHaveCount(0)

  // The operator types 12.5: refused in words, nothing sent; 125 is recorded as 125.
  await screen.getByTestId('operator-toggle').click()
  await screen.getByTestId('checkin-attendees').fill('12.5')
  await screen.getByTestId('checkin-submit').click()
  await expect(screen.getByTestId('checkin-error')).toHaveText('Số đại biểu phải là số nguyên từ 0 đến 100.000.')
  expect((await api.state()).sites.find((s) => s.id === site.siteId)?.checkIn).toBeUndefined()
  await screen.getByTestId('checkin-attendees').fill('125')
  await screen.getByTestId('checkin-submit').click()
  await expect(host.getByTestId(`site-attendees-${site.siteId}`)).toContainText('125')
  expect((await api.state()).sites.find((s) => s.id === site.siteId)?.checkIn?.attendees).toBe(125)

  // Its problem, pinned on the board, reads as its own, not its parent's.
  await screen.getByTestId('issue-message').fill('Mất tiếng tại hội trường')
  await screen.getByTestId('issue-report').click()
  const line = host.getByTestId(`site-issue-${site.siteId}`)
  await expect(line).toContainText(`⚠ ${site.name} ·`)
  await expect(line).toContainText('Mất tiếng tại hội trường')
  await expect(line).not.toContainText(hub.name)

  // A real return is said as one.
  await screen.context().close()
  await expect(host.getByTestId(`site-online-${site.siteId}`)).toHaveAttribute('data-online', 'false')
  await openPage(browser, site.url, { width: 1280, height: 720 })
  await expect(toasts.filter({ hasText: `Điểm cầu ${site.name} đã kết nối lại.` })).toBeVisible()
})

test('signer upright at 820×1180: "Ký giao ước" in view; a 15 px line is a short stroke, not a dot', async ({ browser, links, request }) => {
  const api = hostApi(request, links)
  const state = await api.state()
  expect((await api.command('agenda.goto', { itemId: defined(state.agenda.items.find((i) => i.kind === 'signing')).id })).ok).toBe(true)
  expect((await api.command('pledge.openSigning', {})).ok).toBe(true)
  const pad = await openTouchPage(browser, defined(links.signers[0]).url, { width: 820, height: 1180 })
  await expect(pad.getByTestId('signing-status')).toHaveAttribute('data-phase', 'open')
  const submit = pad.getByTestId('sign-submit')
  await expect(submit).toBeInViewport({ ratio: 1 })
  await expect(pad.getByTestId('signature-pad')).toBeInViewport({ ratio: 1 })
  await readPledge(pad)

  const box = defined(await pad.getByTestId('signature-pad').boundingBox())
  const dx = 15 / box.width
  const finger = await Finger.on(pad)
  await finger.draw([Array.from({ length: 6 }, (_, i) => [0.45 + (dx * i) / 5, 0.5] as const)])
  await expect(submit).toBeInViewport({ ratio: 1 })
  await submit.click()
  await expect(pad.getByTestId('sign-error')).toHaveText('Chữ ký chỉ là một nét ngắn. Mời đồng chí ký đầy đủ chữ ký, lớn hơn trong khung.')
  await expect(pad.getByTestId('sign-confirm-dialog')).toBeHidden()
})

test('the minutes give the day held, not the day planned, and head every column in full', async ({ browser, links }) => {
  const host = await openPage(browser, links.host.url, CONSOLE)
  await host.getByTestId('documents-open').click()
  const href = defined(await host.getByTestId('documents-report').getAttribute('href'))
  const res = await host.request.get(new URL(href, host.url()).toString())
  expect(res.status()).toBe(200)
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'diemcau-minutes-')), 'minutes.pdf')
  writeFileSync(file, await res.body())
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', '1', '-l', '3', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ')
  // The demo was planned for 22/02/2023; it is held today, in the conference's zone.
  const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date())
  expect(text).toContain(`ngày ${today}`)
  expect(text).not.toContain('ngày 22/02/2023')
  expect(text).toContain('Số người dự')
})
