/**
 * The documents through HTTP against the real server: both PDFs are valid (qpdf --check) and give
 * back their Vietnamese text (pdftotext, NFC); who may open what; signed links that open without
 * a token, and refuse when expired, tampered with or pointed at another document.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLEDGE_A, sha256 } from '../../shared/testing/tiny-conference.js'
import { openLinkSigner } from '../documents/links.js'
import { sampleSignature } from '../test/sample-signature.js'
import { firstSync, send, startServer, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

/** Fails with what to do when a PDF tool is missing (CI installs them through scripts/setup-system.sh). */
function tool(name: 'qpdf' | 'pdftotext', args: string[]): string {
  try {
    return execFileSync(name, args, { encoding: 'utf8' })
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; status?: number }
    if (e.code === 'ENOENT') throw new Error(`${name} is not installed: run \`bash scripts/setup-system.sh\` (it installs poppler-utils and qpdf)`)
    if (name === 'qpdf' && e.status === 3) return e.stdout ?? '' // warnings only
    throw err
  }
}

let server: Running
let n = 0
const base = () => `${server.url}/api/conferences/test-conf`

async function get(url: string, token?: string) {
  const res = await fetch(url.startsWith('http') ? url : `${server.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) }
}
const json = (r: { bytes: Buffer }) => JSON.parse(r.bytes.toString('utf8')) as { ok: false; error: { code: string; message: string } }

/** Checks the file with qpdf and returns its text as pdftotext reads it. */
function pdfText(bytes: Buffer): string {
  const file = path.join(server.dataDir, `doc-${++n}.pdf`)
  writeFileSync(file, bytes)
  expect(tool('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors found/)
  return tool('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])
}

async function links(token: string) {
  const res = await fetch(`${base()}/documents/links`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return (await res.json()) as { report?: string; pledges: Record<string, string>; expiresAt: string }
}

beforeAll(async () => {
  server = await startServer()
  const host = server.connect(server.links.host.token)
  const pad = server.connect(defined(server.links.signers[0]).token)
  await Promise.all([firstSync(host), firstSync(pad)])
  expect(await send(host, 'conference.start', {})).toMatchObject({ ok: true })
  expect(await send(host, 'pledge.openSigning', {})).toMatchObject({ ok: true })
  expect(await send(pad, 'pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: sampleSignature(1), behalf: 'KT. GIÁM ĐỐC SỞ – PHÓ GIÁM ĐỐC' })).toMatchObject({ ok: true })
})
afterAll(async () => server?.stop())

describe('GET /api/conferences/:id/pledges/:blocId.pdf', () => {
  it('is a valid PDF whose text is the pledge, with the signer, the behalf line and the hash, diacritics intact', async () => {
    const r = await get(`${base()}/pledges/blocA.pdf`, server.links.host.token)
    expect(r.status).toBe(200)
    expect(r.type).toBe('application/pdf')
    const text = pdfText(r.bytes)
    expect(text).toBe(text.normalize('NFC'))
    const flat = text.replace(/\s+/g, ' ')
    expect(flat).toContain('Giao ước thi đua – Khối A')
    expect(flat).toContain(PLEDGE_A)
    expect(flat).toContain('KT. GIÁM ĐỐC SỞ – PHÓ GIÁM ĐỐC')
    expect(flat).toContain('Nguyễn Văn A')
    expect(flat).toContain('ĐÃ KÝ')
    expect(flat).toContain(sha256(PLEDGE_A))
    expect(flat).toContain('Nhật ký kiểm tra')
    expect(flat).toMatch(/Kiểm tra chuỗi băm: HỢP LỆ/)
  })

  it('renders an unsigned pledge saying plainly that it is not signed', async () => {
    const text = pdfText((await get(`${base()}/pledges/blocB.pdf`, server.links.viewer.token)).bytes)
    expect(text).toContain('CHƯA KÝ')
    expect(text).toContain('Khối B cam kết đoàn kết, đổi mới, sáng tạo.')
  })

  it('lets a signer open only its own bloc’s pledge, and says so', async () => {
    const signerB = defined(server.links.signers[1]).token
    expect((await get(`${base()}/pledges/blocB.pdf`, signerB)).status).toBe(200)
    const other = await get(`${base()}/pledges/blocA.pdf`, signerB)
    expect(other.status).toBe(403)
    expect(json(other).error.message).toMatch(/only the pledge of bloc blocB/)
    expect((await get(`${base()}/pledges/blocA.pdf`)).status).toBe(401)
    expect((await get(`${base()}/pledges/nope.pdf`, server.links.host.token)).status).toBe(404)
  })
})

describe('GET /api/conferences/:id/report.pdf', () => {
  it('is a valid PDF of the minutes, a draft while the conference is live, for the host only', async () => {
    const r = await get(`${base()}/report.pdf`, server.links.host.token)
    expect(r.status).toBe(200)
    const text = pdfText(r.bytes)
    expect(text).toBe(text.normalize('NFC'))
    for (const s of ['BIÊN BẢN HỘI NGHỊ', 'Hội nghị tổng kết', 'CHƯƠNG TRÌNH HỘI NGHỊ', 'Huyện Ninh Hải', 'KẾT QUẢ KHEN THƯỞNG', 'Chiến sĩ thi đua', 'KÝ KẾT GIAO ƯỚC THI ĐUA', 'Khối A', 'DỰ THẢO', 'Trang 1/']) expect(text).toContain(s)
    expect((await get(`${base()}/report.pdf`, server.links.viewer.token)).status).toBe(403)
    expect((await get(`${base()}/report.pdf`, defined(server.links.sites[0]).token)).status).toBe(403)
  })
})

describe('signed links', () => {
  it('are issued for what the caller may open, carry no token, and open without one', async () => {
    const host = await links(server.links.host.token)
    expect(Object.keys(host.pledges)).toEqual(['blocA', 'blocB'])
    expect(host.report).toMatch(/^\/api\/conferences\/test-conf\/report\.pdf\?exp=\d+&sig=[0-9a-f]{64}$/)
    expect(Date.parse(host.expiresAt) - Date.now()).toBeGreaterThan(250_000)
    const signer = await links(defined(server.links.signers[0]).token)
    expect(signer.report).toBeUndefined()
    expect(Object.keys(signer.pledges)).toEqual(['blocA'])
    const viewer = await links(server.links.viewer.token)
    expect(viewer.report).toBeUndefined()
    expect(Object.keys(viewer.pledges)).toEqual(['blocA', 'blocB'])
    for (const url of [defined(host.report), ...Object.values(host.pledges)]) {
      for (const t of [server.links.host.token, server.links.viewer.token, defined(server.links.signers[0]).token]) expect(url).not.toContain(t)
    }
    const pledge = await get(defined(signer.pledges['blocA']))
    expect(pledge.status).toBe(200)
    expect(pdfText(pledge.bytes)).toContain('Khối A')
    const report = await get(defined(host.report))
    expect(report.status).toBe(200)
    expect(report.type).toBe('application/pdf')
  })

  it('refuse a link past its time, tampered with, or pointed at another document, saying why in Vietnamese and English', async () => {
    const { pledges, report } = await links(server.links.host.token)
    const a = defined(pledges['blocA'])
    // A link signed with this server's own secret (kept in its data directory) ten minutes ago.
    const old = (await openLinkSigner(server.linkStore, () => Date.now() - 600_000).sign('GET', '/api/conferences/test-conf/pledges/blocA.pdf')).url
    const expired = await get(old)
    expect(expired.status).toBe(403)
    expect(json(expired).error.message).toMatch(/hết hạn.*expired/)
    const moved = await get(a.replace('blocA.pdf', 'blocB.pdf'))
    expect(moved.status).toBe(403)
    expect(json(moved).error.message).toMatch(/không khớp.*does not match/)
    expect((await get(a.replace('/pledges/blocA.pdf', '/report.pdf'))).status).toBe(403)
    expect((await get(defined(report).replace('/report.pdf', '/pledges/blocA.pdf'))).status).toBe(403)
    expect((await get(a.replace(/exp=(\d+)/, (_m, e: string) => `exp=${Number(e) + 3600}`))).status).toBe(403)
    expect((await get(a.replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`))).status).toBe(403)
    const bare = await get(a.replace(/&sig=.*$/, ''))
    expect(bare.status).toBe(403)
    expect(json(bare).error.message).toMatch(/không hợp lệ.*invalid/)
    // A signed link grants that document only: it does not issue links.
    const post = await fetch(`${server.url}${a.replace('/pledges/blocA.pdf', '/documents/links')}`, { method: 'POST' })
    expect(post.status).toBe(403)
  })
})
