/**
 * Access links from the host console, in real browsers: the token leaves the address bar and a
 * reload still opens the page; the links panel shows the log head; a link revoked there closes
 * the page that uses it; a reissued link's new address is shown once and opens the page. Only
 * links this spec issues are revoked, so the other specs' links stay valid.
 */
import { expect, test, type APIRequestContext } from './fixtures.js'
import { openPage, type AccessLinks } from './helpers.js'

async function issueViewer(request: APIRequestContext, links: AccessLinks): Promise<{ id: string; url: string }> {
  const res = await request.post(`${new URL(links.host.url).origin}/api/conferences/${links.conferenceId}/links`, { headers: { authorization: `Bearer ${links.host.token}` }, data: { role: 'viewer' } })
  expect(res.status()).toBe(201)
  const body = (await res.json()) as { link: { id: string }; url: string }
  // The server names the links by PUBLIC_URL, the address this spec's server answers on.
  return { id: body.link.id, url: body.url }
}

test('the token leaves the address bar, and a reload still opens the page', async ({ browser, links }) => {
  const host = await openPage(browser, links.host.url, { width: 1366, height: 768 })
  await expect.poll(() => host.url()).not.toContain('token=')
  expect(host.url()).toMatch(/\/host$/)
  await host.reload()
  await expect(host.getByTestId('connection').first()).toHaveAttribute('data-state', 'live')
  expect(host.url()).not.toContain('token=')
  // Another tab (no sessionStorage) opened with the bare address is refused: the token was not left behind.
  const bare = await host.context().newPage()
  await bare.goto(host.url())
  await expect(bare.getByTestId('access-refused')).toBeVisible()
})

test('the host revokes a link in the panel and the page using it closes; a reissued link opens', async ({ browser, request, links }) => {
  const issued = await issueViewer(request, links)
  const viewer = await openPage(browser, issued.url, { width: 1280, height: 800 })
  const host = await openPage(browser, links.host.url, { width: 1366, height: 768 })
  await host.getByTestId('documents-open').click()
  await host.getByTestId('documents-links').click()
  const dialog = host.getByTestId('links-dialog')
  await expect(dialog.getByTestId('links-head')).toContainText(/seq \d+/)
  await expect(dialog.getByTestId('links-head').locator('code')).toHaveText(/^[0-9a-f]{64}$/)
  const row = dialog.getByTestId(`link-${issued.id}`)
  await expect(row).toContainText('Người xem')
  if (process.env['SCREENSHOTS']) await host.screenshot({ path: '.tmp/screenshots/host-links.png' })

  await row.getByTestId('links-revoke').click()
  await row.getByTestId('links-confirm').click()
  await expect(row).toContainText('Đã thu hồi')
  // Closed within 5 s: the page says its link was revoked (e2e/access-refused.spec.ts has the words).
  await expect(viewer.getByTestId('access-refused')).toHaveAttribute('data-reason', 'revoked', { timeout: 5000 })
  expect((await request.get(`${new URL(links.host.url).origin}/api/me`, { headers: { authorization: `Bearer ${new URL(issued.url).searchParams.get('token')}` } })).status()).toBe(401)

  // Reissue a second link of ours: the new address is shown once and opens the viewer's page.
  const second = await issueViewer(request, links)
  await host.getByTestId('links-dialog').locator('header button').click()
  await host.getByTestId('documents-open').click()
  await host.getByTestId('documents-links').click()
  const row2 = host.getByTestId(`link-${second.id}`)
  await row2.getByTestId('links-reissue').click()
  await row2.getByTestId('links-confirm').click()
  const shown = host.getByTestId('links-issued-url')
  await expect(shown).toHaveValue(/\/view\?token=/)
  if (process.env['SCREENSHOTS']) await host.screenshot({ path: '.tmp/screenshots/host-links-issued.png' })
  const fresh = new URL(await shown.inputValue())
  const again = await openPage(browser, new URL(fresh.pathname + fresh.search, links.host.url).toString(), { width: 1280, height: 800 })
  await expect(again.getByTestId('connection').first()).toHaveAttribute('data-state', 'live')
  // The old secret is refused, the new one accepted.
  const me = (u: string) => request.get(`${new URL(links.host.url).origin}/api/me`, { headers: { authorization: `Bearer ${new URL(u).searchParams.get('token')}` } })
  expect((await me(second.url)).status()).toBe(401)
  expect((await me(fresh.toString())).status()).toBe(200)
})
