/**
 * The honours roll that fits its item: the host sees its pace against the time left before
 * announcing, then pauses, skips to the next decision and ends it from the console while a hall
 * follows the log; a second batch waits for the roll in progress instead of cutting it, and moving
 * on in the agenda never sends the roll back to its start.
 */
import { expect, test } from './fixtures.js'
import { longAnimations } from './hall-checks.js'
import { openPage, startIfScheduled } from './helpers.js'
import { defined } from '../shared/testing/defined.js'

const CONSOLE = { width: 1920, height: 1080 }
const WALL = { width: 1920, height: 1080 }

test('the host paces, pauses, skips and ends the roll; a hall follows; a second batch queues; the agenda never restarts it', async ({ browser, request, server }) => {
  const host = await openPage(browser, server.links.host.url, CONSOLE)
  await startIfScheduled(host)
  expect(await server.command(request, 'agenda.goto', { itemId: 'awards' })).toMatchObject({ ok: true })
  const site = defined(server.links.sites.find((s) => s.siteId !== 'hub'))
  const hall = await openPage(browser, server.url('/site', site.token), WALL)
  const roll = hall.getByTestId('latest-batch')

  // The 938 collectives' Bằng khen: the dialog shows the pace against the 15 minutes of the item.
  await host.getByTestId('award-type').selectOption('bang-khen-ubnd-tinh')
  await host.getByTestId('award-kind').selectOption('collective')
  await host.getByTestId('announce-filtered').click()
  const confirm = host.getByTestId('announce-confirm')
  const estimate = confirm.getByTestId('roll-estimate')
  await expect(estimate).toHaveAttribute('data-fits', 'true')
  await expect(estimate).toContainText('Vừa thời gian còn lại của mục')
  const planned = Number(await estimate.getAttribute('data-duration-ms'))
  const budget = Number(await estimate.getAttribute('data-budget-ms'))
  console.log(`938 collectives: ${await estimate.getAttribute('data-density')} at ${await estimate.getAttribute('data-hold-ms')} ms a page, ${Math.round(planned / 1000)} s against ${Math.round(budget / 1000)} s left`)
  expect(planned).toBeLessThanOrEqual(budget)
  await confirm.getByTestId('announce-confirm-ok').click()

  // The hall shows the pages the host paced (the reference hall is 1920×1080), from page 1.
  await expect(roll).toHaveAttribute('data-mode', 'roll')
  console.log(`roll box on a 1920×1080 hall: ${await roll.getAttribute('data-box')}`)
  const controls = host.getByTestId('roll-controls')
  await expect(controls).toHaveAttribute('data-phase', 'running')
  const pages = await controls.getAttribute('data-pages')
  await expect(roll).toHaveAttribute('data-pages', defined(pages))
  // The page the console says, from page 1 (a loaded machine may see the hall after a turn or two:
  // both read the server's clock, so they agree whenever they are read).
  await expect.poll(async () => {
    const [onHall, onConsole] = await Promise.all([roll.getAttribute('data-page'), controls.getAttribute('data-page')])
    return onHall === onConsole && Number(onHall) >= 1 ? 'the same page' : `hall ${onHall}, console ${onConsole}`
  }).toBe('the same page')
  // The bar over the page's hold steps with the server's second; no animation redraws the hall each frame meanwhile.
  const bar = roll.getByTestId('roll-progress')
  const barAt = () => bar.getAttribute('style')
  const firstBar = await barAt()
  await expect.poll(barAt).not.toBe(firstBar)
  expect(await longAnimations(hall)).toEqual([])

  // Pause: the hall holds its page; it does not turn however long the pause.
  await host.getByTestId('roll-pause').click()
  await expect(controls).toHaveAttribute('data-phase', 'paused')
  await expect(roll).toHaveAttribute('data-state', 'paused')
  const pausedAt = defined(await roll.getAttribute('data-page'))
  await expect(controls).toHaveAttribute('data-page', pausedAt)

  // Moving on in the agenda does not restart it: the signing item shares the screen, same place.
  expect(await server.command(request, 'agenda.goto', { itemId: 'signing' })).toMatchObject({ ok: true })
  await expect(roll).toHaveAttribute('data-state', 'paused')
  expect(Number(await roll.getAttribute('data-page'))).toBeGreaterThanOrEqual(Number(pausedAt))
  expect(await server.command(request, 'agenda.goto', { itemId: 'awards' })).toMatchObject({ ok: true })
  await expect(roll).toHaveAttribute('data-page', pausedAt)

  // Skip to the next decision while paused, then resume: the hall moves with the console.
  // (The 938 come from eight decisions: there is a next one.)
  await host.getByTestId('roll-skip').click()
  await expect.poll(async () => {
    const [onHall, onConsole] = await Promise.all([roll.getAttribute('data-page'), controls.getAttribute('data-page')])
    return onHall === onConsole && Number(onHall) > Number(pausedAt) ? 'the same page, further on' : `hall ${onHall}, console ${onConsole}, paused at ${pausedAt}`
  }).toBe('the same page, further on')
  await expect(controls).toHaveAttribute('data-phase', 'paused')
  await host.getByTestId('roll-resume').click()
  await expect(controls).toHaveAttribute('data-phase', 'running')
  await expect(roll).toHaveAttribute('data-state', 'shown')

  // A second batch while the roll runs: the host is asked, and by default it waits.
  await host.getByTestId('award-filters-clear').click()
  await host.getByTestId('award-type').selectOption('huy-hieu-ninh-thuan')
  await host.getByTestId('announce-type').click()
  await expect(confirm.getByTestId('roll-queue-note')).toContainText('đợt này sẽ lên màn hình ngay sau khi danh sách đó kết thúc')
  await confirm.getByTestId('announce-confirm-ok').click()
  await expect(controls).toHaveAttribute('data-queued', '1')
  // The roll in progress is not cut: the hall still shows it, and nothing of the new batch.
  const rollAt = defined(await roll.getAttribute('data-reveal-at'))
  await expect(roll).toHaveAttribute('data-reveal-at', rollAt)
  await expect(hall.getByTestId('latest-batch')).toHaveCount(1)

  // End: the queued batch comes on at once, from its first page.
  await host.getByTestId('roll-end').click()
  // It is drawn hidden before its instant, beside the ended one (`prepared`), then shown in its place.
  const next = hall.getByTestId('latest-batch').last()
  await expect(next).not.toHaveAttribute('data-reveal-at', rollAt)
  await expect(next).toHaveAttribute('data-state', 'shown')
  await expect(hall.getByTestId('latest-batch')).toHaveCount(1)
  await expect(roll).toHaveAttribute('data-page', '1')
  await expect(controls).toHaveAttribute('data-queued', '0')
  await expect(controls).toHaveAttribute('data-phase', 'running')

  // The closing ends the roll where it stands: the console offers no pause, skip or end after it.
  expect(await server.command(request, 'conference.end', {})).toMatchObject({ ok: true })
  await expect(controls).toHaveAttribute('data-phase', 'ended')
  await expect(controls.getByRole('button')).toHaveCount(0)
  expect(await server.command(request, 'award.controlRoll', { action: 'pause' })).toMatchObject({ ok: false, error: { reason: 'conference.ended' } })
})
