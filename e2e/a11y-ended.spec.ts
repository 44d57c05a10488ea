/**
 * Accessibility after the day (e2e/a11y.ts): every page and the documents menu once the conference
 * has ended (after its awards and a signature), then the hall and the phone offline, their figures
 * marked as not live. No serious or critical violation; the counts are printed.
 */
import { expect, test } from './fixtures.js'
import { AxeReport, openDayPages, toAwards, toSigning } from './a11y.js'
import { hostApi } from './signing-helpers.js'
import { defined } from '../shared/testing/defined.js'

test('no serious or critical axe violation after the end, on any page, online or offline', async ({ browser, links, request }) => {
  const api = hostApi(request, links)
  const pages = await openDayPages(browser, links)
  const report = new AxeReport()
  await toAwards(api, links, pages)
  await toSigning(api, links, pages)
  expect((await api.command('conference.end', {})).ok).toBe(true)
  await expect(defined(pages['host']).getByTestId('conference-status')).toHaveAttribute('data-status', 'ended')
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
