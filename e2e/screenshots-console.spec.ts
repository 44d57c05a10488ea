/**
 * Not a check: saves the host console's signing and end at 1366×768 and 1920×1080, the documents
 * list open, the operator refusing "12.5" and the signer upright at 820×1180 into
 * .tmp/screenshots/console-*.png, so that people can look at what we built.
 */
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from './fixtures.js'
import { openPage } from './helpers.js'
import { hostApi, loopStrokes, openTouchPage, readPledge } from './signing-helpers.js'
import { defined } from '../shared/testing/defined.js'

const OUT = '.tmp/screenshots'
const CONSOLE = { width: 1366, height: 768 }
const WIDE = { width: 1920, height: 1080 }
const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/console-${name}.png` })

test('screenshots of the console through the signing and the end', async ({ browser, links, request }) => {
  test.setTimeout(300_000)
  mkdirSync(OUT, { recursive: true })
  const api = hostApi(request, links)
  const districts = links.sites.filter((s) => s.siteId !== 'hub')
  for (const [i, s] of districts.slice(0, 4).entries()) expect((await api.command('site.checkIn', { attendees: 60 + i * 23 }, s.token)).ok).toBe(true)
  expect((await api.command('conference.start', {})).ok).toBe(true)
  const state = await api.state()
  expect((await api.command('award.announce', { awardIds: state.awards.slice(0, 5).map((a) => a.id), revealInMs: 0 })).ok).toBe(true)
  expect((await api.command('agenda.goto', { itemId: defined(state.agenda.items.find((i) => i.kind === 'signing')).id })).ok).toBe(true)
  expect((await api.command('pledge.openSigning', {})).ok).toBe(true)

  const screen = await openPage(browser, defined(districts[4]).url, { width: 1280, height: 720 })
  await screen.getByTestId('operator-toggle').click()
  await screen.getByTestId('checkin-attendees').fill('12.5')
  await screen.getByTestId('checkin-submit').click()
  await expect(screen.getByTestId('checkin-error')).toBeVisible()
  await shot(screen, 'operator-whole-number')

  const tablet = await openTouchPage(browser, defined(links.signers[5]).url, { width: 820, height: 1180 })
  await expect(tablet.getByTestId('signing-status')).toHaveAttribute('data-phase', 'open')
  await readPledge(tablet)
  await tablet.getByTestId('signing-status').scrollIntoViewIfNeeded()
  await shot(tablet, 'signer-820x1180')

  const host = await openPage(browser, links.host.url, CONSOLE)
  for (let i = 0; i < 3; i++) {
    const s = defined(links.signers[i])
    const bloc = defined(state.blocs.find((b) => b.id === s.blocId))
    expect((await api.command('pledge.sign', { blocId: bloc.id, contentHash: bloc.pledge.contentHash, strokes: loopStrokes(i) }, s.token)).ok).toBe(true)
  }
  await expect(host.getByTestId('signing-status')).toContainText('3/')
  await host.getByTestId('signing-close').click()
  await expect(host.getByTestId('signing-status')).toHaveAttribute('data-shown', 'paused')
  await shot(host, '1366-signing-paused')
  await host.getByTestId('witness-name').fill('Trần Quốc Nam, Chủ tịch UBND tỉnh')
  await host.getByTestId('signing-witness').click()
  await host.getByTestId('signing-open').click()
  await expect(host.getByTestId('witnessed')).toBeVisible()
  await host.getByTestId('host-signing').evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await shot(host, '1366-signing-witnessed-scrolled')

  await host.getByTestId('documents-open').click()
  await expect(host.getByTestId('documents-report')).toBeVisible()
  await shot(host, '1366-documents')
  await host.keyboard.press('Escape')

  const wide = await openPage(browser, links.host.url, WIDE)
  await expect(wide.getByTestId('witnessed')).toBeVisible()
  await shot(wide, '1920-signing')

  expect((await api.command('conference.end', {})).ok).toBe(true)
  await expect(host.getByTestId('signing-status')).toHaveAttribute('data-shown', 'ended')
  await host.getByTestId('log-head-fold').click()
  await shot(host, '1366-ended')
  await expect(wide.getByTestId('signing-status')).toHaveAttribute('data-shown', 'ended')
  await wide.getByTestId('log-head-fold').click()
  await shot(wide, '1920-ended')
})
