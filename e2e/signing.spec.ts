/**
 * The signing ceremony across browsers: two bloc heads sign by touch on tablets, opened in
 * order by the host; two halls watch the ink move and the signatures land; a signature is
 * voided with a reason and signed again; the same link on a second device is told plainly.
 */
import { expect, test, type Page } from './fixtures.js'
import { openPage, startConfirmed } from './helpers.js'
import { confirmSignature, Finger, hostApi, loopStrokes, openTouchPage, readPledge, SIGNATURE, TABLET, PHONE, drawWithMouse } from './signing-helpers.js'
import { sha256Hex } from '../shared/hash.js'
import { defined } from '../shared/testing/defined.js'

const WALL = { width: 1920, height: 1080 }
const CONSOLE = { width: 1366, height: 768 }
const card = (page: Page, blocId: string) => page.locator(`[data-bloc-id="${blocId}"]`)

// The tests follow one conference through the signing, in order, on this file's server.
test.describe.configure({ mode: 'serial' })

test('two bloc heads sign by touch; the halls see the ink and both signatures; a void and a new signature', async ({ browser, request, links }) => {
  test.setTimeout(240_000)
  const api = hostApi(request, links)
  const [a, b] = [defined(links.signers[4]), defined(links.signers[5])]
  const [siteA, siteB] = links.sites.filter((s) => s.siteId !== 'hub')
  if (!siteA || !siteB) throw new Error('the demo needs two district sites')

  // The stage: this file's own conference, started; the signing item; signing not open yet, so
  // that the host opens bloc by bloc; these two blocs never signed.
  const host = await openPage(browser, links.host.url, CONSOLE)
  await startConfirmed(host)
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'live')
  expect(await api.command('agenda.goto', { itemId: 'signing' })).toMatchObject({ ok: true })
  const state = await api.state()
  expect(state.signing.status).toBe('closed')
  for (const s of [a, b]) expect(state.blocs.find((x) => x.id === s.blocId)?.signature).toBeUndefined()
  const voidsBefore = state.blocs.find((x) => x.id === a.blocId)?.voided?.length ?? 0
  expect(voidsBefore).toBe(0)

  const dashA = await openPage(browser, siteA.url, WALL)
  const dashB = await openPage(browser, siteB.url, WALL)
  const padA = await openTouchPage(browser, a.url, TABLET)
  const padB = await openTouchPage(browser, b.url, { width: 800, height: 1280 })

  // Not open (or paused): said so, and the pad looks and is locked.
  for (const pad of [padA, padB]) {
    await expect(pad.getByTestId('signing-status')).toHaveAttribute('data-phase', /^(notOpen|closed)$/)
    await expect(pad.getByTestId('pad-locked')).toBeVisible()
    await expect(pad.getByTestId('sign-submit')).toBeDisabled()
  }

  // The host opens bloc A alone; B is told it is not its turn yet.
  await host.getByTestId(`bloc-pick-${a.blocId}`).check()
  await host.getByTestId('signing-open-selected').click()
  await expect(padA.getByTestId('signing-status')).toHaveAttribute('data-phase', 'open')
  await expect(padB.getByTestId('signing-status')).toHaveAttribute('data-phase', 'notYourTurn')
  await expect(padB.getByTestId('signing-status')).toContainText('chưa đến lượt')

  // A must read the whole pledge before the pad unlocks.
  await expect(padA.getByTestId('pad-locked')).toContainText('Đọc hết nội dung')
  await readPledge(padA)
  await expect(padA.getByTestId('pad-locked')).toBeHidden()

  // A signs by touch; mid-stroke, both halls already see the pen move in A's card.
  const fingerA = await Finger.on(padA)
  await fingerA.draw([defined(SIGNATURE[0])])
  await fingerA.down(defined(defined(SIGNATURE[1])[0]))
  await fingerA.move(defined(SIGNATURE[1]).slice(1, 8), 30)
  for (const dash of [dashA, dashB]) {
    const ink = dash.locator(`[data-drawing-bloc-id="${a.blocId}"] [data-testid="live-ink"]`)
    await expect(ink).toBeVisible()
    // 56 points drawn so far. Ink batches are volatile (a busy link drops one rather than queue it:
    // the submitted signature is what counts), so a loaded machine shows fewer: more than 20 is the pen seen moving.
    await expect.poll(async () => Number(await ink.getAttribute('data-points'))).toBeGreaterThan(20)
  }
  await expect(host.getByTestId(`bloc-${a.blocId}`)).toHaveAttribute('data-state', 'drawing')
  await fingerA.move(defined(SIGNATURE[1]).slice(8), 12)
  await fingerA.up()
  await confirmSignature(padA)

  // The host opens B next; B signs on the head's behalf.
  await host.getByTestId(`bloc-pick-${b.blocId}`).check()
  await host.getByTestId('signing-open-selected').click()
  await expect(padB.getByTestId('signing-status')).toHaveAttribute('data-phase', 'open')
  await readPledge(padB)
  await padB.getByTestId('behalf-toggle').check()
  await padB.getByTestId('behalf-line').fill('KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC')
  await padB.getByTestId('behalf-name').fill('Nguyễn Thị Hồng Nhung')
  await (await Finger.on(padB)).draw()
  await confirmSignature(padB, 'Nguyễn Thị Hồng Nhung')

  // Both halls show both signatures, with who signed and for whom, and the count.
  for (const dash of [dashA, dashB]) {
    await expect(card(dash, a.blocId)).toBeVisible()
    await expect(card(dash, a.blocId).locator('polyline').first()).toBeAttached()
    await expect(card(dash, b.blocId)).toContainText('KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC')
    await expect(card(dash, b.blocId)).toContainText('Nguyễn Thị Hồng Nhung')
    await expect(dash.locator(`[data-drawing-bloc-id="${a.blocId}"]`)).toHaveCount(0)
    await expect(dash.getByTestId('signed-count')).toContainText(/\d+\/10 khối đã ký/)
  }

  // The same link open on a second device, drawing too: it will be told plainly.
  const padA2 = await openPage(browser, a.url, TABLET)
  await expect(padA2.getByTestId('sign-result')).toHaveAttribute('data-phase', 'signed')

  // The host voids A's signature: the reason is asked in the app and required.
  await host.getByTestId(`void-${a.blocId}`).click()
  await host.getByTestId('void-confirm').click()
  await expect(host.getByTestId('void-error')).toHaveText('Vui lòng nhập lý do huỷ.')
  await host.getByTestId('void-reason').fill('Ký nhầm vào giao ước khi chưa đọc lại')
  await host.getByTestId('void-confirm').click()
  await expect(host.getByTestId('void-dialog')).toBeHidden()
  for (const dash of [dashA, dashB]) await expect(card(dash, a.blocId)).toHaveCount(0)
  await expect(padA.getByTestId('signer-voided')).toContainText('Ký nhầm vào giao ước khi chưa đọc lại')
  await expect(padA.getByTestId('signing-status')).toHaveAttribute('data-phase', 'open')

  // The second device starts drawing; the first signs again and is recorded.
  await readPledge(padA2)
  await drawWithMouse(padA2, [defined(SIGNATURE[0])])
  await (await Finger.on(padA)).draw()
  await confirmSignature(padA)
  await expect(padA2.getByTestId('sign-result')).toHaveAttribute('data-phase', 'signedElsewhere')
  await expect(padA2.getByTestId('signing-status')).toContainText('thiết bị khác')
  for (const dash of [dashA, dashB]) await expect(card(dash, a.blocId)).toBeVisible()
  await expect(host.getByTestId(`bloc-${a.blocId}`)).toHaveAttribute('data-signed', 'true')
  await expect(host.getByTestId(`bloc-${a.blocId}`)).toContainText(`đã huỷ ${voidsBefore + 1} lần`)
})

test('a scribble that is only a line is refused on the page, in Vietnamese', async ({ browser, request, links }) => {
  const api = hostApi(request, links)
  // After the first test: live, two blocs signed, signing open to bloc by bloc; open it to all.
  expect(await api.command('pledge.openSigning', {})).toMatchObject({ ok: true })
  const state = await api.state()
  expect(state.status).toBe('live')
  expect(state.signing.status).toBe('open')
  const signer = links.signers.find((s) => !state.blocs.find((x) => x.id === s.blocId)?.signature)
  if (!signer) throw new Error('every bloc has signed already')
  const pad = await openTouchPage(browser, signer.url, PHONE)
  await readPledge(pad)
  await (await Finger.on(pad)).draw([[[0.2, 0.6], [0.4, 0.6], [0.6, 0.6], [0.8, 0.6]]])
  await pad.getByTestId('sign-submit').click()
  await expect(pad.getByTestId('sign-error')).toContainText('nét thẳng')
  await expect(pad.getByTestId('sign-confirm-dialog')).toBeHidden()
  // Undo takes the line away, redo brings it back.
  await pad.getByTestId('sign-undo').click()
  await expect(pad.getByTestId('sign-submit')).toBeDisabled()
  await pad.getByTestId('sign-redo').click()
  await expect(pad.getByTestId('sign-submit')).toBeEnabled()
  await pad.getByTestId('sign-clear').click()
  await expect(pad.getByTestId('sign-submit')).toBeDisabled()
})

test('the chairman witnesses the completed signing, and every hall names him', async ({ browser, request, links }) => {
  const api = hostApi(request, links)
  // After the earlier tests: live, signing open to every bloc, not witnessed; the blocs left sign over HTTP.
  const state = await api.state()
  expect(state.status).toBe('live')
  expect(state.signing).toMatchObject({ status: 'open' })
  expect(state.signing.openBlocIds).toBeUndefined()
  expect(state.signing.witnessedAt).toBeUndefined()
  for (const [i, s] of links.signers.entries()) {
    const bloc = defined(state.blocs.find((b) => b.id === s.blocId))
    if (bloc.signature) continue
    expect(await api.command('pledge.sign', { blocId: bloc.id, contentHash: await sha256Hex(bloc.pledge.text), strokes: loopStrokes(i) }, s.token)).toMatchObject({ ok: true })
  }
  const host = await openPage(browser, links.host.url, CONSOLE)
  const dash = await openPage(browser, defined(links.sites.find((s) => s.siteId !== 'hub')).url, WALL)
  await expect(host.getByTestId('signing-status')).toHaveAttribute('data-status', 'completed')
  await expect(host.getByTestId('signing-witness')).toBeDisabled()
  await host.getByTestId('witness-name').fill('Trần Quốc Nam, Chủ tịch UBND tỉnh')
  await host.getByTestId('signing-witness').click()
  await expect(host.getByTestId('witnessed')).toContainText('Trần Quốc Nam')
  await expect(dash.getByTestId('wall-witness')).toContainText('Chứng kiến: Trần Quốc Nam, Chủ tịch UBND tỉnh')
  await expect(dash.getByTestId('signed-count')).toHaveText('10/10 khối đã ký')
  await expect(dash.locator('[data-bloc-id]')).toHaveCount(10)
  await dash.screenshot({ path: '.tmp/screenshots/site-dashboard-signing-witnessed.png' })
})
