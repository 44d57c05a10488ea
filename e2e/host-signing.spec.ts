/**
 * The host's signing panel at 1366×768 and 1920×1080, through a pause, a witness before the last
 * signature and the end: every bloc and its void button can be reached, the header says what the
 * signing is doing, and after "Bế mạc" the commands that no longer apply are disabled and say why
 * (the awards' import and retract too, and the import's dry run). Real server, real Chromium.
 */
import { expect, test, type Page } from './fixtures.js'
import { openPage } from './helpers.js'
import { hostApi, loopStrokes } from './signing-helpers.js'
import { defined } from '../shared/testing/defined.js'

test.describe.configure({ mode: 'serial' })

/** Each signed bloc's void button can be scrolled to and is then wholly on screen. */
async function voidButtonsReachable(page: Page, blocIds: string[]): Promise<void> {
  for (const id of blocIds) {
    const button = page.getByTestId(`void-${id}`)
    await button.scrollIntoViewIfNeeded()
    await expect(button).toBeInViewport({ ratio: 1 })
    await expect(button).toBeEnabled()
  }
  // The list shows more than its first line: its last bloc is reachable too.
  const last = page.locator('[data-testid^="bloc-"][data-state]').last()
  await last.scrollIntoViewIfNeeded()
  await expect(last).toBeInViewport({ ratio: 1 })
}

test('signing at 1366×768: blocs reachable, paused said as paused, a witness before the last signature, the end said and enforced', async ({ browser, links, request }) => {
  const api = hostApi(request, links)
  expect((await api.command('conference.start', {})).ok).toBe(true)
  const state = await api.state()
  const signingItem = defined(state.agenda.items.find((i) => i.kind === 'signing'))
  const award = defined(state.awards[0])
  expect((await api.command('award.announce', { awardIds: [award.id], revealInMs: 0 })).ok).toBe(true)
  expect((await api.command('agenda.goto', { itemId: signingItem.id })).ok).toBe(true)
  const host = await openPage(browser, links.host.url, { width: 1366, height: 768 })
  const total = state.blocs.length
  await host.getByTestId('signing-open').click()
  await expect(host.getByTestId('signing-status')).toHaveText(`Đang mở ký · 0/${total}`)

  const sign = async (i: number) => {
    const s = defined(links.signers[i])
    const bloc = defined(state.blocs.find((b) => b.id === s.blocId))
    expect((await api.command('pledge.sign', { blocId: bloc.id, contentHash: bloc.pledge.contentHash, strokes: loopStrokes(i) }, s.token)).ok).toBe(true)
    await expect(host.getByTestId(`bloc-${bloc.id}`)).toHaveAttribute('data-signed', 'true')
    return bloc.id
  }
  const first = [await sign(0), await sign(1)]
  await expect(host.getByTestId('signing-status')).toHaveText(`Đang mở ký · 2/${total}`)
  await voidButtonsReachable(host, first)

  // Paused, not "not open": the header and the blocs that wait say so.
  await host.getByTestId('signing-close').click()
  await expect(host.getByTestId('signing-status')).toHaveText(`Đã tạm đóng ký · 2/${total}`)
  const waiting = host.locator('[data-testid^="bloc-"][data-state="waiting"]')
  await expect(waiting).toHaveCount(total - 2)
  await expect(waiting.first()).toContainText('Đã tạm đóng')

  // The chairman witnesses while eight blocs have yet to sign; they sign afterwards.
  await host.getByTestId('witness-name').fill('Trần Quốc Nam, Chủ tịch UBND tỉnh')
  await host.getByTestId('signing-witness').click()
  await expect(host.getByTestId('witnessed')).toContainText('Trần Quốc Nam')
  await host.getByTestId('signing-open').click()
  await expect(host.getByTestId('signing-status')).toHaveText(`Đang mở ký · 2/${total}`)
  const third = await sign(2)
  // What was witnessed stays; what was signed after it can still be voided.
  for (const id of first) await expect(host.getByTestId(`void-${id}`)).toHaveCount(0)
  await voidButtonsReachable(host, [third])

  const wide = await openPage(browser, links.host.url, { width: 1920, height: 1080 })
  await voidButtonsReachable(wide, [third])
  await wide.context().close()

  // "Bế mạc": the panel says so, and every command that no longer applies is disabled, saying why.
  await host.getByTestId('conference-end').click()
  await host.getByTestId('end-confirm').getByTestId('confirm-ok').click()
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'ended')
  await expect(host.getByTestId('signing-status')).toHaveText(`Đã bế mạc · 3/${total}`)
  await expect(host.getByTestId('signing-ended-why')).toContainText('Hội nghị đã bế mạc')
  await expect(waiting.first()).toContainText('Không ký')
  for (const id of ['signing-close', 'signing-open', 'signing-open-next', `void-${third}`]) {
    const button = host.getByTestId(id)
    await expect(button).toBeDisabled()
    await expect(button).toHaveAttribute('aria-describedby', 'signing-ended-why')
    await expect(button).toHaveAttribute('title', /bế mạc/)
  }
  // The log's head, shown once at the end, is noted and folded away; nothing of the panel stays under it.
  await host.getByTestId('log-head-fold').click()
  await host.getByTestId(`void-${third}`).scrollIntoViewIfNeeded()
  await expect(host.getByTestId(`void-${third}`)).toBeInViewport({ ratio: 1 })
  await expect(host.getByTestId('awards-ended-why')).toContainText('không công bố, thu hồi hay nhập thêm')
  await expect(host.getByTestId('award-import')).toBeDisabled()
  await expect(host.getByTestId('award-import')).toHaveAttribute('aria-describedby', 'awards-ended-why')
  await host.getByTestId('award-tab-announced').click()
  await expect(host.getByTestId(`award-retract-${award.id}`)).toBeDisabled()
  await expect(host.getByTestId(`award-retract-${award.id}`)).toHaveAttribute('aria-describedby', 'awards-ended-why')

  // The dry run itself no longer promises an import: it says the conference has ended.
  const type = defined(state.awardTypes.find((t) => t.recipientKind !== 'individual'))
  const csv = `Hình thức khen thưởng,Đối tượng,Tên,Đơn vị\n${type.name},Tập thể,Phòng Thử nghiệm,Sở Khoa học\n`
  const res = await request.post(`${new URL(links.host.url).origin}/api/conferences/${links.conferenceId}/awards/import?dryRun=1`, {
    headers: { authorization: `Bearer ${links.host.token}`, 'content-type': 'text/csv' }, data: csv,
  })
  expect(res.status()).toBe(409)
  expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe('conference.ended')
})
