/**
 * npm run bench: the time from a host command to its arrival at N connected clients (p50, p99),
 * for the real server and, in the same run, a bare Socket.IO broadcast as the baseline.
 * The server runs in its own process so that clients and server do not share one event loop.
 *   CLIENTS=1000 ROUNDS=50 npm run bench
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import { pageOptions } from './client.js'
import { defined } from '../shared/testing/defined.js'

const CLIENTS = Number(process.env.CLIENTS ?? 1000)
const ROUNDS = Number(process.env.ROUNDS ?? 50)
const WARMUP = 10

interface Ready {
  appPort: number; barePort: number; hostToken: string; viewerToken: string; seq: number; awardIds: string[]
  snapshot: { bytes: number; deflatedBytes: number; stringifyMs: number }
}

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] })
const ready = await new Promise<Ready>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
  createInterface({ input: defined(child.stdout) }).once('line', (line) => resolve(JSON.parse(line) as Ready))
})

function connectMany(url: string, auth: object, n: number): Promise<Socket[]> {
  return Promise.all(
    Array.from({ length: n }, () => new Promise<Socket>((resolve, reject) => {
      const s = io(url, pageOptions(auth))
      s.once('connect', () => resolve(s))
      s.once('connect_error', reject)
    })),
  )
}

/** Sends ROUNDS commands one after another; returns per-client arrival latencies and ack latencies. */
async function measure(name: string, url: string, clientAuth: object, hostAuth: object, nextCommand: (i: number) => object) {
  const clients = await connectMany(url, clientAuth, CLIENTS)
  const [host] = await connectMany(url, hostAuth, 1)
  const arrivals: number[] = []
  const acks: number[] = []
  let t0 = 0
  let expected = 0
  let arrived = 0
  let done: () => void = () => {}
  for (const c of clients) {
    c.on('events', ({ events }: { events: unknown[] }) => {
      if (events.length === 0) return
      arrivals.push(performance.now() - t0)
      if (++arrived === expected) done()
    })
  }
  for (let i = 0; i < ROUNDS + WARMUP; i++) {
    arrived = 0
    expected = CLIENTS
    const all = new Promise<void>((r) => (done = r))
    const mark = arrivals.length
    t0 = performance.now()
    const ack = (await defined(host).timeout(10_000).emitWithAck('command', nextCommand(i))) as { ok: boolean; error?: unknown }
    if (!ack.ok) throw new Error(`${name}: command refused: ${JSON.stringify(ack.error)}`)
    acks.push(performance.now() - t0)
    await all
    if (i < WARMUP) { arrivals.length = mark; acks.pop() }
  }
  for (const c of [...clients, defined(host)]) c.disconnect()
  return { name, arrivals, acks }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return defined(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))])
}
const fmt = (ms: number) => ms.toFixed(2).padStart(8)

try {
  // Clients connect with lastSeq so that 500 of them do not each download the 3,000-award snapshot.
  const bare = await measure('bare Socket.IO broadcast', `http://127.0.0.1:${ready.barePort}`, {}, {}, (i) => ({ id: `bench-${i}`, type: 'award.announce', data: { awardIds: [ready.awardIds[i]], revealInMs: 0 } }))
  const real = await measure('Điểm Cầu award.announce', `http://127.0.0.1:${ready.appPort}`, { token: ready.viewerToken, lastSeq: ready.seq }, { token: ready.hostToken, lastSeq: ready.seq }, (i) => ({ id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: [ready.awardIds[i]], revealInMs: 0 } }))
  console.log(`\n${CLIENTS} clients, ${ROUNDS} commands each (after ${WARMUP} warm-up), 2-core machine, server in its own process`)
  console.log(`${'measure'.padEnd(28)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'ack p50'.padStart(8)}`)
  for (const r of [bare, real]) {
    console.log(`${r.name.padEnd(28)} ${fmt(pct(r.arrivals, 50))} ${fmt(pct(r.arrivals, 99))} ${fmt(Math.max(...r.arrivals))} ${fmt(pct(r.acks, 50))}`)
  }
  console.log('(arrival: host command sent -> event received by each client; ack: until the host has its answer, i.e. durable)')
  const { bytes, deflatedBytes, stringifyMs } = ready.snapshot
  console.log(`\nsnapshot of the demo conference (${ready.awardIds.length} awards): ${(bytes / 1024).toFixed(0)} KiB JSON, ${(deflatedBytes / 1024).toFixed(0)} KiB deflated, serialized in ${stringifyMs.toFixed(1)} ms`)
} finally {
  child.kill('SIGKILL')
}
process.exit(0)
