/**
 * Accessibility through the whole day (e2e/a11y.ts), on one set of pages: every page, the
 * documents menu and each of the host's dialogs in the lobby; every page and the menu during the
 * awards (figures on the board, a problem, a finished award type), during the signing (a bloc
 * signed) and after the end; then the hall and the phone offline, their figures marked as not live.
 * No serious or critical violation; the counts are printed. (One spec, not one per phase: each
 * phase's pages are the same six, and opening them three times and driving the day twice more
 * cost a third of these checks' CPU.)
 */
import { expect, test } from './fixtures.js'
import { AxeReport, openDayPages, toAwards, toSigning } from './a11y.js'
import { hostApi } from './signing-helpers.js'
import { defined } from '../shared/testing/defined.js'

test('no serious or critical axe violation on any page, in the lobby, the awards, the signing, after the end and offline', async ({ browser, links, request }) => {
  const api = hostApi(request, links)
  const pages = await openDayPages(browser, links)
  const host = defined(pages['host'])
  const report = new AxeReport()

  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'scheduled')
  await report.scanAll('lobby', pages)
  // The host's dialogs, each open in turn over the console: what opens it, what it is, how it closes.
  const dialogs: [string, () => Promise<void>, string][] = [
    ['schedule', () => host.getByTestId('schedule-open').click(), 'schedule-dialog'],
    ['agenda', () => host.getByTestId('agenda-edit').first().click(), 'agenda-editor-dialog'],
    ['import', () => host.getByTestId('award-import').click(), 'import-dialog'],
    ['links', async () => {
      await host.getByTestId('documents-open').click()
      await host.getByTestId('documents-links').click()
    }, 'links-dialog'],
  ]
  for (const [name, open, testId] of dialogs) {
    await open()
    const dialog = host.getByTestId(testId)
    await expect(dialog).toBeVisible()
    await report.scan('lobby', `host+${name}`, host)
    await host.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  }

  await toAwards(api, links, pages)
  await report.scanAll('awards', pages)
  await toSigning(api, links, pages)
  await report.scanAll('signing', pages)

  expect((await api.command('conference.end', {})).ok).toBe(true)
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'ended')
  await report.scanAll('ended', pages)
  // Offline: the hall's and the phone's figures are marked as not live, and stay readable.
  for (const name of ['site', 'view-phone']) {
    const page = defined(pages[name])
    await page.context().setOffline(true)
    await expect(page.getByTestId('connection').first()).not.toHaveAttribute('data-state', 'live', { timeout: 15_000 })
    await expect(page.locator('.figures.stale')).toHaveCount(1)
    await report.scan('offline', name, page)
  }
  report.expectNone()
})
