/**
 * The degraded state in Chromium: a server of the spec's own keeps its log in a real
 * redis-server; Redis stops under the open pages and starts again. Every page says so at once
 * (host console, hall screen, signer), a command is refused with plain words and changes
 * nothing, and all of it recovers by itself, without reloading: the banners go, the host is told
 * "Đã kết nối lại", a signature confirmed during the outage is recorded once when Redis is back.
 */
import { expect, test, type Browser, type Page } from './fixtures.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { openPage, startConfirmed } from './helpers.js'
import { drawWithMouse, openTouchPage, readPledge, TABLET } from './signing-helpers.js'
import { startRedis, type TestRedis } from '../server/test/redis-server.js'
import { whenStoreAnswers } from '../server/test/store-waiting.js'
import { defined } from '../shared/testing/defined.js'

const CONSOLE = { width: 1366, height: 768 }
const WALL = { width: 1920, height: 1080 }
const DOWN_VI = 'Máy chủ tạm thời không ghi được dữ liệu hội nghị.'
const DOWN_HALL_VI = 'Máy chủ tạm thời không cập nhật được'

let redis: TestRedis
let server: PrivateServer
test.describe.configure({ mode: 'serial' })
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

test('Redis stops: the host console and a hall screen say so at once; it returns: the banners go by themselves', async ({ browser }) => {
  const host = await open(browser, '/host', server.links.host.token, CONSOLE)
  const hall = await open(browser, '/site', defined(server.links.sites[1]).token, WALL)
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'scheduled')
  await expect(host.getByTestId('store-banner')).toHaveCount(0)
  await expect(hall.getByTestId('store-banner')).toHaveCount(0)

  await redis.stop()
  const banner = host.getByTestId('store-banner')
  await expect(banner).toBeVisible({ timeout: 3000 })
  await expect(banner).toContainText(DOWN_VI)
  await expect(banner).toContainText('không cần tải lại trang')
  // English second on the console, as the offline banner does.
  await expect(banner).toContainText('The server cannot save conference data right now.')
  const strip = hall.getByTestId('store-banner')
  await expect(strip).toBeVisible({ timeout: 3000 })
  await expect(strip).toContainText(DOWN_HALL_VI)
  // A strip at the foot of the picture: thin, and over nothing above its last few percent.
  const box = defined((await strip.boundingBox()))
  expect(box.height).toBeLessThan(WALL.height * 0.05)
  expect(box.y + box.height).toBeGreaterThan(WALL.height - 2)
  // Neither page lost the server itself: no "connection lost".
  await expect(host.getByTestId('offline-banner')).toHaveCount(0)
  await expect(hall.getByTestId('connection')).toHaveAttribute('data-state', 'live')

  // A command pressed meanwhile is refused in plain words and changes nothing.
  await startConfirmed(host)
  await expect(host.getByTestId('toast').filter({ hasText: 'không ghi được nhật ký hội nghị' })).toBeVisible()
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'scheduled')
  await host.keyboard.press('Escape')
  await expect(host.getByTestId('start-confirm')).toBeHidden()

  await redis.start()
  await expect(banner).toHaveCount(0, { timeout: 15_000 })
  await expect(strip).toHaveCount(0, { timeout: 15_000 })
  await expect(host.getByTestId('toast').filter({ hasText: /^Đã kết nối lại: máy chủ ghi được/ })).toBeVisible()
  // Without a reload, the console commands again and the hall follows.
  await startConfirmed(host)
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'live')
  await expect(hall.getByTestId('hall-screen')).toHaveAttribute('data-phase', 'live')
})

test('a signature confirmed while Redis is down waits on the tablet, says why, and is recorded once when it returns', async ({ browser, request }) => {
  // The first test started the conference.
  expect((await server.state(request)).status).toBe('live')
  // The first command after the outage: asked again while the server says the store is still coming back.
  expect(await whenStoreAnswers(() => server.command(request, 'pledge.openSigning', {}))).toMatchObject({ ok: true })
  const signer = defined(server.links.signers[0])
  const pad = await openTouchPage(browser, server.url('/sign', signer.token), TABLET)
  // The tablet sends a confirmed signature over HTTP, and again every 3 s while it is refused.
  let signAnswers = 0
  pad.on('response', (r) => {
    if (r.request().method() === 'POST' && r.url().endsWith('/commands') && r.request().postData()?.includes('"pledge.sign"')) signAnswers++
  })
  await readPledge(pad)
  await drawWithMouse(pad)

  await redis.stop()
  await expect(pad.getByTestId('store-banner')).toContainText(DOWN_VI, { timeout: 3000 })
  await pad.getByTestId('sign-submit').click()
  await expect(pad.getByTestId('sign-confirm-dialog')).toBeVisible()
  await pad.getByTestId('sign-confirm').click()
  const waiting = pad.getByTestId('sign-waiting')
  await expect(waiting).toHaveAttribute('data-waiting-for', 'store')
  await expect(waiting).toContainText('chữ ký đã được giữ lại trên thiết bị này')
  await expect(waiting).toContainText('không cần ký lại')
  // It keeps waiting through retries (every 3 s) while Redis stays down: the signature sent again, refused again.
  await expect.poll(() => signAnswers, { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
  await expect(waiting).toHaveAttribute('data-waiting-for', 'store')

  await redis.start()
  await expect(pad.getByTestId('sign-result')).toHaveAttribute('data-phase', 'signedHere', { timeout: 15_000 })
  await expect(pad.getByTestId('store-banner')).toHaveCount(0)
  const after = await server.state(request)
  const bloc = defined(after.blocs.find((b) => b.id === signer.blocId))
  expect(bloc.signature).toBeTruthy()
  // Recorded once: no other bloc was signed, and this one has one signature and no void.
  expect(after.blocs.filter((b) => b.signature)).toHaveLength(1)
  expect(bloc.voided ?? []).toHaveLength(0)
})
