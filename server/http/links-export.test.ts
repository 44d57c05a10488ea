/**
 * The host's export of every access link, against the real server and real SQLite: XLSX by
 * province, a printable PDF with a QR code per link, host only, formula-safe, revoked links without
 * an address; and at a national day's size (3,356 sites), the time it takes and the longest the
 * event loop waited meanwhile.
 */
import ExcelJS from 'exceljs'
import { cpus, loadavg } from 'node:os'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { log } from '../log.js'
import { writeLinks } from '../access/links.js'
import { startServer, type Running } from '../test/harness.js'
import { nationalSetup } from '../seed/national.js'
import { defined } from '../../shared/testing/defined.js'
import { NO_LINK, XLSX_HEADER } from './links-sheet.js'

let server: Running
afterEach(async () => server?.stop())

const base = () => `${server.url}/api/conferences/${server.links.conferenceId}`
const get = (path: string, token?: string) => fetch(`${base()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
const post = async (path: string, body: unknown) =>
  (await fetch(`${base()}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.links.host.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>
const command = (type: string, data: unknown) => post('/commands', { id: crypto.randomUUID(), type, data })

async function sheetRows(res: Response): Promise<string[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await res.arrayBuffer())
  const sheet = defined(book.worksheets[0])
  const rows: string[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'object' && v && 'text' in v ? String(v.text) : String(v)))))
  return rows
}

/** Runs `work` while a 5 ms timer ticks; answers how late the latest tick came (the event loop's longest block). */
async function loopBlock<T>(work: () => Promise<T>): Promise<{ result: T; maxLateMs: number; ms: number }> {
  let last = performance.now()
  let maxLateMs = 0
  const timer = setInterval(() => {
    const now = performance.now()
    maxLateMs = Math.max(maxLateMs, now - last - 5)
    last = now
  }, 5)
  const t0 = performance.now()
  try {
    const result = await work()
    return { result, maxLateMs, ms: performance.now() - t0 }
  } finally {
    clearInterval(timer)
  }
}

describe('exporting the access links', () => {
  it('XLSX: every site and signer with its live link, grouped, formula-safe; a revoked link has no address; host only', async () => {
    server = await startServer()
    writeLinks(server.dataDir, server.links)
    const hub = defined(server.links.sites[0])
    // A site whose name a spreadsheet would run, with a link of its own (written to the links file as the console does).
    expect((await command('site.add', { name: '=HYPERLINK("http://x")', kind: 'commune', parentId: defined(server.links.sites[1]).siteId, id: 'xa-loi' }))['ok']).toBe(true)
    expect((await post('/links', { role: 'site', siteId: 'xa-loi' }))['url']).toMatch(/token=/)
    const views = (await (await get('/links', server.links.host.token)).json()) as { links: { id: string; siteId?: string }[] }
    const revoked = defined(views.links.find((l) => l.siteId === defined(server.links.sites[2]).siteId))
    expect((await post(`/links/${revoked.id}/revoke`, {}))['link']).toBeTruthy()

    expect((await get('/links/export.xlsx')).status).toBe(401)
    expect((await get('/links/export.xlsx', hub.token)).status).toBe(403)
    const res = await get('/links/export.xlsx', server.links.host.token)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?lien-ket-truy-cap-test-conf\.xlsx"?$/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const rows = await sheetRows(res)
    expect(rows[0]).toEqual(XLSX_HEADER)
    const byId = new Map(rows.slice(1).map((r) => [r[4], r]))
    expect(rows).toHaveLength(1 + server.links.sites.length + 1 + server.links.signers.length)
    expect(byId.get(hub.siteId)?.[5]).toBe(hub.url)
    expect(byId.get(defined(server.links.sites[2]).siteId)?.[5]).toBe(NO_LINK)
    const injected = defined(byId.get('xa-loi'))
    expect(injected[2]).toBe(`'=HYPERLINK("http://x")`)
    expect(injected[5]).toMatch(/^http:\/\/.*token=/)
    for (const s of server.links.signers) expect(byId.get(s.blocId)?.[1]).toBe('Ký giao ước thi đua')
  })

  it('says plainly when this server holds no links file, and changes nothing', async () => {
    server = await startServer()
    const res = await get('/links/export.pdf', server.links.host.token)
    expect(res.status).toBe(409)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('conflict')
    expect(body.error.message).toMatch(/^Máy chủ này không giữ tệp access-links\.json/)
  })

  it('a national day: 3,356 sites by province as XLSX and as a PDF with a QR code each, streamed without holding the event loop', async () => {
    server = await startServer({ events: [{ type: 'conference.created', data: nationalSetup() }] })
    writeLinks(server.dataDir, server.links)
    const token = server.links.host.token
    // The server's part only: the download timed, the reading of it after.
    const xlsx = await loopBlock(async () => (await get('/links/export.xlsx', token)).arrayBuffer())
    const rows = await sheetRows(new Response(xlsx.result))
    expect(rows).toHaveLength(1 + 3356 + server.links.signers.length)
    expect(rows.filter((r) => r[1] === 'Tỉnh Khánh Hòa')).toHaveLength(66)
    expect(rows.slice(1, 3356 + 1).every((r) => r[5]?.startsWith('http://test/site?token='))).toBe(true)

    // What the server logs of the sheet it wrote (pino is silent in tests; the call is what counts).
    const logged: Record<string, unknown>[] = []
    const spy = vi.spyOn(log, 'info').mockImplementation(((obj: unknown, msg?: string) => { logged.push({ ...(obj as object), msg }) }) as never)
    let firstByteMs = 0
    const pdf = await loopBlock(async () => {
      const t0 = performance.now()
      const res = await get('/links/export.pdf', token)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      const reader = defined(res.body).getReader()
      const chunks: Uint8Array[] = []
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        if (!firstByteMs) firstByteMs = performance.now() - t0
        chunks.push(value)
      }
      return Buffer.concat(chunks)
    })
    spy.mockRestore()
    const bytes = pdf.result
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.subarray(-6).toString()).toContain('%%EOF')
    const pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length
    // Twelve cards a page, each province from a new page: 3,356 sites and the signers.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil((3356 + server.links.signers.length) / 12))
    expect(pages).toBeLessThan(330)
    // Streamed: the first pages arrive long before the last.
    expect(firstByteMs).toBeLessThan(pdf.ms / 2)
    // The server logs the longest stretch of work between two yields; a document written in one go would be the whole time.
    const written = defined(logged.find((l) => l.msg === 'access links sheet written'))
    expect(written['links']).toBe(3356 + server.links.signers.length)
    expect(Number(written['maxSliceMs'])).toBeLessThan(pdf.ms / 5)
    console.log(
      `[links export] ${rows.length - 1} links: XLSX in ${xlsx.ms.toFixed(0)} ms (event loop late by up to ${xlsx.maxLateMs.toFixed(0)} ms); ` +
        `PDF ${pages} pages, ${(bytes.length / 1048576).toFixed(1)} MiB in ${pdf.ms.toFixed(0)} ms, first bytes after ${firstByteMs.toFixed(0)} ms, ` +
        `longest stretch between yields ${Number(written['maxSliceMs'])} ms (the first card: fonts and QR warm up), event loop late by up to ${pdf.maxLateMs.toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
    )
  }, 240_000)
})
