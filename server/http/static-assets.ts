/**
 * The built client (dist/client): hashed assets compressed and cached for a year, the page shell
 * never cached.
 *
 * Compressed ahead of time, not per request: the build writes `<file>.br` (brotli, quality 11) and
 * `<file>.gz` (gzip, level 9) beside each JS, CSS and other text asset (scripts/precompress.ts, a
 * Vite plugin). At a public conference hundreds of phones fetch the same ~500 KB of JavaScript in
 * the same minute; a middleware (`compression`) would deflate it again for each of them, at a
 * lower level, on the process that also carries the sockets. Here each request costs a stat and a
 * file read. Fonts are woff2 (already brotli inside) and stay as they are.
 *
 * - `/assets/*`: file names change with every build, so `Cache-Control: public, max-age=31536000,
 *   immutable`; `Content-Encoding: br` or `gzip` as the request accepts, with the original's
 *   `Content-Type` and `Vary: Accept-Encoding`. An asset that does not exist is a 404 (never the
 *   page shell, which a browser would then keep for a year under a script's name).
 * - Every other path: the file at the client's root if there is one, else index.html (the pages'
 *   routes), both `Cache-Control: no-cache` so that a new build is picked up at the next load.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import express, { type Express, type Request, type Response } from 'express'

/** What a hashed asset is cached for: a year, the most HTTP caches honour. */
const YEAR_MS = 365 * 24 * 3600 * 1000
/** An asset's name as Vite writes it: flat, no path, no dotfile. */
const ASSET_NAME = /^\/([A-Za-z0-9_-][A-Za-z0-9._-]*)$/
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const

/** Serves the built client from `clientDir` on `app` (after the API's routes). */
export function serveClient(app: Express, clientDir: string): void {
  const assetsDir = path.join(clientDir, 'assets')
  const noCache = (res: Response) => res.setHeader('Cache-Control', 'no-cache')

  app.use('/assets', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    void sendAsset(req, res, assetsDir).catch(next)
  })
  app.use(express.static(clientDir, { index: false, cacheControl: false, setHeaders: noCache }))
  app.get('/{*splat}', (_req, res) => res.sendFile(path.join(clientDir, 'index.html'), { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }))
}

async function sendAsset(req: Request, res: Response, assetsDir: string): Promise<void> {
  const name = ASSET_NAME.exec(req.path)?.[1]
  const file = name && !/\.(br|gz)$/.test(name) ? path.join(assetsDir, name) : null
  if (!file || !(await isFile(file))) {
    res.status(404).set('Cache-Control', 'no-cache').type('text/plain').send('Không có tệp này. / Not found.')
    return
  }
  const accepted = acceptedEncodings(req.get('accept-encoding'))
  let served = file
  let encoding: string | null = null
  let varies = false
  for (const e of ENCODINGS) {
    if (!(await isFile(file + e.suffix))) continue
    varies = true
    if (encoding === null && accepted.has(e.name)) {
      served = file + e.suffix
      encoding = e.name
    }
  }
  // The original's type, not the .br/.gz file's: send() keeps a Content-Type already set.
  res.type(path.extname(file))
  if (varies) res.vary('Accept-Encoding')
  if (encoding) res.set('Content-Encoding', encoding)
  res.sendFile(served, { maxAge: YEAR_MS, immutable: true, dotfiles: 'deny' })
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false)
}

/** The codings an Accept-Encoding header allows (q above 0; `*` allows both), lower-cased. */
function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>()
  for (const part of (header ?? '').split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    if (!coding || (q !== undefined && !(Number(q) > 0))) continue
    if (coding === '*') ENCODINGS.forEach((e) => out.add(e.name))
    else out.add(coding)
  }
  return out
}
