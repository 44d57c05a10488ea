/**
 * Accessibility live (e2e/a11y.ts): every page and the documents menu during the awards (figures on
 * the board, a problem, a finished award type), then during the signing (a bloc signed). No serious
 * or critical violation; the counts are printed.
 */
import { test } from './fixtures.js'
import { AxeReport, openDayPages, toAwards, toSigning } from './a11y.js'
import { hostApi } from './signing-helpers.js'

test('no serious or critical axe violation during the awards and the signing, on any page', async ({ browser, links, request }) => {
  const api = hostApi(request, links)
  const pages = await openDayPages(browser, links)
  const report = new AxeReport()
  await toAwards(api, links, pages)
  await report.scanAll('awards', pages)
  await toSigning(api, links, pages)
  await report.scanAll('signing', pages)
  report.expectNone()
})
