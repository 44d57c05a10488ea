/**
 * Not a check: saves the host console as a host sees it on the day into .tmp/screenshots/host-*.png
 * (1366×768 and 1920×1080; the readiness board with problems, a grown hierarchy, the site's
 * history, the end confirmation, offline), so that people can look at what we built.
 */
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from './fixtures.js'
import { openPage, startIfScheduled } from './helpers.js'
import { defined } from '../shared/testing/defined.js'

const OUT = '.tmp/screenshots'
const CONSOLE = { width: 1366, height: 768 }
const WIDE = { width: 1920, height: 1080 }
const SCREEN = { width: 960, height: 540 }
const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${name}.png` })

async function command(page: Page, token: string, conferenceId: string, type: string, data: unknown): Promise<void> {
  // Each spec file has its own server: the page's own origin names it.
  const res = await page.request.post(`${new URL(page.url()).origin}/api/conferences/${conferenceId}/commands`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { id: `shot-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`, type, data },
  })
  const ack = (await res.json()) as { ok: boolean; error?: unknown }
  if (!ack.ok) throw new Error(`${type}: ${JSON.stringify(ack.error)}`)
}

test('screenshots of the host console', async ({ browser, links }) => {
  test.setTimeout(300_000)
  mkdirSync(OUT, { recursive: true })
  const id = links.conferenceId
  const host = await openPage(browser, links.host.url, CONSOLE)
  await shot(host, 'host-1366-scheduled')

  const districts = links.sites.filter((s) => s.siteId !== 'hub')
  const screens = await Promise.all(districts.slice(0, 5).map((s) => openPage(browser, s.url, SCREEN)))
  await startIfScheduled(host)
  for (const [i, s] of districts.slice(0, 4).entries()) await command(host, s.token, id, 'site.checkIn', { attendees: 40 + i * 17 })
  await command(host, defined(districts[1]).token, id, 'site.reportIssue', { message: 'Mất tiếng tại hội trường, đang kiểm tra lại bộ trộn âm và micro không dây' })
  await command(host, defined(districts[2]).token, id, 'site.reportIssue', { message: 'Hình bị giật' })
  for (let i = 0; i < 5; i++) await host.keyboard.press('PageDown')
  await expect(host.getByTestId('agenda-position')).toContainText('Mục 6/')
  await host.waitForTimeout(1200)
  await shot(host, 'host-1366-live')

  await host.getByTestId('board-filter-problem').click()
  await shot(host, 'host-1366-board-problems')
  await host.getByTestId('board-filter-all').click()

  // A grown hierarchy: communes under two districts, added as the host would (site.add).
  for (const d of districts.slice(0, 2)) {
    for (let n = 1; n <= 12; n++) {
      await command(host, links.host.token, id, 'site.add', { name: `Xã ${d.name.replace(/^(Huyện|Thành phố|Thị xã) /, '')} ${n}`, kind: 'commune', parentId: d.siteId })
      await host.waitForTimeout(60)
    }
  }
  await host.getByTestId('board-expand').click()
  await host.waitForTimeout(400)
  await shot(host, 'host-1366-board-expanded')
  await host.getByTestId('board-expand').click()

  await host.getByTestId('board-search').fill(defined(districts[1]).name)
  await shot(host, 'host-1366-board-search')
  await host.getByTestId(`site-open-${defined(districts[1]).siteId}`).click()
  await shot(host, 'host-1366-site-detail')
  await host.keyboard.press('Escape')
  await host.getByTestId('board-search').fill('')

  await host.getByTestId('hall-preview').click()
  await host.waitForTimeout(500)
  await shot(host, 'host-1366-preview')
  await host.keyboard.press('Escape')

  const wide = await openPage(browser, links.host.url, WIDE)
  await wide.waitForTimeout(1200)
  await shot(wide, 'host-1920-live')
  await wide.context().close()

  await host.getByTestId('conference-end').click()
  await shot(host, 'host-1366-end-confirm')
  await host.getByTestId('confirm-cancel').click()

  await host.context().setOffline(true)
  await expect(host.getByTestId('offline-banner')).toBeVisible()
  await shot(host, 'host-1366-offline')
  await host.context().setOffline(false)
  await expect(host.getByTestId('offline-banner')).toBeHidden({ timeout: 15_000 })

  await defined(screens[0]).context().close()
  await expect(host.getByTestId('toast').first()).toBeVisible()
  await shot(host, 'host-1366-site-dropped')
  await Promise.all([host, ...screens.slice(1)].map((p) => p.context().close()))
})
