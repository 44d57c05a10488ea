/**
 * The host console shows the log's head, seq and whole hash, once the conference has ended, with
 * why to write it down and a copy button; the same head GET /head answers and the minutes print.
 * On a server of its own: the spec ends its conference.
 */
import { expect, test } from './fixtures.js'
import { openPage } from './helpers.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'

let server: PrivateServer
test.beforeAll(async () => {
  server = await startPrivateServer()
})
test.afterAll(async () => server?.stop())

test('after the end, the console shows the head to write down, whole, and copies it as seq:hash', async ({ browser, request }) => {
  expect(await server.command(request, 'conference.start', {})).toMatchObject({ ok: true })
  const host = await openPage(browser, server.url('/host', server.links.host.token), { width: 1366, height: 768 })
  await host.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base })
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'live')
  await expect(host.getByTestId('log-head')).toHaveCount(0)

  expect(await server.command(request, 'conference.end', {})).toMatchObject({ ok: true })
  const panel = host.getByTestId('log-head')
  await expect(panel).toBeVisible()
  const res = await request.get(`${server.base}/api/conferences/${server.links.conferenceId}/head`, { headers: { authorization: `Bearer ${server.links.host.token}` } })
  const head = (await res.json()) as { seq: number; hash: string }
  expect(head.hash).toMatch(/^[0-9a-f]{64}$/)
  await expect(panel).toHaveAttribute('data-seq', String(head.seq))
  await expect(host.getByTestId('log-head-hash')).toHaveText(head.hash)
  await expect(panel).toContainText(`Seq ${head.seq}`)
  await expect(panel).toContainText('Hãy ghi lại seq và mã băm này ở nơi khác máy chủ')
  await expect(panel).toContainText(`npm run verify -- --head ${head.seq}:${head.hash}`)

  await host.getByTestId('log-head-copy').click()
  await expect(host.getByTestId('log-head-copy')).toHaveText('Đã sao chép')
  // The e2e code is type-checked without the DOM library: the browser's navigator, as the page has it.
  expect(await host.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(`${head.seq}:${head.hash}`)

  // Folded out of the way once written down, and opened again.
  await host.getByTestId('log-head-fold').click()
  await expect(host.getByTestId('log-head-hash')).toHaveCount(0)
  // Folded, it is a button in the console's bar, over none of the panels.
  await expect(host.locator('header.bar').getByTestId('log-head-open')).toBeVisible()
  await host.getByTestId('log-head-open').click()
  await expect(host.getByTestId('log-head-hash')).toHaveText(head.hash)
})
