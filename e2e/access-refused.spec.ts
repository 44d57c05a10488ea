/**
 * A page whose access link stops working says why, in Vietnamese, instead of "reconnecting"
 * forever: revoked, expired, reissued (use the new link) and unknown each have their own screen,
 * and a reload shows the same. On a server of its own: the spec revokes links.
 */
import { createHash } from 'node:crypto'
import { expect, test, type APIRequestContext, type Browser, type Page } from './fixtures.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { defined } from '../shared/testing/defined.js'

let server: PrivateServer

test.beforeAll(async () => {
  server = await startPrivateServer()
})
test.afterAll(async () => {
  await server?.stop()
})

/** A link's public id: the first 16 hex digits of its token's SHA-256. */
const linkId = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 16)

async function hostPost(request: APIRequestContext, path: string, data: unknown): Promise<number> {
  const res = await request.post(`${server.base}/api/conferences/${server.links.conferenceId}/links${path}`, {
    headers: { authorization: `Bearer ${server.links.host.token}` },
    data,
  })
  return res.status()
}

async function openSite(browser: Browser, index: number): Promise<{ page: Page; token: string }> {
  const site = defined(server.links.sites[index])
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' })
  const page = await context.newPage()
  await page.goto(server.url('/site', site.token))
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'live')
  return { page, token: site.token }
}

/** The refusal screen with its Vietnamese sentence, now and after a reload. */
async function expectRefused(page: Page, text: RegExp): Promise<void> {
  const screen = page.getByTestId('access-refused')
  await expect(screen).toBeVisible({ timeout: 5000 })
  await expect(screen).toContainText(text)
  await expect(page.getByTestId('connection')).toHaveCount(0)
  await page.reload()
  await expect(page.getByTestId('access-refused')).toBeVisible({ timeout: 5000 })
  await expect(page.getByTestId('access-refused')).toContainText(text)
}

test('a site link revoked while its page is open: the page says it was revoked', async ({ browser, request }) => {
  const { page, token } = await openSite(browser, 1)
  expect(await hostPost(request, `/${linkId(token)}/revoke`, {})).toBe(200)
  await expectRefused(page, /Liên kết này đã bị Ban tổ chức thu hồi/)
  await expect(page.getByTestId('access-refused')).toHaveAttribute('data-reason', 'revoked')
  if (process.env['SCREENSHOTS']) await page.screenshot({ path: '.tmp/screenshots/access-revoked.png' })
})

test('a reissued link: the page is told to use the new one', async ({ browser, request }) => {
  const { page, token } = await openSite(browser, 2)
  expect(await hostPost(request, `/${linkId(token)}/reissue`, {})).toBe(201)
  await expectRefused(page, /đã được thay bằng liên kết mới/)
  await expect(page.getByTestId('access-refused')).toHaveAttribute('data-reason', 'reissued')
  if (process.env['SCREENSHOTS']) await page.screenshot({ path: '.tmp/screenshots/access-reissued.png' })
})

test('a link whose expiry passes while its page is open: the page says it expired', async ({ browser, request }) => {
  const { page, token } = await openSite(browser, 3)
  expect(await hostPost(request, `/${linkId(token)}/expiry`, { expiresAt: new Date(Date.now() + 2500).toISOString() })).toBe(200)
  await expect(page.getByTestId('access-refused')).toBeVisible({ timeout: 10_000 })
  await expectRefused(page, /Liên kết này đã hết hạn/)
  await expect(page.getByTestId('access-refused')).toHaveAttribute('data-reason', 'expired')
})

test('an unknown link: its own screen at once', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' })
  const page = await context.newPage()
  await page.goto(server.url('/site', 'not-a-real-token-0123456789abcdef'))
  await expectRefused(page, /Liên kết truy cập không đúng/)
  await expect(page.getByTestId('access-refused')).toHaveAttribute('data-reason', 'unknown')
})

test('a network that drops and returns: the page retries and is live again, never refused', async ({ browser }) => {
  const { page } = await openSite(browser, 4)
  // Offline, the page asks the server about its link (GET /api/me) and gets no answer: that is not a refusal.
  const linkChecked = page.waitForEvent('requestfailed', { predicate: (r) => r.url().includes('/api/me'), timeout: 20_000 })
  await page.context().setOffline(true)
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'reconnecting', { timeout: 10_000 })
  await linkChecked
  // The next attempt to reconnect comes after the check's answer was read.
  await page.waitForEvent('requestfailed', { predicate: (r) => r.url().includes('/socket.io/'), timeout: 20_000 })
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'reconnecting')
  await expect(page.getByTestId('access-refused')).toHaveCount(0)
  await page.context().setOffline(false)
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'live', { timeout: 20_000 })
  await expect(page.getByTestId('access-refused')).toHaveCount(0)
})
