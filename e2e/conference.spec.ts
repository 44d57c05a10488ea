import { expect, test } from './fixtures.js'
import { openPage, selectFirstAward, startIfScheduled } from './helpers.js'
import { signOnPage } from './signing-helpers.js'
import { defined } from '../shared/testing/defined.js'

const WALL = { width: 1920, height: 1080 }
const LAPTOP = { width: 1280, height: 800 }

test('an announced award and a signature appear on every site, and survive a reload', async ({ browser, links }) => {
  const [siteA, siteB] = links.sites.filter((s) => s.siteId !== 'hub')
  const signer = defined(links.signers[0])
  if (!siteA || !siteB) throw new Error('the demo needs two district sites')

  const host = await openPage(browser, links.host.url, LAPTOP)
  const dashA = await openPage(browser, siteA.url, WALL)
  const dashB = await openPage(browser, siteB.url, WALL)
  await expect(dashA.getByTestId('site-name')).toContainText(siteA.name)

  await startIfScheduled(host)
  await expect(dashA.getByTestId('agenda-current')).toHaveAttribute('data-status', 'live')

  // Announce one award, chosen in the UI; nothing is revealed before the announcement.
  const awardId = await selectFirstAward(host, 1)
  await expect(dashA.locator(`[data-award-id="${awardId}"]`)).toHaveCount(0)
  await host.getByTestId('announce-selected').click()
  await expect(dashA.locator(`[data-award-id="${awardId}"]`)).toBeVisible()
  await expect(dashB.locator(`[data-award-id="${awardId}"]`)).toBeVisible()
  await expect(dashA.getByTestId('latest-batch').locator('[data-award-id]')).toHaveCount(1)

  // Roll call at a site shows on the host console.
  await dashA.getByTestId('operator-toggle').click()
  await dashA.getByTestId('checkin-attendees').fill('137')
  await dashA.getByTestId('checkin-submit').click()
  await expect(host.getByTestId(`site-attendees-${siteA.siteId}`)).toContainText('137')
  await expect(host.getByTestId('host-total-attendees')).toContainText('137')

  // Presence: the host sees both sites online.
  await expect(host.getByTestId(`site-online-${siteA.siteId}`)).toHaveAttribute('data-online', 'true')
  await expect(host.getByTestId(`site-online-${siteB.siteId}`)).toHaveAttribute('data-online', 'true')

  // Signing: closed until the host opens it, then the signer signs on the pad.
  const pad = await openPage(browser, signer.url, LAPTOP)
  await expect(pad.getByTestId('pledge-text')).not.toBeEmpty()
  await expect(pad.getByTestId('sign-submit')).toBeDisabled()
  await host.getByTestId('signing-open').click()
  await expect(pad.getByTestId('signing-status')).toHaveAttribute('data-status', 'open')
  await signOnPage(pad) // reads the pledge to its end, signs, confirms
  await expect(pad.getByTestId('sign-result')).toBeVisible()
  for (const dash of [dashA, dashB]) {
    const sig = dash.locator(`[data-bloc-id="${signer.blocId}"]`)
    await expect(sig).toBeVisible()
    await expect(sig.locator('polyline').first()).toBeAttached()
  }
  await expect(host.getByTestId(`bloc-${signer.blocId}`)).toHaveAttribute('data-signed', 'true')

  // A reloaded dashboard shows the same award and signature.
  await dashB.reload()
  await expect(dashB.getByTestId('connection')).toHaveAttribute('data-state', 'live')
  await expect(dashB.locator(`[data-award-id="${awardId}"]`)).toBeVisible()
  await expect(dashB.locator(`[data-bloc-id="${signer.blocId}"]`)).toBeVisible()
  await expect(dashB.locator('[data-award-id]')).toHaveCount(await dashA.locator('[data-award-id]').count())
})

test('a refused access link says so in plain Vietnamese', async ({ browser, server }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${server.base}/site?token=not-a-real-token`)
  await expect(page.getByTestId('access-refused')).toContainText('Liên kết truy cập không đúng')
})

test('a check-in count out of range is refused on the page, in Vietnamese, before anything is sent', async ({ browser, links }) => {
  const site = defined(links.sites[0])
  const dash = await openPage(browser, site.url, WALL)
  await dash.getByTestId('operator-toggle').click()
  await dash.getByTestId('checkin-attendees').fill('250000')
  await dash.getByTestId('checkin-submit').click()
  await expect(dash.getByTestId('checkin-error')).toHaveText('Số đại biểu phải là số nguyên từ 0 đến 100.000.')
  await expect(dash.getByTestId('toast')).toHaveCount(0)
})

test('a second host tab: awards announced elsewhere leave the selection', async ({ browser, links }) => {
  const host = await openPage(browser, links.host.url, LAPTOP)
  await startIfScheduled(host)
  const other = await openPage(browser, links.host.url, LAPTOP)
  const id = await selectFirstAward(host, 2)
  expect(await selectFirstAward(other, 2)).toBe(id)
  await other.getByTestId('announce-selected').click()
  await expect(host.locator(`[data-award-row-id="${id}"]`)).toHaveCount(0)
  await expect(host.getByTestId('announce-selected')).toBeDisabled()
})
