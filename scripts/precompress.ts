/**
 * Brotli and gzip copies of the built client's text assets, written once at build time beside each
 * file (`x.js.br`, `x.js.gz`) for server/http/static-assets.ts to send as they are. A Vite plugin
 * (vite.config.ts) runs it after every `vite build`; `npx tsx scripts/precompress.ts [dir]` runs it
 * on a built folder by hand and prints what it saved.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Text that compresses; woff2 is brotli inside already, images are compressed formats. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map|woff)$/
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024

export interface PrecompressReport {
  files: number
  bytes: number
  brotli: number
  gzip: number
}

/** Writes `.br` and `.gz` beside every compressible file of `dir` (not in subfolders) that gains from it. */
export async function precompressDir(dir: string): Promise<PrecompressReport> {
  const report: PrecompressReport = { files: 0, bytes: 0, brotli: 0, gzip: 0 }
  const names = (await readdir(dir)).filter((n) => COMPRESSIBLE.test(n))
  await Promise.all(names.map(async (name) => {
    const file = path.join(dir, name)
    if (!(await stat(file)).isFile()) return
    const bytes = await readFile(file)
    if (bytes.length < MIN_BYTES) return
    const [br, gz] = await Promise.all([
      brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
      gzipAsync(bytes, { level: 9 }),
    ])
    // A copy that saves under a tenth is not worth a second file (a woff1 font, say).
    if (gz.length > bytes.length * 0.9) return
    await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)])
    report.files++
    report.bytes += bytes.length
    report.brotli += br.length
    report.gzip += gz.length
  }))
  return report
}

/** The Vite plugin: after the bundle is written, precompresses `<outDir>/assets`. */
export function precompress(): { name: string; apply: 'build'; configResolved(c: { root: string; build: { outDir: string } }): void; closeBundle(): Promise<void> } {
  let assets = ''
  return {
    name: 'diemcau-precompress',
    apply: 'build',
    configResolved(c) {
      assets = path.resolve(c.root, c.build.outDir, 'assets')
    },
    async closeBundle() {
      await precompressDir(assets)
    },
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'dist/client/assets')
  const r = await precompressDir(dir)
  console.log(`${dir}: ${r.files} files, ${kb(r.bytes)} → brotli ${kb(r.brotli)}, gzip ${kb(r.gzip)}`)
}
