#!/usr/bin/env node
// The server as one ES module (dist/server/main.mjs, packages left to node_modules), so a server
// process starts in well under a second instead of compiling every TypeScript file on each start
// (tsx): `npm start`, the tests that run real server processes and each e2e spec's own server
// use it. Rebuilt only when a source is newer; written beside, then renamed, so that two runs at
// once (Vitest beside Playwright) never read a half-written file.
// Usage: node scripts/build-server.mjs [--force] [--quiet]
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** Entry points: name in dist/server/ → source. */
export const ENTRIES = { main: 'server/main.ts', 'lobby-server': 'e2e/lobby-server.ts', verify: 'scripts/verify.ts', backup: 'scripts/backup.ts' }
const outDir = path.join(root, 'dist', 'server')

function newest(dir) {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue
    const p = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : /\.(ts|json|csv|txt)$/.test(e.name) && !e.name.endsWith('.test.ts') ? statSync(p).mtimeMs : 0)
  }
  return t
}

/** Builds what is stale; answers true when it built. */
export async function buildServer({ force = false } = {}) {
  const outputs = Object.keys(ENTRIES).map((n) => path.join(outDir, `${n}.mjs`))
  const sources = Math.max(newest(path.join(root, 'server')), newest(path.join(root, 'shared')), newest(path.join(root, 'e2e')), newest(path.join(root, 'scripts')))
  if (!force && outputs.every((f) => existsSync(f) && statSync(f).mtimeMs > sources)) return false
  const tmp = path.join(outDir, `.build-${process.pid}`)
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([n, src]) => [n, path.join(root, src)])),
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  for (const n of Object.keys(ENTRIES)) {
    renameSync(path.join(tmp, `${n}.mjs.map`), path.join(outDir, `${n}.mjs.map`))
    renameSync(path.join(tmp, `${n}.mjs`), path.join(outDir, `${n}.mjs`))
  }
  rmSync(tmp, { recursive: true, force: true })
  return true
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force')
  const t0 = Date.now()
  const built = await buildServer({ force })
  if (!process.argv.includes('--quiet')) console.log(built ? `server built in ${Date.now() - t0} ms: dist/server/` : 'server up to date: dist/server/')
}
