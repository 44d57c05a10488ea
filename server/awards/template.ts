/** The award list template the host console offers for download: the columns and two example rows. */
import { excel } from './excel.js'
import { COLUMNS } from './columns.js'
import { writeCsv } from './csv.js'
import { styleHeader } from './sheet-style.js'

const TEMPLATE_COLUMNS = COLUMNS.filter((c) => c.key !== 'id')

export const TEMPLATE_HEADER = TEMPLATE_COLUMNS.map((c) => c.vi)

/** Examples in the demo conference's catalog, so the template imports there as it is. */
export const TEMPLATE_EXAMPLES: string[][] = [
  ['Huân chương Lao động', 'Tập thể', 'Sở Nông nghiệp và Phát triển nông thôn', 'UBND tỉnh Ninh Thuận', 'Điểm cầu tỉnh (UBND tỉnh Ninh Thuận)', 'Quyết định số 1566/QĐ-CTN ngày 28/12/2022', 'hạng Ba'],
  ['Bằng khen của Chủ tịch UBND tỉnh', 'Cá nhân', 'Nguyễn Thị Lan', 'Giáo viên Trường Tiểu học Tri Hải, huyện Ninh Hải', 'Huyện Ninh Hải', 'Quyết định số 414/QĐ-UBND ngày 10/02/2023', ''],
]

const GUIDE = [
  'Mỗi dòng là một khen thưởng. Dòng 1 là dòng tiêu đề: giữ nguyên tên cột (hoặc dùng tên tiếng Anh: award_type, recipient_kind, recipient_name, unit, site, decision, class, id). Thứ tự cột không quan trọng; cột khác bị bỏ qua.',
  '“Hình thức khen thưởng” (bắt buộc): đúng tên hoặc mã một hình thức trong danh mục của hội nghị, ví dụ “Bằng khen của Chủ tịch UBND tỉnh”.',
  '“Đối tượng” (bắt buộc): “Tập thể” hoặc “Cá nhân”; phải đúng với hình thức (Cờ thi đua chỉ trao cho tập thể, Chiến sĩ thi đua chỉ cho cá nhân).',
  '“Tên” (bắt buộc): tên tập thể, hoặc họ và tên cá nhân.',
  '“Đơn vị”: đơn vị chủ quản của tập thể, hoặc chức vụ và đơn vị công tác của cá nhân.',
  '“Điểm cầu” (không bắt buộc): tên điểm cầu nơi tập thể, cá nhân tham dự, ví dụ “Huyện Ninh Hải”.',
  '“Quyết định” (không bắt buộc): số và ngày của quyết định khen thưởng.',
  '“Hạng” (không bắt buộc): hạng của huân chương, ví dụ “hạng Ba”.',
  'Có thể thêm cột “Mã” để tự đặt mã cho từng khen thưởng (chữ không dấu, chữ số, dấu -); để trống thì hệ thống tự đánh mã.',
  'Tối đa 20.000 dòng và 10 MB mỗi tệp. Tệp CSV phải lưu ở mã UTF-8 (Excel: Lưu thành → “CSV UTF-8”). Xóa hai dòng ví dụ trước khi nhập.',
  'Nên nhập thử (xem trước) trước: mọi dòng sai được báo theo số dòng và tên cột; chỉ khi không còn dòng sai, danh sách mới được nhập, toàn bộ một lần.',
]

export function templateCsv(): Buffer {
  return writeCsv([TEMPLATE_HEADER, ...TEMPLATE_EXAMPLES])
}

export async function templateXlsx(): Promise<Buffer> {
  const workbook = new (await excel()).Workbook()
  workbook.creator = 'Điểm Cầu'
  const sheet = workbook.addWorksheet('Danh sách khen thưởng')
  sheet.addRow(TEMPLATE_HEADER)
  for (const r of TEMPLATE_EXAMPLES) sheet.addRow(r)
  styleHeader(sheet, [TEMPLATE_HEADER, ...TEMPLATE_EXAMPLES])
  const kindCol = TEMPLATE_COLUMNS.findIndex((c) => c.key === 'kind') + 1
  for (let row = 2; row <= 2001; row++) {
    sheet.getCell(row, kindCol).dataValidation = {
      type: 'list', allowBlank: true, formulae: ['"Tập thể,Cá nhân"'],
      showErrorMessage: true, errorTitle: 'Đối tượng', error: 'Chọn “Tập thể” hoặc “Cá nhân”',
    }
  }
  const guide = workbook.addWorksheet('Hướng dẫn')
  guide.getColumn(1).width = 120
  guide.addRow(['Hướng dẫn điền danh sách khen thưởng']).font = { bold: true, size: 13 }
  for (const line of GUIDE) guide.addRow([line]).alignment = { wrapText: true, vertical: 'top' }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
