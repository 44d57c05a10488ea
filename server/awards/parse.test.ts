import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { tinySetup } from '../../shared/testing/tiny-conference.js'
import { writeCsv } from './csv.js'
import { unpackedSize } from './xlsx.js'
import { MAX_IMPORT_ROWS, parseAwardList, type Catalog } from './parse.js'
import { defined } from '../../shared/testing/defined.js'

const setup = tinySetup()
/** A conference holding awards with these ids (each for someone no file here names). */
const catalog = (existingIds: string[] = []): Catalog => ({
  awardTypes: setup.awardTypes, sites: setup.sites, existing: existingIds.map((id) => ({ id, typeId: 'bk', recipientKind: 'individual', recipientName: `Người đã có ${id}` })),
})
const bytes = (text: string) => new TextEncoder().encode(text)
const parse = (text: string, existing: string[] = []) => parseAwardList(bytes(text), { mediaType: 'text/csv' }, catalog(existing))

const HEADER = 'Hình thức khen thưởng,Đối tượng,Tên,Đơn vị,Điểm cầu,Quyết định,Hạng'
const GOOD = [
  HEADER,
  'Bằng khen,Tập thể,Phòng Giáo dục và Đào tạo,UBND huyện Ninh Hải,Huyện Ninh Hải,Quyết định số 412/QĐ-UBND ngày 10/02/2023,',
  'Chiến sĩ thi đua,Cá nhân,Nguyễn Thị Lan,"Giáo viên Trường Tiểu học Tri Hải, huyện Ninh Hải",Huyện Ninh Phước,,',
  '',
  'bk,cá nhân,  Trần   Văn Bình ,Chuyên viên Sở Nội vụ,hub,,hạng Ba',
].join('\r\n')

const GOOD_AWARDS = [
  { id: 'bk-0001', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Giáo dục và Đào tạo', unit: 'UBND huyện Ninh Hải', siteId: 'd1', decision: 'Quyết định số 412/QĐ-UBND ngày 10/02/2023' },
  { id: 'cs-0001', typeId: 'cs', recipientKind: 'individual', recipientName: 'Nguyễn Thị Lan', unit: 'Giáo viên Trường Tiểu học Tri Hải, huyện Ninh Hải', siteId: 'd2' },
  { id: 'bk-0002', typeId: 'bk', recipientKind: 'individual', recipientName: 'Trần Văn Bình', unit: 'Chuyên viên Sở Nội vụ', siteId: 'hub', awardClass: 'hạng Ba' },
]

describe('parseAwardList: CSV', () => {
  it('reads a good list: names and ids of the catalog, text cleaned, empty rows skipped', async () => {
    expect(await parse(GOOD)).toEqual({ awards: GOOD_AWARDS, errors: [], listed: [], rows: 3 })
  })

  it('gives the same awards for NFD text, a BOM, semicolons and English headers', async () => {
    expect((await parse(GOOD.normalize('NFD'))).awards).toEqual(GOOD_AWARDS)
    expect((await parse('\uFEFF' + GOOD)).awards).toEqual(GOOD_AWARDS)
    const semicolons = GOOD.split('\r\n').map((l) => l.replace(/"([^"]*)"|,/g, (m, q: string | undefined) => (q !== undefined ? `"${q}"` : ';'))).join('\n')
    expect(semicolons).toContain(';Tập thể;')
    expect((await parse(semicolons)).awards).toEqual(GOOD_AWARDS)
    const english = GOOD.replace(HEADER, 'award_type,recipient_kind,recipient_name,unit,site,decision,class')
    expect((await parse(english)).awards).toEqual(GOOD_AWARDS)
    const shouting = GOOD.replace(HEADER, 'HINH THUC KHEN THUONG,Doi tuong,TÊN,đơn  vị,Điểm Cầu,quyết định,Hang')
    expect((await parse(shouting)).awards).toEqual(GOOD_AWARDS)
  })

  it('keeps quoted separators, quotes and line breaks inside a field', async () => {
    const r = await parse(`${HEADER}\nBằng khen,Tập thể,"Đội ""Sao Đỏ"", khu phố 3","Phường Mỹ Hải;\nthành phố",,,\n`)
    expect(r.errors).toEqual([])
    expect(r.awards[0]).toMatchObject({ recipientName: 'Đội "Sao Đỏ", khu phố 3', unit: 'Phường Mỹ Hải; thành phố' })
  })

  it('continues ids after the highest of each type, and keeps ids given in a Mã column', async () => {
    const r = await parse(`Mã,${HEADER}\n,Bằng khen,Tập thể,A,,,,\nbk-0042,Bằng khen,Tập thể,B,,,,\n,Bằng khen,Cá nhân,C,,,,\n`, ['bk-0007', 'a1'])
    expect(r.errors).toEqual([])
    expect(r.awards.map((a) => a.id)).toEqual(['bk-0043', 'bk-0042', 'bk-0044'])
  })

  it('infers the kind when the type has only one', async () => {
    const r = await parse(`${HEADER}\nChiến sĩ thi đua,,Lê Văn C,,,,\n`)
    expect(r.awards[0]).toMatchObject({ recipientKind: 'individual' })
  })

  it('reports every bad row with its row, its column as written, and what is wrong', async () => {
    const csv = [
      'Hình thức khen thưởng,Đối tượng,Tên,Đơn vị,Điểm cầu,Mã',
      'Bằng khen,Tap the,Phòng A,,,',
      'Bang khen cua tinh,Tập thể,Phòng B,,,',
      'Chiến sĩ thi đua,Tập thể,Phòng C,,,',
      'Bằng khen,Cá nhân,,,,',
      'Bằng khen,Cá nhân,Nguyễn Văn D,,Huyện Thuận Bắc,',
      'Bằng khen,Cá nhân,Nguyễn Văn E,,,x1',
      'Bằng khen,Cá nhân,Nguyễn Văn F,,,x1',
      'Bằng khen,Cá nhân,Nguyễn Văn G,,,a1',
      'Bằng khen,Cá nhân,Nguyễn Văn H,,,mã có dấu',
      ',Cá nhân,Nguyễn Văn I,,,',
      'Bằng khen,,Phòng J,,,',
      `Bằng khen,Tập thể,${'X'.repeat(301)},,,`,
      'Bang khen,Tập thể,Phòng K,,,',
    ].join('\n')
    const r = await parse(csv, ['a1'])
    expect(r.awards).toEqual([])
    expect(r.rows).toBe(13)
    expect(r.errors).toEqual([
      { row: 2, column: 'Đối tượng', message: '“Tap the” không phải “Tập thể” hoặc “Cá nhân”' },
      { row: 3, column: 'Hình thức khen thưởng', message: 'không có hình thức khen thưởng “Bang khen cua tinh” trong danh mục của hội nghị' },
      { row: 4, column: 'Đối tượng', message: '“Chiến sĩ thi đua” chỉ trao cho cá nhân, không trao cho tập thể' },
      { row: 5, column: 'Tên', message: 'thiếu tên người/tập thể được khen' },
      { row: 6, column: 'Điểm cầu', message: 'không có điểm cầu “Huyện Thuận Bắc” trong hội nghị; các điểm cầu: Điểm cầu tỉnh, Huyện Ninh Hải, Huyện Ninh Phước' },
      { row: 8, column: 'Mã', message: 'mã “x1” trùng với dòng 7' },
      { row: 9, column: 'Mã', message: 'mã “a1” đã có trong danh sách khen thưởng của hội nghị, cho một khen thưởng khác với dòng này' },
      { row: 10, column: 'Mã', message: 'mã “mã có dấu” chỉ được gồm chữ cái không dấu, chữ số và các dấu _ . : -' },
      { row: 11, column: 'Hình thức khen thưởng', message: 'thiếu hình thức khen thưởng' },
      { row: 12, column: 'Đối tượng', message: 'thiếu đối tượng: ghi “Tập thể” hoặc “Cá nhân”' },
      { row: 13, column: 'Tên', message: 'dài 301 ký tự, quá giới hạn 300 ký tự' },
      { row: 14, column: 'Hình thức khen thưởng', message: 'không có hình thức khen thưởng “Bang khen” trong danh mục của hội nghị (có phải “Bằng khen”?)' },
    ])
  })

  it('names the column as the file writes it, English or Vietnamese', async () => {
    const r = await parse('award_type,recipient_kind,recipient_name,unit\nbk,team,Phòng A,\n')
    expect(r.errors).toEqual([{ row: 2, column: 'recipient_kind', message: '“team” không phải “Tập thể” hoặc “Cá nhân”' }])
  })

  it('accepts a site by its name without the administrative word', async () => {
    const r = await parse(`${HEADER}\nBằng khen,Tập thể,Phòng A,,Ninh Hải,,\n`)
    expect(r.awards[0]).toMatchObject({ siteId: 'd1' })
  })
})

describe('parseAwardList: the file as a whole', () => {
  const fileError = async (b: Uint8Array, source = {}) => (await parseAwardList(b, source, catalog())).fileError

  it('says which required column is missing', async () => {
    expect(await fileError(bytes('Hình thức khen thưởng,Tên,Đơn vị\nBằng khen,A,B\n'))).toEqual({
      problem: 'columns',
      message: 'thiếu cột “Đối tượng” (recipient_kind) ở dòng tiêu đề (dòng 1); các cột bắt buộc: “Hình thức khen thưởng”, “Đối tượng”, “Tên”, “Đơn vị”',
    })
  })

  it('says when the header is not on row 1, and when a column is named twice', async () => {
    expect((await fileError(bytes(`DANH SÁCH KHEN THƯỞNG\n\n${HEADER}\nBằng khen,Tập thể,A,,,,\n`)))?.message).toBe(
      'dòng tiêu đề phải là dòng 1, nhưng tiêu đề đang ở dòng 3: hãy xóa 2 dòng phía trên',
    )
    expect((await fileError(bytes(`${HEADER},recipient_name\n`)))?.message).toBe('cột “recipient_name” (cột H) trùng nghĩa với cột “Tên” (cột C): hãy giữ một cột')
  })

  it('refuses an empty file, a header alone, a non-UTF-8 CSV, a binary file, an old .xls and a broken .xlsx', async () => {
    expect((await fileError(new Uint8Array()))?.problem).toBe('empty')
    expect((await fileError(bytes('\n \n')))?.problem).toBe('empty')
    expect((await fileError(bytes(`${HEADER}\n`)))?.message).toBe('tệp chỉ có dòng tiêu đề, chưa có dòng khen thưởng nào')
    const latin = new Uint8Array([...bytes('Hình thức'), 0xe0, 0x0a])
    expect((await fileError(latin))?.message).toContain('không ở mã UTF-8')
    expect((await fileError(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3])))?.message).toContain('không phải CSV hay XLSX')
    expect((await fileError(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])))?.message).toContain('.xls (Excel 97–2003)')
    expect((await fileError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9])))?.message).toContain('không đọc được tệp XLSX')
    expect((await fileError(bytes(GOOD), { filename: 'list.xlsx' }))?.message).toContain('không phải bảng tính Excel hợp lệ')
  })

  it('does not take a prototype name for a kind, and keeps nothing of a file of empty lines', async () => {
    expect((await parse(`${HEADER}\nBằng khen,constructor,Phòng A,,,,\n`)).errors).toEqual([
      { row: 2, column: 'Đối tượng', message: '“constructor” không phải “Tập thể” hoặc “Cá nhân”' },
    ])
    expect(await fileError(bytes('\n'.repeat(1_000_000)))).toMatchObject({ problem: 'empty' })
  })

  it('refuses more than 20000 rows and more than 10 MB', async () => {
    const many = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Bằng khen,Tập thể,Phòng ${i},,,,`)].join('\n')
    expect((await fileError(bytes(many)))).toMatchObject({ problem: 'too_many_rows' })
    expect((await fileError(new Uint8Array(10 * 1024 * 1024 + 1)))).toMatchObject({ problem: 'too_large' })
  })
})

describe('parseAwardList: XLSX', () => {
  async function workbook(rows: unknown[][], more?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Danh sách')
    for (const r of rows) ws.addRow(r)
    more?.(ws)
    wb.addWorksheet('Khác').addRow(['not read'])
    return new Uint8Array(await wb.xlsx.writeBuffer())
  }

  it('reads the first worksheet of a real .xlsx like the same list in CSV', async () => {
    const rows = GOOD.split('\r\n').map((l) => (l ? defined(l.match(/("[^"]*"|[^,]*)(,|$)/g)).slice(0, 7).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')) : []))
    const file = await workbook(rows)
    const r = await parseAwardList(file, { filename: 'danh-sach.xlsx' }, catalog())
    expect(r).toEqual({ awards: GOOD_AWARDS, errors: [], listed: [], rows: 3 })
  })

  it('reads rich text, formulas and numbers as text, and counts rows as Excel does', async () => {
    const file = await workbook([
      ['Hình thức khen thưởng', 'Đối tượng', 'Tên', 'Đơn vị', 'Quyết định'],
      [{ richText: [{ text: 'Bằng ', font: { bold: true } }, { text: 'khen' }] }, 'Tập thể', { formula: '"Phòng "&"A"', result: 'Phòng A' }, 'UBND', 412],
      [],
      ['Bằng khen', 'Tap the', 'Phòng B', '', ''],
    ])
    const r = await parseAwardList(file, {}, catalog())
    expect(r.errors).toEqual([{ row: 4, column: 'Đối tượng', message: '“Tap the” không phải “Tập thể” hoặc “Cá nhân”' }])
    const ok = await parseAwardList(await workbook([
      ['Hình thức khen thưởng', 'Đối tượng', 'Tên', 'Đơn vị', 'Quyết định'],
      [{ richText: [{ text: 'Bằng ' }, { text: 'khen' }] }, 'Tập thể', { formula: '"Phòng "&"A"', result: 'Phòng A' }, 'UBND', 412],
    ]), {}, catalog())
    expect(ok.awards).toEqual([{ id: 'bk-0001', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng A', unit: 'UBND', decision: '412' }])
  })

  it('refuses an .xlsx that would unpack to more than 100 MB, before unpacking it', async () => {
    const file = await workbook([HEADER.split(','), ['Bằng khen', 'Tập thể', 'Phòng A', '', '', '', '']])
    expect(unpackedSize(file)).toBeGreaterThan(1000)
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
    const directory = view.getUint32(file.length - 22 + 16, true)
    view.setUint32(directory + 24, 0xf0000000, true)
    expect((await parseAwardList(file, {}, catalog())).fileError).toMatchObject({ problem: 'too_large', message: expect.stringContaining('giải nén ra hơn 100 MB') })
  })

  it('gives NFD cells the same awards as NFC ones', async () => {
    const rows = [HEADER.split(','), ['Bằng khen', 'Cá nhân', 'Nguyễn Thị Hoài Thương', 'Trường Tiểu học Phước Hậu', 'Huyện Ninh Phước', '', 'hạng Nhì']]
    const nfc = await parseAwardList(await workbook(rows), {}, catalog())
    const nfd = await parseAwardList(await workbook(rows.map((r) => r.map((c) => c.normalize('NFD')))), {}, catalog())
    expect(nfc.errors).toEqual([])
    expect(nfd).toEqual(nfc)
    expect(JSON.stringify(nfd.awards)).toBe(JSON.stringify(nfd.awards).normalize('NFC'))
  })
})

describe('parseAwardList: 5,000 rows', () => {
  it('parses a 5,000-row list (CSV and XLSX) and logs the time', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [i % 3 ? 'Bằng khen' : 'Chiến sĩ thi đua', 'Cá nhân', `Nguyễn Văn Người ${i}`, `Chuyên viên Phòng ${i % 40}, Sở Nội vụ tỉnh Ninh Thuận`, i % 2 ? 'Huyện Ninh Hải' : 'Điểm cầu tỉnh', `Quyết định số ${400 + (i % 9)}/QĐ-UBND ngày 10/02/2023`, ''])
    const csv = writeCsv([HEADER.split(','), ...rows])
    let t = performance.now()
    const fromCsv = await parseAwardList(csv, {}, catalog())
    const csvMs = performance.now() - t
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Danh sách')
    ws.addRow(HEADER.split(','))
    for (const r of rows) ws.addRow(r)
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer())
    t = performance.now()
    const fromXlsx = await parseAwardList(xlsx, {}, catalog())
    const xlsxMs = performance.now() - t
    console.log(`5,000 rows: CSV (${(csv.length / 1024).toFixed(0)} KB) parsed in ${csvMs.toFixed(0)} ms, XLSX (${(xlsx.length / 1024).toFixed(0)} KB) in ${xlsxMs.toFixed(0)} ms`)
    expect(fromCsv.errors).toEqual([])
    expect(fromCsv.awards).toHaveLength(5000)
    expect(fromXlsx).toEqual(fromCsv)
  })
})
