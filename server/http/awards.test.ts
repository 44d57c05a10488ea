import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Award, ConferenceState } from '../../shared/domain.js'
import { parseAwardList } from '../awards/parse.js'
import { demoSetup } from '../seed/demo.js'
import { startServer, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running
afterEach(async () => server?.stop())

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const base = () => `${server.url}/api/conferences/test-conf`

async function upload(body: string | Uint8Array | FormData, opts: { token?: string; type?: string; dryRun?: boolean } = {}) {
  const headers: Record<string, string> = {}
  if (opts.token !== undefined) headers['authorization'] = `Bearer ${opts.token}`
  if (opts.type) headers['content-type'] = opts.type
  const res = await fetch(`${base()}/awards/import${opts.dryRun ? '?dryRun=1' : ''}`, { method: 'POST', headers, body })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

async function state(token = server.links.host.token): Promise<{ seq: number; state: ConferenceState }> {
  const res = await fetch(`${base()}/state`, { headers: { authorization: `Bearer ${token}` } })
  return (await res.json()) as { seq: number; state: ConferenceState }
}

async function command(type: string, data: unknown) {
  const res = await fetch(`${base()}/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.links.host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: crypto.randomUUID(), type, data }),
  })
  expect(((await res.json()) as { ok: boolean }).ok, type).toBe(true)
}

const GOOD = [
  'Hình thức khen thưởng,Đối tượng,Tên,Đơn vị,Điểm cầu,Quyết định',
  'Bằng khen,Tập thể,Trường Tiểu học Tri Hải,Phòng Giáo dục và Đào tạo huyện Ninh Hải,Huyện Ninh Hải,Quyết định số 414/QĐ-UBND ngày 10/02/2023',
  'Chiến sĩ thi đua,Cá nhân,Nguyễn Thị Lan,Giáo viên,Huyện Ninh Phước,',
  'Bằng khen,Cá nhân,Trần Văn Bình,Chuyên viên Sở Nội vụ,,',
].join('\n')

describe('POST /api/conferences/:id/awards/import', () => {
  it('previews a good list on a dry run and appends nothing', async () => {
    server = await startServer()
    const r = await upload(GOOD, { token: server.links.host.token, type: 'text/csv', dryRun: true })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ ok: true, dryRun: true, imported: 0, errors: [] })
    expect(r.body['preview']).toEqual({
      total: 3,
      byType: [
        { typeId: 'bk', name: 'Bằng khen', collective: 1, individual: 1 },
        { typeId: 'cs', name: 'Chiến sĩ thi đua', collective: 0, individual: 1 },
      ],
      sample: [
        { id: 'bk-0001', typeId: 'bk', recipientKind: 'collective', recipientName: 'Trường Tiểu học Tri Hải', unit: 'Phòng Giáo dục và Đào tạo huyện Ninh Hải', siteId: 'd1', decision: 'Quyết định số 414/QĐ-UBND ngày 10/02/2023' },
        { id: 'cs-0001', typeId: 'cs', recipientKind: 'individual', recipientName: 'Nguyễn Thị Lan', unit: 'Giáo viên', siteId: 'd2' },
        { id: 'bk-0002', typeId: 'bk', recipientKind: 'individual', recipientName: 'Trần Văn Bình', unit: 'Chuyên viên Sở Nội vụ' },
      ],
    })
    expect((await state()).seq).toBe(2)
  })

  it('answers bad rows with 422 and every row error, and changes nothing, dry run or not', async () => {
    server = await startServer()
    const bad = `${GOOD}\nBằng khen,Tap the,Phòng A,,,\nChiến sĩ thi đua,Tập thể,Phòng B,,,\nBằng khen,Cá nhân,,,Huyện Bác Ái,`
    for (const dryRun of [true, false]) {
      const r = await upload(bad, { token: server.links.host.token, type: 'text/csv', dryRun })
      expect(r.status).toBe(422)
      expect(r.body).toEqual({
        ok: false, imported: 0, rows: 6,
        errors: [
          { row: 5, column: 'Đối tượng', message: '“Tap the” không phải “Tập thể” hoặc “Cá nhân”' },
          { row: 6, column: 'Đối tượng', message: '“Chiến sĩ thi đua” chỉ trao cho cá nhân, không trao cho tập thể' },
          { row: 7, column: 'Tên', message: 'thiếu tên người/tập thể được khen' },
          { row: 7, column: 'Điểm cầu', message: 'không có điểm cầu “Huyện Bác Ái” trong hội nghị; các điểm cầu: Điểm cầu tỉnh, Huyện Ninh Hải, Huyện Ninh Phước' },
        ],
      })
    }
    const after = await state()
    expect(after.seq).toBe(2)
    expect(after.state.awards).toHaveLength(4)
  })

  it('caps the row errors it lists and counts the rest', async () => {
    server = await startServer()
    const rows = Array.from({ length: 600 }, (_, i) => `Bằng khen,Tap the,Phòng ${i},,,`)
    const r = await upload([GOOD.split('\n')[0], ...rows].join('\n'), { token: server.links.host.token, type: 'text/csv' })
    expect(r.status).toBe(422)
    expect(r.body['errors']).toHaveLength(500)
    expect(r.body['moreErrors']).toBe(100)
  })

  it('commits a good list: the awards are in the state, and the same file again imports nothing', async () => {
    server = await startServer()
    const r = await upload(GOOD, { token: server.links.host.token, type: 'text/csv; charset=utf-8' })
    expect(r).toEqual({ status: 200, body: { ok: true, imported: 3, seq: 3, errors: [], alreadyListed: { count: 0, rows: [] }, message: 'Đã nhập 3 khen thưởng.' } })
    const { seq, state: s } = await state()
    expect(seq).toBe(3)
    expect(s.awards.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'bk-0001', 'cs-0001', 'bk-0002'])
    expect(s.awards.find((a) => a.id === 'cs-0001')).toMatchObject({ recipientName: 'Nguyễn Thị Lan', siteId: 'd2' })
    const again = await upload(GOOD, { token: server.links.host.token, type: 'text/csv' })
    expect(again).toMatchObject({ status: 200, body: { ok: true, imported: 0, errors: [], alreadyListed: { count: 3 } } })
    expect((await state()).seq).toBe(3)
    // One person changed: only that row is new, and its id continues.
    const more = await upload(GOOD.replace('Trần Văn Bình', 'Trần Văn Bính'), { token: server.links.host.token, type: 'text/csv' })
    expect(more.body).toMatchObject({ ok: true, imported: 1, seq: 4, alreadyListed: { count: 2, rows: [{ row: 2, id: 'bk-0001' }, { row: 3, id: 'cs-0001' }] } })
    expect((await state()).state.awards.slice(-1).map((a) => [a.id, a.recipientName])).toEqual([['bk-0003', 'Trần Văn Bính']])
  })

  it('takes an .xlsx as a multipart file or as the raw body', async () => {
    server = await startServer()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Danh sách')
    for (const line of GOOD.split('\n')) ws.addRow(line.split(','))
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer())
    const form = new FormData()
    form.append('file', new Blob([xlsx], { type: XLSX }), 'Danh sách khen thưởng.xlsx')
    const dry = await upload(form, { token: server.links.host.token, dryRun: true })
    expect(dry.status).toBe(200)
    expect((dry.body['preview'] as { total: number }).total).toBe(3)
    const committed = await upload(xlsx, { token: server.links.host.token, type: XLSX })
    expect(committed.body).toMatchObject({ ok: true, imported: 3, seq: 3 })
  })

  it('refuses other roles, no token, a file that is not a list, and one over 10 MB', async () => {
    server = await startServer()
    for (const token of [server.links.viewer.token, defined(server.links.sites[0]).token, defined(server.links.signers[0]).token]) {
      const r = await upload(GOOD, { token, type: 'text/csv', dryRun: true })
      expect(r).toMatchObject({ status: 403, body: { ok: false, error: { code: 'forbidden' } } })
    }
    expect((await upload(GOOD, { type: 'text/csv' })).status).toBe(401)
    const json = await upload(JSON.stringify({ awards: [] }), { token: server.links.host.token, type: 'application/json' })
    expect(json).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid' } } })
    const missing = await upload('Tên,Đơn vị\nA,B\n', { token: server.links.host.token, type: 'text/csv' })
    expect(missing.status).toBe(400)
    expect((missing.body['error'] as { message: string }).message).toContain('thiếu cột “Hình thức khen thưởng”')
    const empty = await upload('', { token: server.links.host.token, type: 'text/csv' })
    expect(empty).toMatchObject({ status: 400, body: { error: { message: 'tệp trống: không có dòng nào' } } })
    const pdf = await upload(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), { token: server.links.host.token, type: 'application/pdf' })
    expect(pdf).toMatchObject({ status: 400, body: { error: { code: 'invalid' } } })
    const big = await upload(new Uint8Array(10 * 1024 * 1024 + 10).fill(0x41), { token: server.links.host.token, type: 'text/csv' })
    expect(big).toMatchObject({ status: 413, body: { ok: false, error: { code: 'invalid' } } })
    const form = new FormData()
    form.append('list', new Blob([GOOD], { type: 'text/csv' }), 'a.csv')
    expect((await upload(form, { token: server.links.host.token })).status).toBe(400)
    expect((await state()).seq).toBe(2)
  })

  it('refuses a commit into an ended conference with the command error', async () => {
    server = await startServer()
    await command('conference.start', {})
    await command('conference.end', {})
    const r = await upload(GOOD, { token: server.links.host.token, type: 'text/csv' })
    expect(r).toMatchObject({ status: 409, body: { ok: false, error: { code: 'conflict' } } })
  })
})

describe('GET /api/awards/template.{csv,xlsx}', () => {
  it('downloads without a token, with a Vietnamese file name, and imports into the demo as it is', async () => {
    server = await startServer()
    const setup = demoSetup()
    const catalog = { awardTypes: setup.awardTypes, sites: setup.sites, existing: [] }
    for (const [ext, type] of [['csv', 'text/csv; charset=utf-8'], ['xlsx', XLSX]] as const) {
      const res = await fetch(`${server.url}/api/awards/template.${ext}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(type)
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="Mau danh sach khen thuong.${ext}"; filename*=UTF-8''M%E1%BA%ABu%20danh%20s%C3%A1ch%20khen%20th%C6%B0%E1%BB%9Fng.${ext}`,
      )
      const bytes = new Uint8Array(await res.arrayBuffer())
      if (ext === 'csv') expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const parsed = await parseAwardList(bytes, { filename: `template.${ext}` }, catalog)
      expect(parsed.errors).toEqual([])
      expect(parsed.awards.map((a) => [a.typeId, a.recipientKind, a.siteId, a.awardClass])).toEqual([
        ['huan-chuong-lao-dong', 'collective', 'hub', 'hạng Ba'],
        ['bang-khen-ubnd-tinh', 'individual', 'ninh-hai', undefined],
      ])
    }
  })
})

describe('GET /api/conferences/:id/awards/export.{csv,xlsx}', () => {
  async function announced() {
    server = await startServer()
    await command('conference.start', {})
    await command('award.announce', { awardIds: ['a1', 'a3'], revealInMs: 0 })
    await command('award.retract', { awardId: 'a3', reason: 'Nhầm tên người nhận' })
  }
  const get = (path: string, token = server.links.viewer.token) => fetch(`${base()}/awards/${path}`, { headers: { authorization: `Bearer ${token}` } })

  it('lists only the announced awards, retracted ones marked, as CSV with a BOM for Excel', async () => {
    await announced()
    const res = await get('export.csv?by=type')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Khen thuong da cong bo - test-conf - theo hinh thuc\.csv"; filename\*=UTF-8''Khen%20th%C6%B0%E1%BB%9Fng/)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('STT,Mã,Hình thức khen thưởng,Hạng,Đối tượng,Tên,Đơn vị,Điểm cầu,Quyết định,Công bố lúc,Ghi chú')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^1,a1,Bằng khen,,Tập thể,Phòng Giáo dục,,Huyện Ninh Hải,,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2},$/)
    expect(lines[2]).toMatch(/^1,a3,Chiến sĩ thi đua,,Cá nhân,Lê Văn C,,Huyện Ninh Phước,,.*,Đã thu hồi: Nhầm tên người nhận$/)
    expect(lines.join('\n')).not.toContain('Trần Thị B')
  })

  it('gives one worksheet per group with a bold header, by type in ceremony order or by site', async () => {
    await announced()
    const sheets = async (by: string) => {
      const res = await get(`export.xlsx?by=${by}`, server.links.host.token)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(XLSX)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await res.arrayBuffer())
      return wb.worksheets.map((ws) => ({ name: ws.name, bold: ws.getRow(1).font?.bold, ids: ws.getColumn(2).values.slice(2) }))
    }
    expect(await sheets('type')).toEqual([
      { name: 'Bằng khen', bold: true, ids: ['a1'] },
      { name: 'Chiến sĩ thi đua', bold: true, ids: ['a3'] },
    ])
    expect(await sheets('site')).toEqual([
      { name: 'Huyện Ninh Hải', bold: true, ids: ['a1'] },
      { name: 'Huyện Ninh Phước', bold: true, ids: ['a3'] },
    ])
    expect((await get('export.csv?by=district')).status).toBe(400)
    expect((await fetch(`${base()}/awards/export.csv`)).status).toBe(401)
  })

  it('exports an empty list before anything is announced, and what an import added once announced', async () => {
    server = await startServer()
    const csv = new TextDecoder().decode(await (await get('export.csv')).arrayBuffer())
    expect(csv.trim().split('\r\n')).toHaveLength(1)
    await upload(GOOD, { token: server.links.host.token, type: 'text/csv' })
    await command('conference.start', {})
    await command('award.announce', { awardIds: ['cs-0001'], revealInMs: 0 })
    const after = new TextDecoder().decode(await (await get('export.csv?by=site')).arrayBuffer())
    expect(after).toContain('cs-0001,Chiến sĩ thi đua,,Cá nhân,Nguyễn Thị Lan,Giáo viên,Huyện Ninh Phước')
    const s = (await state()).state
    expect(s.awards.filter((a: Award) => a.announcedAt).map((a) => a.id)).toEqual(['cs-0001'])
  })
})
