/**
 * npm run bench -- --cluster: one conference on PROCESSES (default 2) server processes and a
 * redis-server (appendfsync always), the clients in this separate process, split across them,
 * beside the single process on SQLite and a bare Socket.IO cluster broadcast (same Redis
 * adapter), all in the same run:
 *   fan-out: a host award.announce to its arrival at every client (p50, p99), and gaps seen;
 *   join: every client connecting at once and receiving the demo's snapshot (p50, p99);
 *   commands per second sustained on one conference, hosts on every process sending at once.
 *   CLIENTS=3000 PROCESSES=2 SOCKET_ADAPTER=pubsub|streams ROUNDS=30 REDIS_APPENDFSYNC=always|everysec npm run bench -- --cluster
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import { pageOptions } from './client.js'
import { startRedis } from '../server/test/redis-server.js'
import { defined } from '../shared/testing/defined.js'

const CLIENTS = Number(process.env.CLIENTS ?? 1000)
const PROCESSES = Number(process.env.PROCESSES ?? 2)
const ROUNDS = Number(process.env.ROUNDS ?? 30)
const WARMUP = 5
/** redis-server's fsync policy: 'always' (an fsync per append, what the README advises) or 'everysec'. */
const FSYNC = process.env.REDIS_APPENDFSYNC === 'everysec' ? 'everysec' : 'always'
const ADAPTERS = (process.env.SOCKET_ADAPTER ? [process.env.SOCKET_ADAPTER] : ['pubsub', 'streams']) as ('pubsub' | 'streams')[]

interface Ready { appPort: number; barePort: number; hostToken: string; viewerToken: string; seq: number; awardIds: string[] }
const children: ChildProcess[] = []

function node(env: Record<string, string>): Promise<Ready> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cluster-node.ts'], { env: { LOG_LEVEL: 'warn', ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  return new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench node exited with ${code}`)))
    createInterface({ input: defined(child.stdout) }).once('line', (line) => resolve(JSON.parse(line) as Ready))
  })
}

const url = (port: number) => `http://127.0.0.1:${port}`
/** Connects n clients round-robin over the ports, 100 at a time (the fan-out is measured, not a connection storm). */
async function connectMany(ports: number[], auth: object, n: number): Promise<Socket[]> {
  const one = (i: number, tries = 3): Promise<Socket> => new Promise<Socket>((resolve, reject) => {
    const s = io(url(defined(ports[i % ports.length])), pageOptions(auth))
    s.once('connect', () => resolve(s))
    // A loaded server may close a handshake it could not finish in time: try again.
    const retry = (err: unknown) => {
      s.close()
      if (tries > 1) one(i, tries - 1).then(resolve, reject)
      else reject(err instanceof Error ? err : new Error('could not connect'))
    }
    s.once('connect_error', retry)
    s.io.once('close', () => (s.connected ? undefined : retry(new Error('closed before connecting'))))
  })
  const out: Socket[] = []
  for (let i = 0; i < n; i += 100) out.push(...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) => one(i + k)))))
  return out
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}

/** Host commands one after another on the first port; each client's arrival time, and gaps in seq. */
async function fanOut(ports: number[], clientAuth: object, hostAuth: object, awardIds: string[], seq0: number) {
  const clients = await connectMany(ports, clientAuth, CLIENTS)
  const [host] = await connectMany([defined(ports[0])], hostAuth, 1)
  const arrivals: number[] = []
  let t0 = 0
  let arrived = 0
  let done = () => {}
  let gaps = 0
  for (const c of clients) {
    let last = seq0
    c.on('events', ({ events }: { events: { seq: number }[] }) => {
      if (events.length === 0) return
      for (const e of events) {
        if (seq0 >= 0 && e.seq !== last + 1) gaps++
        last = e.seq
      }
      arrivals.push(performance.now() - t0)
      if (++arrived === CLIENTS) done()
    })
  }
  let lost = 0
  for (const c of clients) c.on('disconnect', () => lost++)
  let short = 0
  for (let i = 0; i < ROUNDS + WARMUP; i++) {
    arrived = 0
    // A client the server dropped never answers: a round waits at most 10 s, and says so.
    const all = new Promise<void>((r) => {
      done = r
      setTimeout(() => {
        short++
        r()
      }, 10_000).unref()
    })
    const mark = arrivals.length
    t0 = performance.now()
    const ack = (await defined(host).timeout(10_000).emitWithAck('command', { id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: [awardIds[i]], revealInMs: 0 } })) as { ok: boolean; error?: unknown }
    if (!ack.ok) throw new Error(`command refused: ${JSON.stringify(ack.error)}`)
    await all
    if (i < WARMUP) arrivals.length = mark
  }
  const dropped = lost
  for (const c of [...clients, defined(host)]) c.disconnect()
  if (short || dropped) console.error(`fan-out on ports ${ports.join(', ')}: ${short} rounds did not reach every client within 10 s (${CLIENTS * ROUNDS - arrivals.length} arrivals missing after the warm-up); ${dropped} clients were disconnected`)
  return { p50: pct(arrivals, 50), p99: pct(arrivals, 99), gaps }
}

/** Every client at once, no lastSeq: until each has its (deflated) snapshot. */
async function join(ports: number[], token: string) {
  const times: number[] = []
  const why_: Record<string, number> = {}
  const t0 = performance.now()
  const sockets = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => new Promise<Socket>((resolve) => {
    const s = io(url(defined(ports[i % ports.length])), pageOptions({ token, snapshotEncoding: 'deflate' }))
    let settled = false
    s.once('snapshot', () => {
      if (!settled) times.push(performance.now() - t0)
      settled = true
      resolve(s)
    })
    // Dropped by the server (a slow reader, a handshake it could not finish in time) or refused: counted by why, not waited for.
    const lost = (why: string) => {
      if (!settled) why_[why] = (why_[why] ?? 0) + 1
      settled = true
      resolve(s)
    }
    s.once('disconnect', (reason) => lost(`disconnect: ${reason}`))
    s.io.once('close', (reason) => lost(`closed: ${reason}`))
    s.once('connect_error', (err) => lost(`refused: ${err.message}`))
  })))
  for (const s of sockets) s.disconnect()
  if (times.length < CLIENTS) {
    console.error(`join: ${CLIENTS - times.length} of ${CLIENTS} clients got no snapshot (dropped or refused): ${JSON.stringify(why_)}`)
    // A ping timeout seen by a client is this process too busy to read its pings (every client is here, on the same cores).
    if (why_['disconnect: ping timeout']) console.error('  (a "ping timeout" is this bench process, which plays every client, too busy to answer the heartbeat in 4.5 s)')
  }
  return { p50: pct(times, 50), p99: pct(times, 99) }
}

/** Hosts on every process send announcements back to back, 4 in flight each, for `ms`. */
async function throughput(ports: number[], token: string, awardIds: string[], ms = 3000) {
  const hosts = await connectMany(ports, { token }, ports.length)
  let next = 0
  let acked = 0
  const end = performance.now() + ms
  await Promise.all(hosts.flatMap((h) => Array.from({ length: 4 }, async () => {
    while (performance.now() < end && next < awardIds.length) {
      const a = (await h.timeout(10_000).emitWithAck('command', { id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: [awardIds[next++]], revealInMs: 0 } })) as { ok: boolean }
      if (a.ok) acked++
    }
  })))
  for (const h of hosts) h.disconnect()
  return (acked * 1000) / ms
}

const rows: string[][] = []
const row = (name: string, f: { p50: number; p99: number; gaps?: number } | null, j: { p50: number; p99: number } | null, cps: number | null) =>
  rows.push([name, f ? f.p50.toFixed(1) : '', f ? f.p99.toFixed(1) : '', f?.gaps === undefined ? '' : String(f.gaps), j ? j.p50.toFixed(0) : '', j ? j.p99.toFixed(0) : '', cps === null ? '' : cps.toFixed(0)])

try {
  // The single process on SQLite.
  const single = await node({})
  const sf = await fanOut([single.appPort], { token: single.viewerToken, lastSeq: single.seq }, { token: single.hostToken, lastSeq: single.seq }, single.awardIds, single.seq)
  const sj = await join([single.appPort], single.viewerToken)
  const sc = await throughput([single.appPort], single.hostToken, single.awardIds.slice(ROUNDS + WARMUP))
  row('1 process, SQLite', sf, sj, sc)
  const bare1 = await fanOut([single.barePort], {}, {}, single.awardIds, -1)
  row('bare Socket.IO, 1 process', bare1, null, null)
  for (const c of children.splice(0)) c.kill('SIGKILL')

  for (const adapter of ADAPTERS) {
    const redis = await startRedis({ appendfsync: FSYNC })
    try {
      const nodes: Ready[] = []
      for (let i = 0; i < PROCESSES; i++) nodes.push(await node({ REDIS_URL: redis.url, SOCKET_ADAPTER: adapter }))
      const ports = nodes.map((n) => n.appPort)
      const first = defined(nodes[0])
      const seq = Math.max(...nodes.map((n) => n.seq))
      const cf = await fanOut(ports, { token: first.viewerToken, lastSeq: seq }, { token: first.hostToken, lastSeq: seq }, first.awardIds, seq)
      const cj = await join(ports, first.viewerToken)
      const cc = await throughput(ports, first.hostToken, first.awardIds.slice(ROUNDS + WARMUP))
      row(`${PROCESSES} processes + Redis (${adapter})`, cf, cj, cc)
      const bareN = await fanOut(nodes.map((n) => n.barePort), {}, {}, first.awardIds, -1)
      row(`bare Socket.IO cluster (${adapter})`, bareN, null, null)
    } finally {
      for (const c of children.splice(0)) c.kill('SIGKILL')
      await redis.dispose()
    }
  }

  console.log(`\n${CLIENTS} dashboard clients in this process, split across the server processes; ${ROUNDS} announcements after ${WARMUP} warm-up; redis-server with appendfsync ${FSYNC}`)
  const head = ['setup', 'fan-out p50 ms', 'p99 ms', 'gaps', 'join p50 ms', 'join p99 ms', 'commands/s']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => defined(r[i]).length)))
  for (const r of [head, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(defined(widths[i])) : c.padStart(defined(widths[i])))).join('  '))
  console.log('(fan-out: host command sent -> event at each client; join: every client at once until its deflated snapshot; commands/s: award.announce acknowledged, hosts on every process, 4 in flight each)')
} finally {
  for (const c of children) c.kill('SIGKILL')
}
process.exit(0)
