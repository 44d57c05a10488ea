/**
 * Not a check: saves the degraded state (Redis stopped under the pages) into
 * .tmp/screenshots/degraded-*.png: the host console at 1366×768 during the award ceremony, the
 * hall's big screen at 1920×1080 with an award just revealed (the strip must not cover it), a
 * signer's tablet with a signature waiting, and a viewer's phone. SCREENSHOTS=1 only.
 */
import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type Page } from './fixtures.js'
import { openPage } from './helpers.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { drawWithMouse, openTouchPage, readPledge, TABLET } from './signing-helpers.js'
import { startRedis, type TestRedis } from '../server/test/redis-server.js'
import { defined } from '../shared/testing/defined.js'

const OUT = '.tmp/screenshots'
const CONSOLE = { width: 1366, height: 768 }
const WALL = { width: 1920, height: 1080 }
const PHONE = { width: 390, height: 844 }
const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${name}.png` })

let redis: TestRedis
let server: PrivateServer
test.beforeAll(async () => {
  redis = await startRedis()
  server = await startPrivateServer({ redisUrl: redis.url })
})
test.afterAll(async () => {
  await server?.stop()
  await redis?.dispose()
})

const open = (browser: Browser, path: string, token: string, viewport: { width: number; height: number }): Promise<Page> =>
  openPage(browser, server.url(path, token), viewport, { timezoneId: 'UTC' })

test('screenshots of the degraded state', async ({ browser, request }) => {
  test.setTimeout(180_000)
  mkdirSync(OUT, { recursive: true })
  const ok = async (type: string, data: unknown) => expect(await server.command(request, type, data)).toMatchObject({ ok: true })
  await ok('conference.start', {})
  const state = await server.state(request)
  await ok('agenda.goto', { itemId: defined(state.agenda.items.find((i) => i.kind === 'awards')).id })
  await ok('award.announce', { awardIds: state.awards.slice(0, 1).map((a) => a.id), revealInMs: 0 })

  const host = await open(browser, '/host', server.links.host.token, CONSOLE)
  const hall = await open(browser, '/site', defined(server.links.sites[1]).token, WALL)
  const phone = await open(browser, '/view', server.links.viewer.token, PHONE)
  await ok('pledge.openSigning', {})
  const signer = await openTouchPage(browser, server.url('/sign', defined(server.links.signers[0]).token), TABLET)
  await readPledge(signer)
  await drawWithMouse(signer)
  await hall.waitForTimeout(1500)

  await redis.stop()
  for (const p of [host, hall, phone, signer]) await expect(p.getByTestId('store-banner')).toBeVisible({ timeout: 5000 })
  await signer.getByTestId('sign-submit').click()
  await signer.getByTestId('sign-confirm').click()
  await expect(signer.getByTestId('sign-waiting')).toHaveAttribute('data-waiting-for', 'store')
  await hall.waitForTimeout(600)
  await shot(host, 'degraded-host-1366')
  await shot(hall, 'degraded-hall-1920')
  await shot(phone, 'degraded-phone')
  await shot(signer, 'degraded-signer-tablet')
  // The site's operator opens the panel on the hall's screen (key O): it says the same there.
  await hall.keyboard.press('o')
  await expect(hall.getByTestId('operator-panel').getByTestId('store-banner')).toBeVisible()
  await shot(hall, 'degraded-hall-1920-operator')
  await hall.keyboard.press('o')
  // A command pressed meanwhile: the refusal as the host reads it.
  await host.getByTestId('agenda-next').click().catch(() => undefined)
  await host.waitForTimeout(400)
  await shot(host, 'degraded-host-1366-refused')

  await redis.start()
  await expect(host.getByTestId('store-banner')).toHaveCount(0, { timeout: 15_000 })
  await expect(signer.getByTestId('sign-result')).toBeVisible({ timeout: 15_000 })
  await host.waitForTimeout(300)
  await shot(host, 'degraded-host-1366-back')
  await shot(signer, 'degraded-signer-tablet-back')
})
