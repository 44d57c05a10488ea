/**
 * The video mixer's overlay (/overlay, the `overlay` link of access-links.json), against the real
 * server: a transparent page that shows only what goes over the picture, the speaker's lower
 * third, each award at its reveal instant (never before), the honours roll during the awards
 * item, and the signature as it is drawn.
 */
import { expect, test, type Browser, type Page } from './fixtures.js'
import { confirmSignature, Finger, openTouchPage, readPledge, SIGNATURE, TABLET } from './signing-helpers.js'
import { seriousViolations } from './hall-checks.js'
import { defined } from '../shared/testing/defined.js'

const MIXER = { width: 1920, height: 1080 }
test.describe.configure({ mode: 'serial' })

async function open(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: MIXER, locale: 'vi-VN' })
  const page = await context.newPage()
  await page.goto(url)
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live')
  return page
}

test('the overlay link opens a transparent page; links of other roles keep to their own pages', async ({ browser, links, server }) => {
  expect(links.overlay.url).toBe(`${server.base}/overlay?token=${encodeURIComponent(links.overlay.token)}`)
  const overlay = await open(browser, links.overlay.url)
  expect(new URL(overlay.url()).pathname).toBe('/overlay')
  const backgrounds = await overlay.evaluate<string[]>("[document.documentElement, document.body, document.querySelector('[data-testid=overlay-page]')].map((el) => getComputedStyle(el).backgroundColor)")
  expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)'])
  // Nothing of a hall's chrome: no title, no clock, no figures, no programme.
  for (const id of ['conference-title', 'hall-clock', 'delegate-count', 'programme', 'lobby']) await expect(overlay.getByTestId(id)).toHaveCount(0)
  await expect(overlay.getByTestId('connection')).toHaveCSS('opacity', '0')
  expect(await seriousViolations(overlay)).toEqual([])

  // The overlay's token at the viewer's path opens the overlay, and the viewer's at /overlay the viewer's page.
  const wrong = await open(browser, server.url('/view', links.overlay.token))
  expect(new URL(wrong.url()).pathname).toBe('/overlay')
  const viewer = await open(browser, server.url('/overlay', links.viewer.token))
  expect(new URL(viewer.url()).pathname).toBe('/view')
})

test('the speaker\'s lower third, each award at its reveal, the roll during the awards item', async ({ browser, request, server }) => {
  const overlay = await open(browser, server.links.overlay.url)
  const state = await server.state(request)
  if (state.status === 'scheduled') expect(await server.command(request, 'conference.start', {})).toMatchObject({ ok: true })
  const speech = defined(state.agenda.items.find((i) => i.kind === 'speech' && i.presenter))
  expect(await server.command(request, 'agenda.goto', { itemId: speech.id })).toMatchObject({ ok: true })
  await expect(overlay.getByTestId('lower-third-name')).toHaveText(defined(speech.presenter))

  // One award, revealed 1.5 s after the announcement: absent until then, then there.
  const award = defined(state.awards.find((a) => !a.announcedAt && a.recipientKind === 'collective'))
  await expect(overlay.locator('body')).not.toContainText(award.recipientName)
  const announced = Date.now()
  expect(await server.command(request, 'award.announce', { awardIds: [award.id], revealInMs: 1500 })).toMatchObject({ ok: true })
  const card = overlay.locator(`[data-award-id="${award.id}"]`)
  await expect(card).toBeVisible()
  expect(Date.now() - announced).toBeGreaterThanOrEqual(1200)
  await expect(card).toContainText(award.recipientName)
  // The award takes the lower part of the picture: the speaker's band waits.
  await expect(overlay.getByTestId('lower-third')).toHaveCount(0)

  // A batch during the awards item: the roll's page, each name marked.
  const item = defined(state.agenda.items.find((i) => i.kind === 'awards'))
  expect(await server.command(request, 'agenda.goto', { itemId: item.id })).toMatchObject({ ok: true })
  const batch = state.awards.filter((a) => !a.announcedAt && a.id !== award.id && a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'collective').slice(0, 40)
  expect(batch.length).toBe(40)
  expect(await server.command(request, 'award.announce', { awardIds: batch.map((a) => a.id), revealInMs: 300 })).toMatchObject({ ok: true })
  await expect(overlay.getByTestId('overlay-roll')).toBeVisible()
  await expect(overlay.locator(`[data-testid=overlay-roll] [data-award-id="${defined(batch[0]).id}"]`)).toBeVisible()
  // Read by axe held on one page: the host pauses the roll, so no page comes in during the scan.
  expect(await server.command(request, 'award.controlRoll', { action: 'pause' })).toMatchObject({ ok: true })
  await expect(overlay.locator('[data-testid=overlay-roll] [data-state]').first()).toHaveAttribute('data-state', 'paused')
  expect(await seriousViolations(overlay)).toEqual([])
})

test('the signature as it is drawn, then as signed', async ({ browser, request, server }) => {
  const overlay = await open(browser, server.links.overlay.url)
  const state = await server.state(request)
  const signing = defined(state.agenda.items.find((i) => i.kind === 'signing'))
  expect(await server.command(request, 'agenda.goto', { itemId: signing.id })).toMatchObject({ ok: true })
  if (state.signing.status !== 'open') expect(await server.command(request, 'pledge.openSigning', {})).toMatchObject({ ok: true })
  const signer = defined(server.links.signers[0])
  const pad = await openTouchPage(browser, signer.url, TABLET)
  await readPledge(pad)

  const finger = await Finger.on(pad)
  const [loop, flourish] = [defined(SIGNATURE[0]), defined(SIGNATURE[1])]
  await finger.down(defined(loop[0]))
  await finger.move(loop.slice(1, 30), 20)
  // Mid-stroke, the pen is on the overlay.
  const ink = overlay.getByTestId('overlay-ink')
  await expect(ink).toHaveAttribute('data-drawing-bloc-id', signer.blocId)
  await expect.poll(async () => Number(await ink.getByTestId('live-ink').getAttribute('data-points'))).toBeGreaterThan(5)
  await finger.move(loop.slice(30), 20)
  await finger.up()
  await finger.draw([flourish])
  await confirmSignature(pad)

  const signed = overlay.getByTestId('overlay-signature')
  await expect(signed).toHaveAttribute('data-bloc-id', signer.blocId)
  await expect(signed.locator('svg polyline').first()).toBeVisible()
  await expect(overlay.getByTestId('overlay-ink')).toHaveCount(0)
  expect(await seriousViolations(overlay)).toEqual([])
})
