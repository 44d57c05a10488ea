/**
 * Not a check: saves into .tmp/screenshots/ the hall screens of issue 14 at their sizes (the
 * lobby a day and days ahead, the signature wall, the closing screen), the phone's signing and
 * closing, and the video mixer's overlay laid over a picture (a generated stage-like gradient
 * behind the transparent page, as the mixer would put the camera's picture).
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type Page } from './fixtures.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { Finger, openTouchPage, readPledge, SIGNATURE, TABLET, loopStrokes } from './signing-helpers.js'
import { sha256Hex } from '../shared/hash.js'
import { defined } from '../shared/testing/defined.js'

const OUT = '.tmp/screenshots'
const SIZES = [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }, { width: 1280, height: 720 }]
const PHONE = { width: 390, height: 844 }
const HOUR = 3600_000
/** A hall seen by a camera: warm stage light, a red backdrop, dark seats below. Laid behind the overlay only. */
const PICTURE = [
  'radial-gradient(ellipse 40% 30% at 50% 22%, rgba(255, 236, 200, 0.85), transparent 70%)',
  'radial-gradient(ellipse 18% 40% at 30% 55%, rgba(60, 40, 30, 0.9), transparent 70%)',
  'radial-gradient(ellipse 18% 40% at 68% 55%, rgba(50, 35, 30, 0.9), transparent 70%)',
  'linear-gradient(180deg, #7a1010 0%, #a52a1a 35%, #3a2a22 62%, #1a1412 100%)',
].join(', ')
/** Puts the picture behind the transparent page, as the mixer's camera input is (set through the CSSOM, which the page's CSP allows). */
const behind = (page: Page) => page.evaluate(`(() => {
  const el = document.createElement('div')
  el.setAttribute('aria-hidden', 'true')
  Object.assign(el.style, { position: 'fixed', inset: '0', zIndex: '-1', background: ${JSON.stringify(PICTURE)} })
  document.body.prepend(el)
})()`)

async function open(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const page = await context.newPage()
  await page.goto(url)
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'live')
  return page
}
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage })

async function sign(server: PrivateServer, request: Parameters<PrivateServer['state']>[0], i: number, extra: Record<string, string> = {}): Promise<void> {
  const signer = defined(server.links.signers[i])
  const bloc = defined((await server.state(request)).blocs.find((b) => b.id === signer.blocId))
  await request.post(`${server.base}/api/conferences/${server.links.conferenceId}/commands`, {
    headers: { authorization: `Bearer ${signer.token}` },
    data: { id: randomUUID(), type: 'pledge.sign', data: { blocId: bloc.id, contentHash: await sha256Hex(bloc.pledge.text), strokes: loopStrokes(i), ...extra } },
  })
}

test('screenshots of the halls, the phone and the overlay (issue 14)', async ({ browser, request }) => {
  test.setTimeout(300_000)
  mkdirSync(OUT, { recursive: true })
  const server = await startPrivateServer()
  try {
    const site = defined(server.links.sites.find((s) => s.siteId !== 'hub'))
    const halls = await Promise.all(SIZES.map((size) => open(browser, server.url('/site', site.token), size)))
    const phone = await open(browser, server.links.viewer.url, PHONE)
    const overlay = await open(browser, server.links.overlay.url, defined(SIZES[0]))
    await behind(overlay)

    // The lobby the evening before, and three days ahead.
    const wall = new Date(Date.now() + 7 * HOUR)
    const tomorrow = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 1, 8, 0) - 7 * HOUR
    await server.command(request, 'conference.schedule', { startsAt: new Date(tomorrow).toISOString() })
    for (const [i, page] of halls.entries()) {
      await expect(page.getByTestId('lobby-distance')).toHaveAttribute('data-kind', 'tomorrow')
      await shot(page, `lobby-tomorrow-${defined(SIZES[i]).width}`)
    }
    await shot(phone, 'phone-lobby-tomorrow')
    await server.command(request, 'conference.schedule', { startsAt: new Date(Date.now() + (3 * 24 + 14.5) * HOUR).toISOString() })
    for (const [i, page] of halls.entries()) {
      await expect(page.getByTestId('lobby-distance')).toHaveAttribute('data-kind', 'days')
      await shot(page, `lobby-days-${defined(SIZES[i]).width}`)
    }

    // A speech: the overlay's lower third over the picture; then an award at its reveal.
    const state = await server.state(request)
    await server.command(request, 'conference.start', {})
    const speech = defined(state.agenda.items.find((i) => i.kind === 'speech' && i.presenter))
    await server.command(request, 'agenda.goto', { itemId: speech.id })
    await expect(overlay.getByTestId('lower-third')).toBeVisible()
    await overlay.waitForTimeout(900)
    await shot(overlay, 'overlay-lower-third')
    const award = defined(state.awards.find((a) => a.typeId === 'co-thi-dua'))
    await server.command(request, 'award.announce', { awardIds: [award.id], revealInMs: 300 })
    await expect(overlay.locator(`[data-award-id="${award.id}"]`)).toBeVisible()
    await overlay.waitForTimeout(1200)
    await shot(overlay, 'overlay-award')

    // The awards item: a batch as the roll's page.
    await server.command(request, 'agenda.goto', { itemId: defined(state.agenda.items.find((i) => i.kind === 'awards')).id })
    const batch = state.awards.filter((a) => a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'collective').slice(0, 120)
    await server.command(request, 'award.announce', { awardIds: batch.map((a) => a.id), revealInMs: 300 })
    await expect(overlay.getByTestId('overlay-roll')).toBeVisible()
    await overlay.waitForTimeout(1500)
    await shot(overlay, 'overlay-roll')

    // The signing: three signed (one by a deputy), one drawing now.
    await server.command(request, 'agenda.goto', { itemId: defined(state.agenda.items.find((i) => i.kind === 'signing')).id })
    await server.command(request, 'pledge.openSigning', {})
    await sign(server, request, 1)
    await sign(server, request, 2, { signerName: 'Trần Văn Phó', behalf: 'KT. GIÁM ĐỐC' })
    await sign(server, request, 3)
    const pad = await openTouchPage(browser, defined(server.links.signers[0]).url, TABLET)
    await readPledge(pad)
    const finger = await Finger.on(pad)
    const loop = defined(SIGNATURE[0])
    await finger.down(defined(loop[0]))
    await finger.move(loop.slice(1, 40), 15)
    await expect(overlay.getByTestId('overlay-ink')).toBeVisible()
    await shot(overlay, 'overlay-ink')
    for (const [i, page] of halls.entries()) await shot(page, `signing-wall-${defined(SIZES[i]).width}`)
    await phone.getByTestId('tab-phone-signing').tap().catch(() => phone.getByTestId('tab-phone-signing').click())
    await phone.waitForTimeout(500)
    await shot(phone, 'phone-signing')
    await finger.up()

    await server.command(request, 'conference.end', {})
    for (const [i, page] of halls.entries()) {
      await expect(page.getByTestId('closing-screen')).toBeVisible()
      await shot(page, `closing-${defined(SIZES[i]).width}`)
    }
    await phone.getByTestId('tab-phone-now').click()
    await shot(phone, 'phone-closing')
    await shot(phone, 'phone-closing-full', true)
  } finally {
    await server.stop()
  }
})
