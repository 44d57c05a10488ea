/**
 * Accessibility in the lobby (e2e/a11y.ts): every page, the documents menu, and each of the host's
 * dialogs open over the console. No serious or critical violation; the counts are printed.
 */
import { expect, test } from './fixtures.js'
import { AxeReport, openDayPages } from './a11y.js'
import { defined } from '../shared/testing/defined.js'

test('no serious or critical axe violation in the lobby, on any page or dialog', async ({ browser, links }) => {
  const pages = await openDayPages(browser, links)
  const host = defined(pages['host'])
  const report = new AxeReport()
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'scheduled')
  await report.scanAll('lobby', pages)

  // The host's dialogs, each open in turn over the console: what opens it, what it is, how it closes.
  const dialogs: [string, () => Promise<void>, string][] = [
    ['schedule', () => host.getByTestId('schedule-open').click(), 'schedule-dialog'],
    ['agenda', () => host.getByTestId('agenda-edit').first().click(), 'agenda-editor-dialog'],
    ['import', () => host.getByTestId('award-import').click(), 'import-dialog'],
    ['links', async () => {
      await host.getByTestId('documents-open').click()
      await host.getByTestId('documents-links').click()
    }, 'links-dialog'],
  ]
  for (const [name, open, testId] of dialogs) {
    await open()
    const dialog = host.getByTestId(testId)
    await expect(dialog).toBeVisible()
    await report.scan('lobby', `host+${name}`, host)
    await host.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  }
  report.expectNone()
})
