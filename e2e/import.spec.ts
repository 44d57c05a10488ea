import ExcelJS from 'exceljs'
import { expect, test, type Page } from './fixtures.js'
import { firstSnapshot, openPage } from './helpers.js'

const CONSOLE = { width: 1366, height: 768 }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const HEADERS = ['Hình thức khen thưởng', 'Đối tượng', 'Tên', 'Đơn vị', 'Điểm cầu', 'Quyết định']

/** A real .xlsx, as an organiser's spreadsheet would be: the header in row 1. */
async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Danh sách')
  ws.addRow(HEADERS)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function upload(host: Page, name: string, buffer: Buffer) {
  await host.getByTestId('import-file').setInputFiles({ name, mimeType: XLSX, buffer })
}

test('an award list uploaded on the host console: row errors first, then its preview, then the import', async ({ browser, links }) => {
  const host = await openPage(browser, links.host.url, CONSOLE)
  await firstSnapshot(host)
  const QD = 'Quyết định số 999/QĐ-UBND ngày 20/02/2023'

  await host.getByTestId('award-import').click()
  const dialog = host.getByTestId('import-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('import-template')).toHaveAttribute('href', '/api/awards/template.xlsx')

  // Rows 3 to 6 are wrong, each in its own way; nothing is imported.
  await upload(host, 'danh-sach-loi.xlsx', await workbook([
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Tập thể', 'Trường Tiểu học Đúng Mẫu', 'Phòng GD&ĐT huyện Ninh Hải', 'Huyện Ninh Hải', QD],
    ['Huân chương Không Có Thật', 'Tập thể', 'Trường THCS Sai Loại', 'Phòng GD&ĐT huyện Ninh Hải', 'Huyện Ninh Hải', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Nhóm', 'Trường THCS Sai Đối Tượng', 'Phòng GD&ĐT huyện Ninh Hải', 'Huyện Ninh Hải', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Cá nhân', '', 'Trường THPT Chu Văn An', 'Huyện Ninh Hải', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Cá nhân', 'Lê Văn Lạc Chỗ', 'Trường THPT Chu Văn An', 'Huyện Không Tồn Tại', QD],
  ]))
  const errors = dialog.getByTestId('import-errors')
  await expect(errors).toBeVisible()
  await expect(errors).toContainText('Dòng')
  await expect(errors).toContainText('Cột')
  await expect(errors.getByRole('alert')).toContainText('Chưa nhập khen thưởng nào')
  const errorRows = errors.getByTestId('import-error-row')
  const rowsWithErrors = await errorRows.evaluateAll((trs) => [...new Set(trs.map((tr) => Number(tr.getAttribute('data-row'))))])
  expect(rowsWithErrors).toEqual([3, 4, 5, 6])
  await expect(errors.locator('[data-row="3"]').first()).toContainText('Huân chương Không Có Thật')
  await expect(errors.locator('[data-row="6"]').first()).toContainText('Huyện Không Tồn Tại')
  await expect(dialog.getByTestId('import-commit')).toHaveCount(0)

  // The corrected list: its preview, then the import.
  await upload(host, 'danh-sach-dung.xlsx', await workbook([
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Tập thể', 'Trường Tiểu học Thử Nghiệm Nhập Một', 'Phòng GD&ĐT huyện Ninh Hải', 'Huyện Ninh Hải', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Tập thể', 'Trường THCS Thử Nghiệm Nhập Hai', 'Phòng GD&ĐT huyện Thuận Nam', 'Huyện Thuận Nam', QD],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'Cá nhân', 'Đặng Thị Thử Nghiệm Nhập', 'Giáo viên Trường THPT Chu Văn An', 'Huyện Ninh Hải', QD],
  ]))
  const preview = dialog.getByTestId('import-preview')
  await expect(preview).toBeVisible()
  await expect(errors).toHaveCount(0)
  await expect(preview).toContainText('3 khen thưởng')
  await expect(preview.getByTestId('import-preview-type')).toContainText(['Bằng khen của Chủ tịch UBND tỉnh'])
  await expect(preview.getByTestId('import-sample-row').first()).toContainText('Thử Nghiệm Nhập')
  const commit = dialog.getByTestId('import-commit')
  await expect(commit).toHaveText('Nhập 3 khen thưởng')
  await commit.click()
  await expect(dialog).toBeHidden()
  await expect(host.getByTestId('toast').filter({ hasText: 'Đã nhập 3 khen thưởng' })).toBeVisible()

  // The new awards are in the list; the search needs no diacritics.
  await host.getByTestId('award-search').fill('thu nghiem nhap')
  await host.getByTestId('award-tab-pending').click()
  await expect(host.locator('[data-award-row-id]')).toHaveCount(3)
  await expect(host.getByTestId('award-list')).toContainText('Đặng Thị Thử Nghiệm Nhập')
  await host.getByTestId('award-decision').selectOption(QD)
  await host.getByTestId('award-search').fill('')
  await expect(host.locator('[data-award-row-id]')).toHaveCount(3)
  await expect(host.getByTestId('announce-filtered')).toHaveText('Công bố 3 mục đang lọc')
})
