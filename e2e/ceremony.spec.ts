import { expect, test } from './fixtures.js'
import { openPage, startIfScheduled } from './helpers.js'
import { defined } from '../shared/testing/defined.js'

const CONSOLE = { width: 1366, height: 768 }

test('the host announces in ceremony order within the filters, confirms big batches and retracts with a reason', async ({ browser, links }) => {
  const host = await openPage(browser, links.host.url, CONSOLE)
  await startIfScheduled(host)
  const rows = host.locator('[data-award-row-id]')
  const toast = (text: string) => host.getByTestId('toast').filter({ hasText: text })

  // "Next 10" with one recipient found announces that one, not ten of the type.
  await host.getByTestId('award-type').selectOption('chien-si-thi-dua-cap-tinh')
  const name = defined((await rows.first().locator('.name').textContent())).trim()
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd')
  await host.getByTestId('award-search').fill(plain)
  await expect(rows).toHaveCount(1)
  await expect(host.getByTestId('announce-next')).toHaveText('Công bố 1 mục tiếp')
  await host.getByTestId('announce-next').click()
  await expect(toast('Đã công bố 1 khen thưởng')).toBeVisible()
  await expect(host.locator('[data-type-id="chien-si-thi-dua-cap-tinh"] [data-col="announced"]')).toHaveText('1')

  // A whole type of 71 asks first, in the app.
  await host.getByTestId('award-filters-clear').click()
  await host.getByTestId('award-type').selectOption('huy-hieu-ninh-thuan')
  await expect(host.getByTestId('announce-type')).toContainText('(71)')
  await host.getByTestId('announce-type').click()
  const confirm = host.getByTestId('announce-confirm')
  await expect(confirm).toContainText('Công bố 71 khen thưởng')
  await confirm.getByTestId('announce-confirm-ok').click()
  await expect(toast('Đã công bố 71 khen thưởng')).toBeVisible()
  await expect(host.getByTestId('award-tab-pending')).toHaveText('Chưa công bố (0)')

  // A retraction needs its reason; it is then counted out of the announced ones and kept in the history.
  await host.getByTestId('award-tab-announced').click()
  await expect(host.getByTestId('award-tab-announced')).toHaveText('Đã công bố (71)')
  await host.locator('[data-testid^="award-retract-"]').first().click()
  const dialog = host.getByTestId('retract-dialog')
  await dialog.getByTestId('retract-confirm').click()
  await expect(dialog.getByTestId('retract-error')).toHaveText('Vui lòng nhập lý do thu hồi.')
  await dialog.getByTestId('retract-reason').fill('Trùng với quyết định năm trước')
  await dialog.getByTestId('retract-confirm').click()
  await expect(dialog).toBeHidden()
  await expect(host.getByTestId('award-tab-announced')).toHaveText('Đã công bố (70)')
  const type = host.locator('[data-type-id="huy-hieu-ninh-thuan"]')
  await expect(type.locator('[data-col="announced"]')).toHaveText('70')
  await expect(type.locator('[data-col="retracted"]')).toHaveText('1')
  await host.getByTestId('award-tab-retracted').click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Trùng với quyết định năm trước')

  // The announced list leaves as a file, by type and by site.
  for (const [format, by] of [['xlsx', 'type'], ['csv', 'site']] as const) {
    await host.getByTestId('award-exports').locator('summary').click()
    const download = host.waitForEvent('download')
    await host.getByTestId(`export-${format}-${by}`).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`))
    expect((await file.createReadStream()).readable).toBe(true)
  }
})
