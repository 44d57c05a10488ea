/**
 * Not a check: saves what each role sees, after some awards are announced, into
 * .tmp/screenshots/*.png so that people can look at what we built.
 */
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { drawSignature, openPage, readLinks, selectFirstAward, startIfScheduled } from './helpers.js'

const OUT = '.tmp/screenshots'
const WALL = { width: 1920, height: 1080 }
const LAPTOP = { width: 1280, height: 800 }
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage })

test('screenshots of every role', async ({ browser }) => {
  test.setTimeout(180_000)
  mkdirSync(OUT, { recursive: true })
  const links = readLinks()
  const district = links.sites.find((s) => s.siteId !== 'hub')!
  const other = links.sites.filter((s) => s.siteId !== 'hub')[2]!

  const host = await openPage(browser, links.host.url, LAPTOP)
  const dash = await openPage(browser, district.url, WALL)
  const viewer = await openPage(browser, links.viewer.url, WALL)
  await shot(dash, 'site-dashboard-before')
  await startIfScheduled(host)
  await host.getByTestId('agenda-next').click()

  // A batch of ten, then a batch of three: the latest batch is shown large.
  await host.getByTestId('award-type').selectOption({ index: 0 })
  await host.getByTestId('announce-next').click()
  await expect(host.getByTestId('toast').first()).toBeVisible()
  await selectFirstAward(host, 3)
  const rows = host.locator('[data-award-row-id] input[type=checkbox]')
  await rows.nth(1).check()
  await rows.nth(2).check()
  await host.getByTestId('announce-selected').click()

  // Roll call and a problem at one site.
  await dash.getByTestId('operator-toggle').click()
  await dash.getByTestId('checkin-attendees').fill('152')
  await dash.getByTestId('checkin-submit').click()
  const otherDash = await openPage(browser, other.url, WALL)
  await otherDash.getByTestId('operator-toggle').click()
  await otherDash.getByTestId('checkin-attendees').fill('87')
  await otherDash.getByTestId('checkin-submit').click()
  await otherDash.getByTestId('issue-message').fill('Mất tiếng từ điểm cầu tỉnh')
  await otherDash.getByTestId('issue-report').click()
  await expect(host.getByTestId(`site-issue-${other.siteId}`)).toBeVisible()

  // Two blocs sign.
  if ((await host.getByTestId('signing-status').getAttribute('data-status')) === 'closed') await host.getByTestId('signing-open').click()
  for (const signer of links.signers.slice(1, 3)) {
    const pad = await openPage(browser, signer.url, LAPTOP)
    await expect(pad.getByTestId('signing-status')).toHaveAttribute('data-status', 'open')
    await drawSignature(pad)
    await pad.getByTestId('sign-submit').click()
    await expect(pad.getByTestId('sign-result')).toBeVisible()
    await expect(dash.locator(`[data-bloc-id="${signer.blocId}"]`)).toBeVisible()
  }

  const waiting = await openPage(browser, links.signers[3]!.url, LAPTOP)
  await drawSignature(waiting)
  await shot(waiting, 'signer-pad')
  const signed = await openPage(browser, links.signers[1]!.url, LAPTOP)
  await shot(signed, 'signer-signed')

  await dash.getByTestId('operator-close').click()
  await dash.waitForTimeout(1800) // let the reveal animation settle
  await shot(dash, 'site-dashboard')
  await dash.getByTestId('operator-toggle').click()
  await shot(dash, 'site-dashboard-operator')
  await viewer.waitForTimeout(200)
  await shot(viewer, 'viewer')
  await shot(host, 'host')
  await host.setViewportSize(WALL)
  await shot(host, 'host-wide')

  // The signing item: the signatures take the larger part of the wall.
  await host.locator('[data-kind="signing"] button').click()
  await expect(dash.getByTestId('signature-wall')).toBeVisible()
  await dash.getByTestId('operator-close').click()
  await dash.waitForTimeout(1200)
  await shot(dash, 'site-dashboard-signing')
})
