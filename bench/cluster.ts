/**
 * npm run bench -- --cluster: one conference on PROCESSES (default 2) server processes and a
 * redis-server (appendfsync always), the clients played by the farm (bench/farm.ts), split across them,
 * beside the single process on SQLite and a bare Socket.IO cluster broadcast (same Redis
 * adapter), all in the same run:
 *   fan-out: a host award.announce to its arrival at every client (p50, p99), and gaps seen, its
 *     rounds alternating with the bare broadcast's, both servers' clients held by the farm at once;
 *   join: every client connecting at once and receiving the demo's snapshot (p50, p99);
 *   commands per second sustained on one conference, hosts on every process sending at once.
 *   CLIENTS=3000 PROCESSES=2 SOCKET_ADAPTER=pubsub|streams ROUNDS=30 REDIS_APPENDFSYNC=always|everysec npm run bench -- --cluster
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { CLIENTS, farmNote, loadLine, pct, sleep } from './common.js'
import { dropsText, Farm, workersFor } from './farm.js'
import { announce, command, connectOne, fanOutSideBySide, type FanOut } from './rounds.js'
import { startRedis } from '../server/test/redis-server.js'
import { defined } from '../shared/testing/defined.js'

const PROCESSES = Number(process.env.PROCESSES ?? 2)
const ROUNDS = Number(process.env.ROUNDS ?? 30)
const WARMUP = 5
/** redis-server's fsync policy: 'always' (an fsync per append, what the README advises) or 'everysec'. */
const FSYNC = process.env.REDIS_APPENDFSYNC === 'everysec' ? 'everysec' : 'always'
const ADAPTERS = (process.env.SOCKET_ADAPTER ? [process.env.SOCKET_ADAPTER] : ['pubsub', 'streams']) as ('pubsub' | 'streams')[]

interface Ready { appPort: number; barePort: number; hostToken: string; viewerToken: string; seq: number; awardIds: string[] }
const children: ChildProcess[] = []
const farm = await Farm.start(workersFor(CLIENTS))

function node(env: Record<string, string>): Promise<Ready> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cluster-node.ts'], { env: { LOG_LEVEL: 'warn', ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  return new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench node exited with ${code}`)))
    createInterface({ input: defined(child.stdout) }).once('line', (line) => resolve(JSON.parse(line) as Ready))
  })
}

const url = (port: number) => `http://127.0.0.1:${port}`

/**
 * Host commands one after another on the first port, to the farm's clients spread over the ports;
 * each arrival, and gaps in seq. Beside it, round for round, the bare broadcast on `barePorts` to as
 * many clients of the same farm (its rounds alternate with the app's: both meet the same minute of
 * the machine).
 */
async function fanOutOn(ports: number[], barePorts: number[], clientAuth: object, hostAuth: object, awardIds: string[]) {
  await farm.connect(ports.map(url), clientAuth, CLIENTS, 'app')
  await farm.connect(barePorts.map(url), {}, CLIENTS, 'floor')
  const host = await connectOne(url(ports[0] ?? 0), hostAuth)
  const bareHost = await connectOne(url(barePorts[0] ?? 0), {})
  const f = await fanOutSideBySide(farm, ROUNDS, WARMUP,
    { group: 'app', send: (i) => command(host, announce(awardIds[i])) },
    { group: 'floor', send: (i) => command(bareHost, announce(awardIds[i])) }, 10_000)
  host.disconnect()
  bareHost.disconnect()
  const drops = await farm.close()
  if (f.app.short || f.floor.short || drops.dropped) console.error(`fan-out on ports ${ports.join(', ')} beside ${barePorts.join(', ')}: ${f.app.short} + ${f.floor.short} rounds did not reach every client within 10 s; ${dropsText(drops)}`)
  const figures = (r: FanOut) => ({ p50: pct(r.latencies, 50), p99: pct(r.latencies, 99), gaps: r.gaps })
  return { app: figures(f.app), bare: figures(f.floor) }
}

/** Every client at once, no lastSeq: until each has its (deflated) snapshot. */
async function join(ports: number[], token: string) {
  const s = await farm.storm(ports.map(url), { token, snapshotEncoding: 'deflate' }, CLIENTS)
  const drops = await farm.close()
  const lost = Object.values(s.lost).reduce((a, b) => a + b, 0)
  if (lost || drops.dropped) console.error(`join: ${lost} of ${CLIENTS} clients got no snapshot (${JSON.stringify(s.lost)}); ${dropsText(drops)} after`)
  await sleep(1000)
  return { p50: pct(s.times, 50), p99: pct(s.times, 99) }
}

/** Hosts on every process send announcements back to back, 4 in flight each, for `ms`. */
async function throughput(ports: number[], token: string, awardIds: string[], ms = 3000) {
  const hosts = await Promise.all(ports.map((p) => connectOne(url(p), { token })))
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
  const sf = await fanOutOn([single.appPort], [single.barePort], { token: single.viewerToken, lastSeq: single.seq }, { token: single.hostToken, lastSeq: single.seq }, single.awardIds)
  const sj = await join([single.appPort], single.viewerToken)
  const sc = await throughput([single.appPort], single.hostToken, single.awardIds.slice(ROUNDS + WARMUP))
  row('1 process, SQLite', sf.app, sj, sc)
  row('bare Socket.IO, 1 process', sf.bare, null, null)
  console.log(`1 process: fan-out p99 over the bare server beside it ${(sf.app.p99 / sf.bare.p99).toFixed(2)}×`)
  for (const c of children.splice(0)) c.kill('SIGKILL')

  for (const adapter of ADAPTERS) {
    const redis = await startRedis({ appendfsync: FSYNC })
    try {
      const nodes: Ready[] = []
      for (let i = 0; i < PROCESSES; i++) nodes.push(await node({ REDIS_URL: redis.url, SOCKET_ADAPTER: adapter }))
      const ports = nodes.map((n) => n.appPort)
      const first = defined(nodes[0])
      const seq = Math.max(...nodes.map((n) => n.seq))
      const cf = await fanOutOn(ports, nodes.map((n) => n.barePort), { token: first.viewerToken, lastSeq: seq }, { token: first.hostToken, lastSeq: seq }, first.awardIds)
      const cj = await join(ports, first.viewerToken)
      const cc = await throughput(ports, first.hostToken, first.awardIds.slice(ROUNDS + WARMUP))
      row(`${PROCESSES} processes + Redis (${adapter})`, cf.app, cj, cc)
      row(`bare Socket.IO cluster (${adapter})`, cf.bare, null, null)
      console.log(`${PROCESSES} processes (${adapter}): fan-out p99 over the bare cluster beside it ${(cf.app.p99 / cf.bare.p99).toFixed(2)}×`)
    } finally {
      for (const c of children.splice(0)) c.kill('SIGKILL')
      await redis.dispose()
    }
  }

  console.log(`\n${CLIENTS} dashboard clients played by the farm, split across the server processes; ${ROUNDS} announcements after ${WARMUP} warm-up; redis-server with appendfsync ${FSYNC}; ${loadLine()}`)
  console.log(farmNote(farm.size, 'each server process runs'))
  const head = ['setup', 'fan-out p50 ms', 'p99 ms', 'gaps', 'join p50 ms', 'join p99 ms', 'commands/s']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  for (const r of [head, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(defined(widths[i])) : c.padStart(defined(widths[i])))).join('  '))
  console.log('(fan-out: host command sent -> event at each client; join: every client at once until its deflated snapshot; commands/s: award.announce acknowledged, hosts on every process, 4 in flight each)')
} finally {
  farm.stop()
  for (const c of children) c.kill('SIGKILL')
}
process.exit(0)
