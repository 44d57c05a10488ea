/**
 * Not a check: the host console and a hall at a national conference's scale, saved into
 * .tmp/screenshots/scale-*.png: 700 sites, 300 of them connected (real socket.io clients), some
 * checked in, a few with problems; the console at 1366×768 before the start, on the sixth item and
 * during the signing, and at 1920×1080; a commune's hall at 1920×1080 in the lobby, the opening and a speech.
 */
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from './fixtures.js'
import { openPage } from './helpers.js'
import { startPrivateServer, type PrivateServer } from './private-server.js'
import { seedBoard, type SeededBoard } from './scale-sites.js'
import { defined } from '../shared/testing/defined.js'

const OUT = '.tmp/screenshots'
const CONSOLE = { width: 1366, height: 768 }
const WIDE = { width: 1920, height: 1080 }
const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/scale-${name}.png` })

let server: PrivateServer
let board: SeededBoard
test.beforeAll(async () => {
  test.setTimeout(420_000)
  server = await startPrivateServer({ sites: 700 })
  board = await seedBoard(server.base, server.links.conferenceId, server.links.sites)
})
test.afterAll(async () => {
  for (const s of board?.sites ?? []) s.close()
  await server?.stop()
})

test('screenshots at 700 sites', async ({ browser, request }) => {
  test.setTimeout(300_000)
  mkdirSync(OUT, { recursive: true })
  const commune = defined(server.links.sites.find((s) => s.name === 'UBND xã Vĩnh Hải'))
  const hall = await openPage(browser, server.url('/site', commune.token), WIDE)
  await hall.waitForTimeout(800)
  await shot(hall, 'hall-1920-lobby')
  const before = await openPage(browser, server.url('/host', server.links.host.token), CONSOLE)
  await expect(before.getByTestId('board-ready')).toHaveAttribute('data-total', '700')
  await before.waitForTimeout(800)
  await shot(before, 'host-1366-before-start')
  await before.context().close()

  expect((await server.command(request, 'conference.start', {})).ok).toBe(true)
  await hall.waitForTimeout(1500)
  await shot(hall, 'hall-1920-opening')
  const items = (await server.state(request)).agenda.items
  expect((await server.command(request, 'agenda.goto', { itemId: defined(items[5]).id })).ok).toBe(true)

  const host = await openPage(browser, server.url('/host', server.links.host.token), CONSOLE)
  await expect(host.getByTestId('board-ready')).toHaveAttribute('data-total', '700')
  await host.waitForTimeout(1200)
  await shot(host, 'host-1366')
  await host.getByTestId('board-search').fill('Ninh Hải')
  await host.waitForTimeout(300)
  await shot(host, 'host-1366-search')
  await host.getByTestId('board-search').fill('')
  await host.getByTestId('board-filter-offline').click()
  await host.waitForTimeout(300)
  await shot(host, 'host-1366-offline')

  const wide = await openPage(browser, server.url('/host', server.links.host.token), WIDE)
  await wide.waitForTimeout(1200)
  await shot(wide, 'host-1920')

  await hall.waitForTimeout(500)
  await shot(hall, 'hall-1920-speech')

  const signing = defined(items.find((i) => i.kind === 'signing'))
  expect((await server.command(request, 'agenda.goto', { itemId: signing.id })).ok).toBe(true)
  await host.waitForTimeout(1200)
  await shot(host, 'host-1366-signing')
})
