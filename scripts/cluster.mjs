#!/usr/bin/env node
// npm run cluster: the demo served by several server processes on one Redis, behind a small
// sticky proxy, on one machine. Starts its own redis-server (durable: append-only file, fsync on
// every write) with its data in DATA_DIR/redis, then CLUSTER_PROCESSES (default 2) servers on
// PORT+1, PORT+2 …, and the proxy on PORT (default 3000), which is the address to open.
//   CLUSTER_PROCESSES=3 REDIS_PORT=6390 REDIS_FSYNC=everysec SOCKET_ADAPTER=streams npm run cluster
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startStickyProxy } from './sticky-proxy.mjs'
import { buildServer } from './build-server.mjs'

// The server as one module, rebuilt when a source is newer (scripts/build-server.mjs).
await buildServer()
const SERVER_ARGS = ['--enable-source-maps', 'dist/server/main.mjs']

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT ?? 3000)
const count = Number(process.env.CLUSTER_PROCESSES ?? 2)
const redisPort = Number(process.env.REDIS_PORT ?? 6390)
const fsync = process.env.REDIS_FSYNC ?? 'always'
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data-cluster'))
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`
if (!Number.isInteger(count) || count < 1 || count > 16) {
  console.error(`CLUSTER_PROCESSES must be a whole number from 1 to 16, not "${process.env.CLUSTER_PROCESSES}"`)
  process.exit(1)
}
if (!['always', 'everysec', 'no'].includes(fsync)) {
  console.error(`REDIS_FSYNC must be always, everysec or no, not "${fsync}"`)
  process.exit(1)
}

const children = []
let stopping = false
function stop(code) {
  if (stopping) return
  stopping = true
  // Servers first (they save their snapshots), Redis last.
  const servers = children.filter((c) => c.name !== 'redis')
  for (const c of servers) c.proc.kill('SIGTERM')
  Promise.all(servers.map((c) => new Promise((r) => (c.proc.exitCode !== null ? r() : c.proc.once('exit', r))))).then(() => {
    for (const c of children) if (c.name === 'redis') c.proc.kill('SIGTERM')
    setTimeout(() => process.exit(code), 300)
  })
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0))
// The supervisor itself never ends on a stray error: said loudly, and it keeps its children running.
process.on('unhandledRejection', (reason) => console.error('[cluster] a promise failed and nothing handled it:', reason))
process.on('uncaughtException', (err) => {
  console.error('[cluster] an error escaped every handler; stopping the cluster:', err)
  stop(1)
})

// A child that stops on its own (a crash, a kill) is started again, as systemd's Restart=always
// would: after 1 s, doubling to 30 s while it keeps failing, back to 1 s once it ran a minute.
function run(name, cmd, args, env = {}) {
  const child = { name, proc: null }
  let delay = 1000
  const start = () => {
    const startedAt = Date.now()
    const proc = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const prefix = (line) => (line ? `[${name}] ${line}` : line)
    proc.stdout.on('data', (d) => process.stdout.write(String(d).split('\n').map(prefix).join('\n')))
    proc.stderr.on('data', (d) => process.stderr.write(String(d).split('\n').map(prefix).join('\n')))
    proc.on('error', (err) => console.error(`[${name}] could not start: ${err.message}`))
    proc.on('exit', (code, signal) => {
      if (stopping) return
      if (Date.now() - startedAt > 60_000) delay = 1000
      console.error(`[${name}] stopped (${signal ?? code}); started again in ${delay / 1000} s${name === 'redis' ? '' : '; meanwhile its pages reconnect to another process'}`)
      setTimeout(() => !stopping && start(), delay)
      delay = Math.min(delay * 2, 30_000)
    })
    child.proc = proc
  }
  start()
  children.push(child)
  return child.proc
}

async function waitFor(url, what) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${what} did not start within 2 minutes`)
}

// redis-server: the project's setup script installs it when missing.
if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('redis-server is missing: installing it with scripts/setup-system.sh…')
  const r = spawnSync('bash', [path.join(root, 'scripts', 'setup-system.sh')], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
// The client, as npm start builds it.
if (!existsSync(path.join(root, 'dist', 'client', 'index.html'))) {
  console.log('Building the client…')
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

mkdirSync(path.join(dataDir, 'redis'), { recursive: true })
run('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', path.join(dataDir, 'redis'), '--appendonly', 'yes', '--appendfsync', fsync, '--save', ''])
const redisUrl = `redis://127.0.0.1:${redisPort}`
const deadline = Date.now() + 10_000
while (spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout?.trim() !== 'PONG') {
  if (Date.now() > deadline) {
    console.error(`redis-server did not answer on port ${redisPort}; is the port taken? Set REDIS_PORT.`)
    stop(1)
    break
  }
  await new Promise((r) => setTimeout(r, 100))
}

const backends = Array.from({ length: count }, (_, i) => ({ host: '127.0.0.1', port: port + 1 + i }))
const env = (p) => ({ PORT: String(p), HOST: '127.0.0.1', REDIS_URL: redisUrl, DATA_DIR: dataDir, PUBLIC_URL: publicUrl, TRUST_PROXY: '1' })
try {
  // The first one alone creates the data directory's files (the document link key); the others then share them.
  run('server 1', process.execPath, SERVER_ARGS, env(backends[0].port))
  await waitFor(`http://127.0.0.1:${backends[0].port}/api/health`, 'server 1')
  for (let i = 1; i < count; i++) run(`server ${i + 1}`, process.execPath, SERVER_ARGS, env(backends[i].port))
  await Promise.all(backends.slice(1).map((b, i) => waitFor(`http://127.0.0.1:${b.port}/api/health`, `server ${i + 2}`)))
  await startStickyProxy({ port, backends })
  console.log(`\nĐiểm Cầu cluster: ${count} processes (ports ${backends.map((b) => b.port).join(', ')}) on Redis ${redisUrl} (appendfsync ${fsync}), open ${publicUrl}`)
  console.log(`The access links are in ${path.join(dataDir, 'access-links.json')}`)
} catch (err) {
  console.error(String(err))
  stop(1)
}
