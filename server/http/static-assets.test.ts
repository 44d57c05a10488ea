/**
 * The built client over real HTTP, through the whole app: hashed assets precompressed (brotli or
 * gzip as the request accepts, none without), with their own Content-Type, Vary and a year's
 * immutable caching; the page shell never cached; a missing asset a 404, never the shell. Builds
 * nothing: a copy of dist/client when there is one, else a small client made here, precompressed
 * by the build's own step (scripts/precompress.ts).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressDir } from '../../scripts/precompress.js'
import { startServer, type Running } from '../test/harness.js'

const clientDir = mkdtempSync(path.join(tmpdir(), 'diemcau-client-'))
const assets = path.join(clientDir, 'assets')
let server: Running
let script = ''
let style = ''

/** A client like Vite's: an index.html naming hashed assets, a font, the page's chunk. */
function smallClient(): void {
  mkdirSync(assets)
  const code = Array.from({ length: 400 }, (_, i) => `export const label${i} = 'Điểm cầu số ${i}: đã điểm danh';`).join('\n')
  writeFileSync(path.join(assets, 'index-Ab12Cd34.js'), code)
  writeFileSync(path.join(assets, 'index-Ef56Gh78.css'), Array.from({ length: 200 }, (_, i) => `.row-${i} { padding: ${i}px; color: #b71c1c; }`).join('\n'))
  writeFileSync(path.join(assets, 'be-vietnam-pro-400-Xy12.woff2'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)))
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><html lang="vi"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script><link rel="stylesheet" href="/assets/index-Ef56Gh78.css"></head><body><div id="app"></div></body></html>\n')
}

beforeAll(async () => {
  const built = path.resolve('dist/client')
  if (existsSync(path.join(built, 'index.html'))) cpSync(built, clientDir, { recursive: true })
  else smallClient()
  await precompressDir(assets)
  const html = readFileSync(path.join(clientDir, 'index.html'), 'utf8')
  script = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1] ?? ''
  style = /href="\/assets\/([^"]+\.css)"/.exec(html)?.[1] ?? ''
  server = await startServer({ app: { clientDir } })
}, 120_000)
afterAll(async () => {
  await server?.stop()
  rmSync(clientDir, { recursive: true, force: true })
})

/** A raw GET: the bytes as they travel (Node's fetch would inflate them). */
function get(urlPath: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${urlPath}`, { agent: false, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}
const original = (name: string) => readFileSync(path.join(assets, name))
/** Byte for byte (toEqual walks a 400 KB buffer one byte at a time, for seconds). */
const same = (bytes: Buffer, name: string) => bytes.equals(original(name))
const YEAR = 'public, max-age=31536000, immutable'

describe('hashed assets', () => {
  it('go out as brotli when the request accepts it (a phone’s Chromium does), a fraction of their size', async () => {
    expect(script).not.toBe('')
    const r = await get(`/assets/${script}`, 'gzip, deflate, br, zstd')
    expect(r.status).toBe(200)
    expect(r.headers['content-encoding']).toBe('br')
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(r.headers['vary']).toMatch(/Accept-Encoding/i)
    expect(r.headers['cache-control']).toBe(YEAR)
    expect(Number(r.headers['content-length'])).toBe(r.body.length)
    expect(same(brotliDecompressSync(r.body), script)).toBe(true)
    expect(r.body.length).toBeLessThan(original(script).length / 2)
  })

  it('go out as gzip when brotli is not accepted, or refused with q=0', async () => {
    for (const header of ['gzip, deflate', 'br;q=0, gzip;q=0.8']) {
      const r = await get(`/assets/${script}`, header)
      expect(r.headers['content-encoding'], header).toBe('gzip')
      expect(same(gunzipSync(r.body), script)).toBe(true)
      expect(r.headers['cache-control']).toBe(YEAR)
    }
  })

  it('go out as they are without Accept-Encoding, still varying on it', async () => {
    const r = await get(`/assets/${script}`)
    expect(r.headers['content-encoding']).toBeUndefined()
    expect(same(r.body, script)).toBe(true)
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(r.headers['vary']).toMatch(/Accept-Encoding/i)
    expect(r.headers['cache-control']).toBe(YEAR)
  })

  it('keep each type: CSS compressed as text/css, a woff2 font as it is (brotli inside already)', async () => {
    const css = await get(`/assets/${style}`, 'br')
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(css.headers['content-encoding']).toBe('br')
    expect(same(brotliDecompressSync(css.body), style)).toBe(true)
    const font = readdirSync(assets).find((f) => f.endsWith('.woff2')) ?? ''
    const r = await get(`/assets/${font}`, 'gzip, deflate, br')
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('font/woff2')
    expect(r.headers['content-encoding']).toBeUndefined()
    expect(same(r.body, font)).toBe(true)
    expect(r.headers['cache-control']).toBe(YEAR)
  })

  it('answer 404 for a name that is not there, never the page shell under a script’s name', async () => {
    for (const p of ['/assets/index-00000000.js', `/assets/${script}.br`, '/assets/..%2Findex.html', '/assets/sub/x.js']) {
      const r = await get(p, 'br')
      expect(r.status, p).toBe(404)
      expect(r.headers['cache-control'], p).toBe('no-cache')
      expect(r.body.toString(), p).not.toContain('<html')
    }
  })
})

describe('the page shell', () => {
  it('is never cached, at / and at every page’s route, so a new build is picked up at the next load', async () => {
    for (const p of ['/', '/host', '/view', '/index.html']) {
      const r = await get(p, 'gzip, deflate, br')
      expect(r.status, p).toBe(200)
      expect(r.headers['content-type'], p).toBe('text/html; charset=utf-8')
      expect(r.headers['cache-control'], p).toBe('no-cache')
      expect(r.body.toString(), p).toContain(`/assets/${script}`)
    }
  })
})
