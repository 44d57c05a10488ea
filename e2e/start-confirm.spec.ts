/**
 * Starting the conference asks first, on the host console: how many sites are online and how many
 * have checked in, and which are not connected; Escape (or "Chưa, quay lại") changes nothing, and
 * confirming opens it for every screen. On a server of its own: it starts its conference.
 */
import { expect, test } from './fixtures.js'
import { openPage } from './helpers.js'
import { recordSocket, type SocketLog } from './socket-log.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { defined } from '../shared/testing/defined.js'

let server: PrivateServer

test.beforeAll(async () => {
  server = await startPrivateServer()
})
test.afterAll(async () => {
  await server?.stop()
})

test('the start asks first, with the sites online and checked in; Escape cancels; confirming opens the conference', async ({ browser, request }) => {
  const total = server.links.sites.length
  const site = defined(server.links.sites[1])
  const sitePage = await openPage(browser, server.url('/site', site.token), { width: 1280, height: 800 })
  // A second site checks in without a screen open: checked in is not online.
  const other = defined(server.links.sites[2])
  const checkIn = await request.post(`${server.base}/api/conferences/${server.links.conferenceId}/commands`, {
    headers: { authorization: `Bearer ${other.token}` },
    data: { id: crypto.randomUUID(), type: 'site.checkIn', data: { attendees: 40 } },
  })
  expect(((await checkIn.json()) as { ok: boolean }).ok).toBe(true)

  let socket: SocketLog | undefined
  const host = await openPage(browser, server.url('/host', server.links.host.token), { width: 1366, height: 768 }, { onPage: (p) => (socket = recordSocket(p)) })
  const status = host.getByTestId('conference-status')
  await expect(status).toHaveAttribute('data-status', 'scheduled')
  await host.getByTestId('conference-start').click()
  const dialog = host.getByTestId('start-confirm')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(`1/${total} điểm cầu đang trực tuyến; 1/${total} điểm cầu đã điểm danh.`)
  await expect(dialog.getByTestId('confirm-left-behind')).toContainText('Chưa kết nối:')
  await expect(dialog.getByTestId('confirm-left-behind')).toContainText(other.name)
  await expect(dialog.getByTestId('confirm-left-behind')).not.toContainText(site.name)
  if (process.env['SCREENSHOTS']) await host.screenshot({ path: '.tmp/screenshots/host-start-confirm.png' })

  // Escape: nothing happens.
  await host.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(status).toHaveAttribute('data-status', 'scheduled')
  expect((await server.state(request)).status).toBe('scheduled')

  // "Not yet": nothing either.
  await host.getByTestId('conference-start').click()
  await dialog.getByTestId('confirm-cancel').click()
  await expect(dialog).toBeHidden()
  expect((await server.state(request)).status).toBe('scheduled')

  // Confirmed: live on the console and on the site's screen.
  await host.getByTestId('conference-start').click()
  await dialog.getByTestId('confirm-ok').click()
  await expect(dialog).toBeHidden()
  await expect(status).toHaveAttribute('data-status', 'live')
  expect((await server.state(request)).status).toBe('live')
  await expect(sitePage.getByTestId('hall-screen')).toHaveAttribute('data-phase', 'live')
  // The console sent the start once, when confirmed: Escape and "Chưa" sent nothing (its
  // packets are recorded in order, so the earlier ones are in by the time this one is).
  const starts = (data: unknown) => (data as { type?: string }).type === 'conference.start'
  await expect.poll(() => socket?.count('command', starts).answered).toBe(1)
  expect(socket?.count('command', starts).sent).toBe(1)
})
