/**
 * Not a check: saves what each role sees, after some awards are announced, into
 * .tmp/screenshots/*.png so that people can look at what we built.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, test, type Browser, type Page } from './fixtures.js'
import type { ConferenceState } from '../shared/domain.js'
import { openPage, startIfScheduled, type AccessLinks } from './helpers.js'
import { confirmSignature, Finger, hostApi, loopStrokes, openTouchPage, PHONE, readPledge, SIGNATURE, signOnPage, TABLET } from './signing-helpers.js'
import { sha256Hex } from '../shared/hash.js'
import { startPrivateServer } from './private-server.js'
import { defined } from '../shared/testing/defined.js'

const OUT = '.tmp/screenshots'
const WALL = { width: 1920, height: 1080 }
const LAPTOP = { width: 1280, height: 800 }
/** The hub's laptop running the console. */
const CONSOLE = { width: 1366, height: 768 }
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage })

test('screenshots of every role', async ({ browser, links }) => {
  test.setTimeout(300_000)
  mkdirSync(OUT, { recursive: true })
  const district = defined(links.sites.find((s) => s.siteId !== 'hub'))
  const other = defined(links.sites.filter((s) => s.siteId !== 'hub')[2])

  const host = await openPage(browser, links.host.url, CONSOLE)
  const dash = await openPage(browser, district.url, WALL)
  const viewer = await openPage(browser, links.viewer.url, WALL)
  await shot(dash, 'site-dashboard-before')
  await startIfScheduled(host)
  await host.getByTestId('agenda-next').click()

  // A batch of ten, then a batch of three: the latest batch is shown large.
  await host.getByTestId('award-type').selectOption({ index: 0 })
  await host.getByTestId('announce-next').click()
  await expect(host.getByTestId('toast').first()).toBeVisible()
  await host.getByTestId('award-type').selectOption('co-thi-dua')
  const rows = host.locator('[data-award-row-id] input[type=checkbox]')
  for (const i of [0, 1, 2]) await rows.nth(i).check()
  await host.getByTestId('announce-selected').click()
  // The ten are still an honours roll on the halls: the host ends it, so that the three show now.
  await host.getByTestId('announce-end-roll').click()
  await expect(host.getByTestId('toast').filter({ hasText: 'Đã công bố 3' })).toBeVisible()

  // Roll call and a problem at one site.
  await dash.getByTestId('operator-toggle').click()
  await dash.getByTestId('checkin-attendees').fill('152')
  await dash.getByTestId('checkin-submit').click()
  const otherDash = await openPage(browser, other.url, WALL)
  await otherDash.getByTestId('operator-toggle').click()
  await otherDash.getByTestId('checkin-attendees').fill('87')
  await otherDash.getByTestId('checkin-submit').click()
  await otherDash.getByTestId('issue-message').fill('Mất tiếng từ điểm cầu tỉnh')
  await otherDash.getByTestId('issue-report').click()
  await expect(host.getByTestId(`site-issue-${other.siteId}`)).toBeVisible()

  // Two blocs sign.
  if ((await host.getByTestId('signing-status').getAttribute('data-status')) === 'closed') await host.getByTestId('signing-open').click()
  for (const signer of links.signers.slice(1, 3)) {
    const pad = await openPage(browser, signer.url, LAPTOP)
    await expect(pad.getByTestId('signing-status')).toHaveAttribute('data-status', 'open')
    await signOnPage(pad)
    await expect(dash.locator(`[data-bloc-id="${signer.blocId}"]`)).toBeVisible()
  }

  // The signer's page: a tablet held sideways (before reading, then signed but not yet sent,
  // then the confirmation), a phone held upright, and a page whose bloc has signed.
  const waiting = await openTouchPage(browser, defined(links.signers[3]).url, TABLET)
  await shot(waiting, 'signer-tablet-unread')
  await readPledge(waiting)
  await (await Finger.on(waiting)).draw()
  await shot(waiting, 'signer-pad')
  await waiting.getByTestId('sign-submit').click()
  await shot(waiting, 'signer-confirm')
  await waiting.getByTestId('sign-back').click()
  await waiting.getByTestId('sign-clear').click()
  const phone = await openTouchPage(browser, defined(links.signers[4]).url, PHONE)
  await shot(phone, 'signer-phone')
  await readPledge(phone)
  await phone.getByTestId('behalf-toggle').check()
  await phone.getByTestId('behalf-line').fill('KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC')
  await phone.getByTestId('behalf-name').fill('Lê Thị Thu Hà')
  await (await Finger.on(phone)).draw()
  await shot(phone, 'signer-phone-pad')
  const signed = await openTouchPage(browser, defined(links.signers[1]).url, TABLET)
  await shot(signed, 'signer-signed')

  await dash.getByTestId('operator-close').click()
  await dash.waitForTimeout(1800) // let the reveal animation settle
  await shot(dash, 'site-dashboard')
  await dash.getByTestId('operator-toggle').click()
  await shot(dash, 'site-dashboard-operator')
  await viewer.waitForTimeout(200)
  await shot(viewer, 'viewer')
  await shot(host, 'host')
  await hostCeremony(host)
  await host.setViewportSize(WALL)
  await shot(host, 'host-wide')

  // The signing item: the signatures take the larger part of the wall.
  await host.locator('[data-kind="signing"] button').click()
  await expect(dash.getByTestId('signature-wall')).toBeVisible()
  await dash.getByTestId('operator-close').click()
  await dash.waitForTimeout(1200)
  await shot(dash, 'site-dashboard-signing')
  await signingCeremony(browser, links, host, dash, waiting, phone)
})

/**
 * The signing item at its height: a bloc head's pen moving on every hall's screen, the wall
 * full at 10/10 on 1920×1080 with the operator's button, and the host's signing panel.
 */
async function signingCeremony(browser: Browser, links: AccessLinks, host: Page, dash: Page, tablet: Page, phone: Page): Promise<void> {
  // Live ink, mid-stroke: the first stroke done, the flourish under it half drawn.
  const finger = await Finger.on(tablet)
  await finger.draw([defined(SIGNATURE[0])], 20)
  await finger.down(defined(defined(SIGNATURE[1])[0]))
  await finger.move(defined(SIGNATURE[1]).slice(1, 8), 30)
  await expect(dash.locator(`[data-drawing-bloc-id="${defined(links.signers[3]).blocId}"] [data-testid="live-ink"]`)).toBeVisible()
  await dash.waitForTimeout(300)
  await shot(dash, 'site-dashboard-live-ink')
  await host.setViewportSize(CONSOLE)
  await shot(host, 'host-signing-live')
  await finger.move(defined(SIGNATURE[1]).slice(8), 12)
  await finger.up()
  await confirmSignature(tablet)
  await confirmSignature(phone, 'Lê Thị Thu Hà')

  // Every other bloc signs (straight to the server), for the full wall.
  const api = hostApi(dash.request, links)
  const state = await api.state()
  for (const [i, s] of links.signers.entries()) {
    const bloc = defined(state.blocs.find((b) => b.id === s.blocId))
    if (!bloc.signature) expect(await api.command('pledge.sign', { blocId: bloc.id, contentHash: await sha256Hex(bloc.pledge.text), strokes: loopStrokes(i) }, s.token)).toMatchObject({ ok: true })
  }
  await expect(dash.getByTestId('signed-count')).toHaveText('10/10 khối đã ký')
  await dash.waitForTimeout(1200)
  await shot(dash, 'site-dashboard-signing-10')
  const viewer = await openPage(browser, links.viewer.url, { width: 1366, height: 768 })
  await shot(viewer, 'viewer-signing-10-1366')

  // The host's panel at 1366×768, then the void dialog (cancelled: the e2e spec voids for real).
  await expect(host.getByTestId('signing-status')).toHaveAttribute('data-status', 'completed')
  await host.getByTestId('witness-name').fill('Trần Quốc Nam, Chủ tịch UBND tỉnh')
  await shot(host, 'host-signing')
  await host.getByTestId('host-signing').screenshot({ path: `${OUT}/host-signing-panel.png` })
  await host.locator('[data-testid^="void-"]').first().click()
  await host.getByTestId('void-reason').fill('Ký nhầm người')
  await shot(host, 'host-void')
  await host.getByTestId('void-cancel').click()
}

/** The awards panel as the organiser at the hub works it: filters, a countdown, a retraction, an import. */
async function hostCeremony(host: Page): Promise<void> {
  const awards = host.locator('.a-awards')
  await host.getByTestId('award-type').selectOption('tap-the-lao-dong-xuat-sac')
  await host.getByTestId('award-site').selectOption('ninh-hai')
  await host.getByTestId('award-search').fill('truong')
  await host.getByTestId('award-countdown-5').click()
  await host.getByTestId('award-next-n').selectOption('5')
  await host.getByTestId('announce-next').click()
  await expect(host.getByTestId('reveal-countdown')).toBeVisible()
  await shot(host, 'host-countdown')
  await host.getByTestId('award-filters-clear').click()
  await host.getByTestId('award-type').selectOption('bang-khen-ubnd-tinh')
  await host.getByTestId('award-kind').selectOption('individual')
  await host.getByTestId('award-site').selectOption('bac-ai')
  await expect(host.getByTestId('reveal-countdown')).toBeHidden({ timeout: 8000 })
  await host.waitForTimeout(1500) // the sites' reveal confirmations
  await shot(host, 'host-filters')
  await awards.screenshot({ path: `${OUT}/host-awards-panel.png` })

  // A retraction: the reason is required, asked in the app.
  await host.getByTestId('award-filters-clear').click()
  await host.getByTestId('award-tab-announced').click()
  await host.locator('[data-testid^="award-retract-"]').first().click()
  await host.getByTestId('retract-confirm').click()
  await expect(host.getByTestId('retract-error')).toHaveText('Vui lòng nhập lý do thu hồi.')
  await shot(host, 'host-retract')
  await host.getByTestId('retract-reason').fill('Nhầm tên đơn vị trong quyết định')
  await host.getByTestId('retract-confirm').click()
  await expect(host.getByTestId('retract-dialog')).toBeHidden()
  await host.getByTestId('award-tab-retracted').click()
  await shot(host, 'host-retracted')
  await host.getByTestId('award-tab-pending').click()

  // An import whose rows have errors, then a good one's preview.
  await host.getByTestId('award-import').click()
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  const QD = 'Quyết định số 999/QĐ-UBND ngày 20/02/2023'
  await host.getByTestId('import-file').setInputFiles({ name: 'danh-sach-bo-sung.xlsx', mimeType: xlsx, buffer: await sheet([
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Tập thể', 'Trường Tiểu học Phước Dân', 'Phòng GD&ĐT huyện Ninh Phước', 'Huyện Ninh Phước', QD],
    ['Bằng khen UBND', 'Tập thể', 'Trường THCS Phước Hậu', 'Phòng GD&ĐT huyện Ninh Phước', 'Huyện Ninh Phước', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Tap the', 'Trạm Y tế xã Phước Thuận', 'Trung tâm Y tế huyện Ninh Phước', 'Huyện Ninh Phước', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Cá nhân', '', 'Trường THPT Phan Bội Châu', 'Huyện Ninh Phước', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Cá nhân', 'Nguyễn Thị Mai', 'Trường THPT Phan Bội Châu', 'Ninh Phuoc', QD],
  ]) })
  await expect(host.getByTestId('import-errors')).toBeVisible()
  await shot(host, 'host-import-errors')
  await host.getByTestId('import-file').setInputFiles({ name: 'danh-sach-bo-sung.xlsx', mimeType: xlsx, buffer: await sheet([
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Tập thể', 'Trường Tiểu học Phước Dân', 'Phòng GD&ĐT huyện Ninh Phước', 'Huyện Ninh Phước', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Tập thể', 'Trường THCS Phước Hậu', 'Phòng GD&ĐT huyện Ninh Phước', 'Huyện Ninh Phước', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Cá nhân', 'Nguyễn Thị Mai', 'Giáo viên Trường THPT Phan Bội Châu', 'Huyện Ninh Phước', QD],
    ['Chiến sĩ thi đua cấp tỉnh', 'Cá nhân', 'Trần Văn Hùng', 'Trưởng phòng Tài chính - Kế hoạch huyện Ninh Phước', 'Huyện Ninh Phước', QD],
  ]) })
  await expect(host.getByTestId('import-preview')).toBeVisible()
  await shot(host, 'host-import-preview')
  await host.getByTestId('import-dialog').getByRole('button', { name: 'Huỷ' }).click()
}

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Danh sách')
  ws.addRow(['Hình thức khen thưởng', 'Đối tượng', 'Tên', 'Đơn vị', 'Điểm cầu', 'Quyết định'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/**
 * The site's big screen through the awards item, as the back of a district hall sees it: one
 * award in the spotlight, a batch of a few hundred as an honours roll, then a retraction.
 */
test('screenshots of the site dashboard during the awards', async ({ browser, request, links, server }) => {
  test.setTimeout(120_000)
  mkdirSync(OUT, { recursive: true })
  const site = defined(links.sites.find((s) => s.siteId !== 'hub'))
  const auth = { authorization: `Bearer ${links.host.token}` }
  const command = async (type: string, data: unknown) => {
    const res = await request.post(`${server.base}/api/conferences/${links.conferenceId}/commands`, { headers: auth, data: { id: randomUUID(), type, data } })
    expect(await res.json()).toMatchObject({ ok: true })
  }
  const state = async () => ((await (await request.get(`${server.base}/api/conferences/${links.conferenceId}/state`, { headers: auth })).json()) as { state: ConferenceState }).state

  if ((await state()).status === 'scheduled') await command('conference.start', {})
  await command('agenda.goto', { itemId: defined((await state()).agenda.items.find((i) => i.kind === 'awards')).id })
  const dash = await openPage(browser, site.url, WALL)
  const small = await openPage(browser, site.url, { width: 1366, height: 768 })
  const pending = (await state()).awards.filter((a) => !a.announcedAt)

  // One award of this site's own, in the spotlight.
  const one = defined(pending.find((a) => a.siteId === site.siteId && a.recipientKind === 'collective'))
  await command('award.announce', { awardIds: [one.id], revealInMs: 300 })
  await expect(dash.locator(`[data-award-id="${one.id}"]`)).toBeVisible()
  await dash.waitForTimeout(1200) // the entrance ends
  await shot(dash, 'site-dashboard-spotlight')

  // A few hundred Bằng khen for the districts' collectives: the honours roll, this site's first.
  const batch = pending.filter((a) => a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'collective' && a.siteId !== 'hub').slice(0, 300)
  await command('award.announce', { awardIds: batch.map((a) => a.id), revealInMs: 300 })
  await expect(dash.locator('[data-mode="roll"]')).toBeVisible()
  await dash.waitForTimeout(1800) // the first page has come in
  await shot(dash, 'site-dashboard-roll')
  await small.waitForTimeout(200)
  await shot(small, 'site-dashboard-roll-1366')

  // A wrong one is withdrawn: struck through where it stands, said aside, counted out.
  const shownId = await dash.locator('[data-mode="roll"] [data-award-id]').nth(2).getAttribute('data-award-id')
  await command('award.retract', { awardId: shownId, reason: 'Nhầm tên đơn vị trong quyết định' })
  await expect(dash.locator(`[data-testid="retraction-notice"][data-retracted-id="${shownId}"]`)).toBeVisible()
  await dash.waitForTimeout(600)
  await shot(dash, 'site-dashboard-retraction')
  await small.close()

  // Smoothness, by requestAnimationFrame counts (printed, not asserted): the roll at rest, a
  // page turn, and every remaining award (about 2,600) revealed at once. Run with `--trace off`:
  // a trace's screencast takes frames from the page (about 36 fps instead of 60 here).
  console.log(`roll at rest: ${await frames(dash, 'rest', 5000)}`)
  console.log(`roll across a page turn: ${await frames(dash, 'turn', 30_000)}`)
  const rest = (await state()).awards.filter((a) => !a.announcedAt).map((a) => a.id)
  const counting = frames(dash, 'rest', 6000)
  await command('award.announce', { awardIds: rest, revealInMs: 300 })
  console.log(`${rest.length} awards revealed at once, first 6 s: ${await counting}`)
  await shot(dash, 'site-dashboard-roll-all')
})

/**
 * Frames drawn in the page for `ms`, or ('turn') until 1.5 s after the roll's next page turn;
 * page code as text, as the e2e type-check has no DOM library.
 */
function frames(page: Page, until: 'rest' | 'turn', ms: number): Promise<string> {
  return page.evaluate(`new Promise((done) => {
    const roll = () => document.querySelector('[data-mode="roll"]')
    const startPage = roll() && roll().dataset.page
    let n = 0, worst = 0, turnedAt = 0
    const t0 = performance.now()
    let last = t0
    const step = (now) => {
      n++
      worst = Math.max(worst, now - last)
      last = now
      if (${until === 'turn'} && !turnedAt && roll() && roll().dataset.page !== startPage) turnedAt = now
      const over = now - t0 >= ${ms} || (turnedAt && now - turnedAt >= 1500)
      if (!over) return requestAnimationFrame(step)
      const secs = (now - t0) / 1000
      done((n / secs).toFixed(1) + ' fps over ' + secs.toFixed(1) + ' s, longest frame ' + worst.toFixed(0) + ' ms, '
        + document.getElementsByTagName('*').length + ' elements in the page' + (turnedAt ? ', turned to page ' + roll().dataset.page : ''))
    }
    requestAnimationFrame(step)
  })`) as Promise<string>
}

/**
 * A hall's screen through the day, on a server of its own (the lobby needs a conference not
 * yet started, the closing screen one that has ended): the lobby with its countdown, the
 * opening, a speech with the speaker's lower third (at 1920×1080 and 1366×768), an award
 * during a speech, the operator's hidden mode, the closing screen, and the viewer on a phone.
 */
test('screenshots of a hall\'s screen through every phase', async ({ browser, request }) => {
  test.setTimeout(180_000)
  mkdirSync(OUT, { recursive: true })
  const server = await startPrivateServer()
  try {
    const site = defined(server.links.sites.find((s) => s.siteId !== 'hub'))
    const other = defined(server.links.sites.filter((s) => s.siteId !== 'hub')[1])
    const open = (url: string, viewport: { width: number; height: number }) => openPage(browser, url, viewport)
    const hall = await open(server.url('/site', site.token), WALL)
    const small = await open(server.url('/site', other.token), { width: 1366, height: 768 })
    const phone = await open(server.url('/view', server.links.viewer.token), { width: 390, height: 844 })
    // A few halls have checked in before the start.
    for (const [s, n] of [[site, 152], [other, 87]] as const) {
      const res = await request.post(`${server.base}/api/conferences/${server.links.conferenceId}/commands`, {
        headers: { authorization: `Bearer ${s.token}` }, data: { id: randomUUID(), type: 'site.checkIn', data: { attendees: n } },
      })
      expect(await res.json()).toMatchObject({ ok: true })
    }
    await expect(hall.locator('[data-testid=lobby-countdown], [data-testid=lobby-distance]')).toBeVisible()
    await hall.waitForTimeout(500)
    await shot(hall, 'lobby')
    await shot(small, 'lobby-1366')
    await shot(phone, 'viewer-phone-lobby')

    const state = await server.state(request)
    await server.command(request, 'conference.start', {})
    await expect(hall.getByTestId('item-timer')).toBeVisible()
    await hall.waitForTimeout(2200)
    await shot(hall, 'opening')

    // A speech, some minutes in (the hall shows the same screen whatever the minute).
    const speech = defined(state.agenda.items.find((i) => i.kind === 'speech'))
    await server.command(request, 'agenda.goto', { itemId: speech.id })
    await expect(hall.getByTestId('lower-third')).toBeVisible()
    await hall.waitForTimeout(1500)
    await shot(hall, 'speech')
    await small.waitForTimeout(300)
    await shot(small, 'speech-1366')

    // An award of this hall's own announced during the speech, then the operator's mode.
    const own = defined(state.awards.find((a) => a.siteId === site.siteId && a.recipientKind === 'collective'))
    await server.command(request, 'award.announce', { awardIds: [own.id], revealInMs: 300 })
    await expect(hall.locator(`[data-award-id="${own.id}"]`)).toBeVisible()
    await hall.waitForTimeout(1500)
    await shot(hall, 'speech-award')
    await hall.keyboard.press('o')
    await expect(hall.getByTestId('operator-panel')).toBeVisible()
    await hall.getByTestId('checkin-attendees').fill('-3')
    await hall.getByTestId('checkin-submit').click()
    await shot(hall, 'operator-mode')
    await hall.keyboard.press('Escape')

    // A batch during the awards item, for the phone; then the directive speech, then the end.
    const batch = state.awards.filter((a) => a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'collective' && a.id !== own.id).slice(0, 60)
    await server.command(request, 'agenda.goto', { itemId: defined(state.agenda.items.find((i) => i.kind === 'awards')).id })
    await server.command(request, 'award.announce', { awardIds: batch.map((a) => a.id), revealInMs: 300 })
    await expect(phone.locator('[data-mode="list"] [data-award-id]').first()).toBeVisible()
    await phone.waitForTimeout(500)
    await shot(phone, 'viewer-phone')
    await shot(phone, 'viewer-phone-full', true)
    await server.command(request, 'agenda.goto', { itemId: defined(state.agenda.items.find((i) => i.kind === 'directive')).id })
    await expect(hall.getByTestId('lower-third')).toBeVisible()
    await hall.waitForTimeout(1500)
    await shot(hall, 'directive')

    await server.command(request, 'conference.end', {})
    await expect(hall.getByTestId('closing-screen')).toBeVisible()
    await hall.waitForTimeout(500)
    await shot(hall, 'closing')
    await shot(small, 'closing-1366')
    await shot(phone, 'viewer-phone-closing')
  } finally {
    await server.stop()
  }
})
