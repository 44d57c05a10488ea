/**
 * npx tsx scripts/asset-sizes.ts [http://127.0.0.1:3000]: the bytes a phone downloads for the
 * JavaScript of a page (default /host; `--page /view`), as they travel: uncompressed (what every
 * request got before the assets were precompressed), gzip and brotli. Follows the page shell's
 * script, the page's own chunk (the router's lazy import) and their static imports.
 */
import { request } from 'node:http'

const base = (process.argv.slice(2).find((a) => a.startsWith('http')) ?? 'http://127.0.0.1:3000').replace(/\/$/, '')
const pageArg = process.argv.indexOf('--page')
const page = pageArg >= 0 ? (process.argv[pageArg + 1] ?? '/host') : '/host'
const chunkName = `${page.slice(1, 2).toUpperCase()}${page.slice(2)}`.replace(/^View$/, 'Viewer').replace(/^Sign$/, 'Signer')

/** Status, headers and the raw bytes of a GET with this Accept-Encoding (none when empty). */
function get(path: string, encoding: string): Promise<{ status: number; encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { agent: false, headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const shell = (await get(page, '')).body.toString('utf8')
const entry = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(shell)?.[1]
if (!entry) throw new Error(`no script in the page shell of ${base}${page}: is the client built?`)
const files = new Set<string>([entry])
const queue = [entry]
for (let next = queue.shift(); next; next = queue.shift()) {
  const code = (await get(next, '')).body.toString('utf8')
  const found = [...code.matchAll(/(?:from|import)\s*["`]\.\/([^"`]+\.js)["`]/g)].map((m) => `/assets/${m[1]}`)
  if (next === entry) {
    // The page's chunk and what Vite preloads with it: `import(`./HostPage-….js`),__vite__mapDeps([4,5,…])`.
    const deps = JSON.parse(/m\.f=(\[[^\]]*\])/.exec(code)?.[1] ?? '[]') as string[]
    const lazy = new RegExp(`import\\(\`\\./(${chunkName}Page-[^\`]+\\.js)\`\\),__vite__mapDeps\\(\\[([0-9,]*)\\]\\)`).exec(code)
    if (lazy) found.push(`/assets/${lazy[1]}`, ...(lazy[2] ?? '').split(',').map((i) => `/${deps[Number(i)] ?? ''}`).filter((f) => f.endsWith('.js')))
  }
  for (const f of found.filter((f) => !/Page-/.test(f) || f.includes(`/${chunkName}Page-`))) {
    if (files.has(f)) continue
    files.add(f)
    queue.push(f)
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
const totals = { identity: 0, gzip: 0, br: 0 }
console.log(`${base}${page}: ${files.size} JavaScript files`)
for (const f of files) {
  const [plain, gz, br] = await Promise.all([get(f, ''), get(f, 'gzip'), get(f, 'gzip, deflate, br, zstd')])
  totals.identity += plain.body.length
  totals.gzip += gz.body.length
  totals.br += br.body.length
  console.log(`  ${f.padEnd(44)} ${kb(plain.body.length).padStart(9)}  gzip ${kb(gz.body.length).padStart(9)} (${gz.encoding ?? 'none'})  br ${kb(br.body.length).padStart(9)} (${br.encoding ?? 'none'})`)
}
console.log(`  total: uncompressed ${kb(totals.identity)}, gzip ${kb(totals.gzip)}, brotli ${kb(totals.br)} (${Math.round((100 * totals.br) / totals.identity)}% of uncompressed)`)
