/**
 * The public link on a 390×844 phone, against the real server: under 250 award cards the signing
 * is one tap away from the top (tabs that stay there), with the signatures drawn, the behalf line,
 * the live ink while a bloc head draws and the witness; the programme has its planned times; the
 * closing card has the day's figures.
 */
import { randomUUID } from 'node:crypto'
import { expect, test, type APIRequestContext } from './fixtures.js'
import { confirmSignature, Finger, openTouchPage, readPledge, SIGNATURE, TABLET, loopStrokes } from './signing-helpers.js'
import { seriousViolations } from './hall-checks.js'
import type { PrivateServer } from './private-server.js'
import { sha256Hex } from '../shared/hash.js'
import { defined } from '../shared/testing/defined.js'

const PHONE = { width: 390, height: 844 }

async function signByApi(request: APIRequestContext, server: PrivateServer, index: number, extra: Record<string, string> = {}): Promise<void> {
  const signer = defined(server.links.signers[index])
  const bloc = defined((await server.state(request)).blocs.find((b) => b.id === signer.blocId))
  const data = { blocId: bloc.id, contentHash: await sha256Hex(bloc.pledge.text), strokes: loopStrokes(index), ...extra }
  const res = await request.post(`${server.base}/api/conferences/${server.links.conferenceId}/commands`, {
    headers: { authorization: `Bearer ${signer.token}` }, data: { id: randomUUID(), type: 'pledge.sign', data },
  })
  expect(await res.json()).toMatchObject({ ok: true })
}

test('on a phone, the signing is one tap from the top, with what the halls show of it', async ({ browser, request, server }) => {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale: 'vi-VN' })
  const phone = await context.newPage()
  await phone.goto(server.links.viewer.url)
  await expect(phone.getByTestId('connection')).toHaveAttribute('data-state', 'live')
  await expect(phone.getByTestId('viewer-phone')).toBeVisible()

  const state = await server.state(request)
  if (state.status === 'scheduled') expect(await server.command(request, 'conference.start', {})).toMatchObject({ ok: true })
  // Every item of the programme with a time, planned or as it ran.
  const times = phone.getByTestId('phone-item-time')
  await expect(times).toHaveCount(state.agenda.items.length)
  for (const t of await times.allInnerTexts()) expect(t).toMatch(/^\d{2}:\d{2}$/)

  // 250 awards announced: the list is long.
  const awardsItem = defined(state.agenda.items.find((i) => i.kind === 'awards'))
  expect(await server.command(request, 'agenda.goto', { itemId: awardsItem.id })).toMatchObject({ ok: true })
  const batch = state.awards.filter((a) => !a.announcedAt && a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'collective').slice(0, 250)
  expect(await server.command(request, 'award.announce', { awardIds: batch.map((a) => a.id), revealInMs: 300 })).toMatchObject({ ok: true })
  await expect(phone.locator('[data-mode="list"] [data-award-id]')).toHaveCount(200)

  // The signing: two blocs signed, the second by a deputy.
  const signingItem = defined(state.agenda.items.find((i) => i.kind === 'signing'))
  expect(await server.command(request, 'agenda.goto', { itemId: signingItem.id })).toMatchObject({ ok: true })
  expect(await server.command(request, 'pledge.openSigning', {})).toMatchObject({ ok: true })
  await signByApi(request, server, 1)
  await signByApi(request, server, 2, { signerName: 'Trần Văn Phó', behalf: 'KT. GIÁM ĐỐC' })

  // From the top, one tap.
  await phone.evaluate('window.scrollTo(0, 0)')
  await phone.getByTestId('tab-phone-signing').tap()
  const section = phone.getByTestId('phone-signing')
  await expect.poll(async () => defined(await section.boundingBox()).y).toBeLessThan(PHONE.height / 3)
  await expect(phone.getByTestId('phone-tabs')).toBeInViewport()
  // Every tab whole on the phone's width, none of its words cut.
  for (const tab of await phone.getByTestId('phone-tabs').getByRole('button').all()) {
    const box = defined(await tab.boundingBox())
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)
    expect(await tab.evaluate((el: { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number }) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(true)
  }
  await expect(section.getByTestId('signed-count')).toHaveText('2/10 khối đã ký')
  const deputy = section.locator(`[data-bloc-id="${defined(server.links.signers[2]).blocId}"]`)
  await expect(deputy.getByTestId('phone-behalf')).toHaveText('KT. GIÁM ĐỐC')
  await expect(deputy).toContainText('Trần Văn Phó')
  await expect(deputy.locator('svg polyline').first()).toBeVisible()
  expect(await seriousViolations(phone)).toEqual([])

  // A bloc head draws on the tablet: the phone shows the ink as it comes.
  const signer = defined(server.links.signers[0])
  const pad = await openTouchPage(browser, signer.url, TABLET)
  await readPledge(pad)
  const finger = await Finger.on(pad)
  const loop = defined(SIGNATURE[0])
  await finger.down(defined(loop[0]))
  await finger.move(loop.slice(1, 30), 20)
  const drawing = section.locator(`[data-drawing-bloc-id="${signer.blocId}"] [data-testid=live-ink]`)
  await expect.poll(async () => Number(await drawing.getAttribute('data-points'))).toBeGreaterThan(5)
  await finger.move(loop.slice(30), 20)
  await finger.up()
  await finger.draw([defined(SIGNATURE[1])])
  await confirmSignature(pad)
  await expect(section.locator(`[data-bloc-id="${signer.blocId}"] svg polyline`).first()).toBeVisible()

  // The rest sign, the chairman witnesses: the phone says who.
  for (const i of [3, 4, 5, 6, 7, 8, 9]) await signByApi(request, server, i)
  expect(await server.command(request, 'pledge.witness', { witnessName: 'Trần Quốc Nam' })).toMatchObject({ ok: true })
  await expect(section.getByTestId('phone-witness')).toContainText('Trần Quốc Nam')

  // The close: the day's figures on the phone.
  expect(await server.command(request, 'conference.end', {})).toMatchObject({ ok: true })
  const closing = phone.getByTestId('phone-closing')
  await phone.getByTestId('tab-phone-now').tap()
  await expect(closing).toBeInViewport()
  await expect(closing.getByTestId('closing-awards')).toHaveAttribute('data-count', '250')
  await expect(closing.getByTestId('closing-blocs')).toContainText('10/10')
  await expect(closing.getByTestId('closing-sites')).toContainText('/8')
  expect(await seriousViolations(phone)).toEqual([])
})
