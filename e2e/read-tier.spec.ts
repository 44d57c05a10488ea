/**
 * A viewer joins through the read tier and takes a large batch packed, in Chromium: its state comes
 * over HTTP (`…/public/latest`, then the seq's immutable bytes), its socket's CONNECT carries that
 * seq, and every remaining award announced at once arrives as one binary frame the page inflates.
 */
import { expect, test } from './fixtures.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { defined } from '../shared/testing/defined.js'

let server: PrivateServer
test.describe.configure({ mode: 'serial' })
test.beforeAll(async () => {
  server = await startPrivateServer()
})
test.afterAll(async () => server?.stop())

test('a viewer joins from the read tier, then shows the remaining awards sent packed', async ({ browser, request }) => {
  expect(await server.command(request, 'conference.start', {})).toMatchObject({ ok: true })
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'UTC' })
  const page = await context.newPage()
  const reads: string[] = []
  page.on('response', (r) => {
    if (r.url().includes('/public/')) reads.push(`${r.status()} ${new URL(r.url()).pathname}`)
  })
  const sent: string[] = []
  // The CONNECT rides on the long-polling transport's first POST, or on the WebSocket.
  page.on('request', (r) => {
    const body = r.url().includes('/socket.io/') && r.method() === 'POST' ? r.postData() : null
    if (body) sent.push(...body.split('\x1e'))
  })
  let binaryFrames = 0
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => void (typeof f.payload === 'string' && sent.push(f.payload)))
    ws.on('framereceived', (f) => void (typeof f.payload !== 'string' && binaryFrames++))
  })
  await page.goto(server.url('/view', server.links.viewer.token))
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'live')

  const latest = defined(reads.find((r) => r.endsWith('/public/latest')))
  expect(latest).toMatch(/^200 /)
  const seqRead = defined(reads.find((r) => /\/public\/\d+$/.test(r)))
  expect(seqRead).toMatch(/^200 /)
  const seq = Number(seqRead.split('/').at(-1))
  // The CONNECT asks only for what came after the seq read over HTTP, and for large batches packed.
  const connect = defined(sent.find((p) => p.startsWith('40')))
  expect(JSON.parse(connect.slice(2))).toMatchObject({ lastSeq: seq, eventsEncoding: 'deflate' })

  const state = await server.state(request)
  const awardIds = state.awards.filter((a) => !a.announcedAt).map((a) => a.id)
  expect(awardIds.length).toBeGreaterThan(2000)
  const before = binaryFrames
  expect(await server.command(request, 'award.announce', { awardIds, revealInMs: 0 })).toMatchObject({ ok: true })
  await expect.poll(() => binaryFrames).toBeGreaterThan(before)
  // The whole batch folded: the page counts it and shows its first award.
  await expect(page.getByText(`Vừa công bố ${awardIds.length.toLocaleString('vi-VN')} khen thưởng`)).toBeVisible({ timeout: 20_000 })
  await expect(page.locator(`[data-award-id="${defined(awardIds[0])}"]`)).toBeAttached()
  await context.close()
})
