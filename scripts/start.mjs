#!/usr/bin/env node
// npm start: build the client when it is missing or older than its sources, then run the server.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = path.join(root, 'dist', 'client', 'index.html')

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

if (!existsSync(path.join(root, 'node_modules'))) {
  console.error('Dependencies are missing: run `npm install` first (see README.md).')
  process.exit(1)
}
const sourcesChanged = () => Math.max(newestMtime(path.join(root, 'client')), newestMtime(path.join(root, 'shared'))) > statSync(built).mtimeMs
if (!existsSync(built) || sourcesChanged()) {
  console.log('Building the client…')
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

// The server as one module (dist/server/main.mjs), rebuilt when a source is newer: it starts in
// well under a second.
const { buildServer } = await import('./build-server.mjs')
await buildServer()
const server = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', 'server', 'main.mjs')], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
