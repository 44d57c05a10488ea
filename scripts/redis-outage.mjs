#!/usr/bin/env node
// A Redis outage against a real cluster, measured from outside: its own redis-server (append-only,
// fsync always), PROCESSES server processes (server/main.ts), one host page on each. Redis is
// killed (kill -9, then started again on the same port and directory) or frozen (SIGSTOP, then
// SIGCONT) for DOWN seconds; a command is sent during the outage and again after. Prints, per
// process: when its page was told `unavailable` and `ok` (ms after the fault and after Redis
// returned), the refusal, the retry's answer, and whether the process exited.
//   node scripts/redis-outage.mjs --mode kill --down 6 [--processes 2]
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { io } from 'socket.io-client'
import { buildServer } from './build-server.mjs'

// The server as one module, rebuilt when a source is newer (scripts/build-server.mjs).
await buildServer()
const SERVER_ARGS = ['--enable-source-maps', 'dist/server/main.mjs']

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const mode = arg('mode', 'kill')
const downMs = Number(arg('down', '6')) * 1000
const count = Number(arg('processes', '2'))
if (!['kill', 'freeze'].includes(mode) || !(downMs > 0) || !(count >= 1)) {
  console.error('usage: node scripts/redis-outage.mjs --mode kill|freeze --down <seconds> [--processes <n>]')
  process.exit(2)
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const dir = mkdtempSync(path.join(tmpdir(), 'diemcau-outage-'))
const redisPort = await freePort()
let redis = null
const startRedis = async () => {
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' })
  while (spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout?.trim() !== 'PONG') await sleep(50)
}
await startRedis()
const servers = []
// Whatever happens, nothing this script started outlives it.
process.on('exit', () => {
  for (const s of servers) if (s.exit === null) s.proc.kill('SIGKILL')
  redis?.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const startServer = async (i) => {
  const port = await freePort()
  const proc = spawn(process.execPath, SERVER_ARGS, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', REDIS_URL: `redis://127.0.0.1:${redisPort}`, DATA_DIR: dir, PUBLIC_URL: 'http://127.0.0.1:1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const s = { i, port, proc, exit: null, tail: '' }
  const keep = (d) => (s.tail = (s.tail + d).slice(-600))
  proc.stdout.on('data', keep)
  proc.stderr.on('data', keep)
  proc.on('exit', (code, signal) => (s.exit = { code, signal, atMs: t0 ? Math.round(performance.now() - t0) : null }))
  servers.push(s)
  while (!(await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false))) {
    if (s.exit) throw new Error(`server ${i} exited at start: ${s.tail}`)
    await sleep(200)
  }
  return s
}
let t0 = 0
let back = 0
await startServer(1)
for (let i = 2; i <= count; i++) await startServer(i)
const links = JSON.parse(readFileSync(path.join(dir, 'access-links.json'), 'utf8'))

const pages = servers.map((s) => {
  const c = io(`http://127.0.0.1:${s.port}`, { auth: { token: links.host.token }, transports: ['websocket'], reconnection: false, forceNew: true })
  const p = { c, statuses: [], disconnected: null }
  c.on('status', (st) => p.statuses.push({ store: st.store, atMs: t0 ? Math.round(performance.now() - t0) : -1 }))
  c.on('disconnect', (why) => (p.disconnected = why))
  return p
})
await Promise.all(pages.map((p) => new Promise((r) => p.c.once('snapshot', r))))
const send = (c, type, id) => c.timeout(5000).emitWithAck('command', { id, type, data: {} }).catch((e) => ({ ok: false, error: { message: String(e) } }))
await send(pages[0].c, 'conference.start', 'outage-start')

t0 = performance.now()
if (mode === 'kill') redis.kill('SIGKILL')
else redis.kill('SIGSTOP')
const untilAll = async (store, since, ms) => {
  const end = performance.now() + ms
  while (!pages.every((p) => p.statuses.some((s) => s.store === store && s.atMs >= since)) && performance.now() < end) await sleep(20)
}
await untilAll('unavailable', 0, 10_000)
const refused = await send(pages.at(-1).c, 'agenda.next', 'outage-next')
await sleep(Math.max(0, downMs - (performance.now() - t0)))
if (mode === 'kill') await startRedis()
else redis.kill('SIGCONT')
back = Math.round(performance.now() - t0)
await untilAll('ok', back, 30_000)
const again = await send(pages.at(-1).c, 'agenda.next', 'outage-next')
// Anything that ends a process late (a queued command's timeout) has time to show.
await sleep(8000)

const report = {
  mode,
  downS: downMs / 1000,
  redisBackAtMs: back,
  refused: refused.ok ? 'accepted?!' : `${refused.error?.reason ?? refused.error?.message}`,
  retry: again.ok ? `ok seq ${again.seq}` : `${again.error?.reason ?? again.error?.message}`,
  processes: servers.map((s, k) => {
    const st = pages[k].statuses
    const un = st.find((x) => x.store === 'unavailable' && x.atMs >= 0)
    const ok = st.find((x) => x.store === 'ok' && x.atMs >= back)
    return {
      process: s.i,
      alive: s.exit === null,
      exit: s.exit,
      unavailableAfterMs: un?.atMs ?? null,
      okAfterRedisBackMs: ok ? ok.atMs - back : null,
      pageDisconnected: pages[k].disconnected,
      ...(s.exit ? { lastOutput: s.tail.slice(-300) } : {}),
    }
  }),
}
console.log(JSON.stringify(report))
for (const p of pages) p.c.disconnect()
for (const s of servers) if (s.exit === null) s.proc.kill('SIGTERM')
await Promise.all(servers.map((s) => (s.exit ? null : new Promise((r) => s.proc.once('exit', r)))))
redis.kill('SIGCONT')
redis.kill('SIGTERM')
await new Promise((r) => redis.once('exit', r))
rmSync(dir, { recursive: true, force: true })
