/**
 * npm run bench (live ink): a signer's pad streams ink batches (30 a second, as the page sends
 * them) to 1,000 connected dashboards; the time from the pad's send to each dashboard's receipt
 * (p50, p99), beside a bare Socket.IO relay of the same batches measured in the same run.
 *   CLIENTS=1000 BATCHES=150 npm run bench
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import { pageOptions } from './client.js'
import { defined } from '../shared/testing/defined.js'

const CLIENTS = Number(process.env.CLIENTS ?? 1000)
const BATCHES = Number(process.env.BATCHES ?? 150)
const EVERY_MS = 33

interface Ready { appPort: number; barePort: number; hostToken: string; viewerToken: string; signerToken: string; blocId: string; seq: number }

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] })
const ready = await new Promise<Ready>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
  createInterface({ input: defined(child.stdout) }).once('line', (line) => resolve(JSON.parse(line) as Ready))
})

const connect = (url: string, auth: object) =>
  new Promise<Socket>((resolve, reject) => {
    const s = io(url, pageOptions(auth))
    s.once('connect', () => resolve(s))
    s.once('connect_error', reject)
  })

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN

/** Streams BATCHES batches from `pad`; returns every (send → receipt) latency at the `screens`. */
async function stream(pad: Socket, screens: Socket[], blocId: string): Promise<{ latencies: number[]; lost: number }> {
  const sentAt = new Map<number, number>()
  const latencies: number[] = []
  for (const s of screens) s.on('ink', (b: { stroke: number; points: number[][] }) => {
    const t = sentAt.get(defined(defined(b.points[0])[2]))
    if (t !== undefined) latencies.push(performance.now() - t)
  })
  for (let i = 0; i < BATCHES; i++) {
    // Each batch: the next 4 points of a looping stroke; t (ms from the stroke's start) identifies it.
    const t = i * EVERY_MS
    const points = Array.from({ length: 4 }, (_, k) => [0.5 + 0.3 * Math.cos((i * 4 + k) / 9), 0.5 + 0.2 * Math.sin((i * 4 + k) / 5), t + k])
    sentAt.set(t, performance.now())
    pad.emit('ink', { blocId, stroke: 0, points })
    await new Promise((r) => setTimeout(r, EVERY_MS))
  }
  await new Promise((r) => setTimeout(r, 1000))
  for (const s of [pad, ...screens]) s.disconnect()
  return { latencies, lost: BATCHES * screens.length - latencies.length }
}

try {
  const bareUrl = `http://127.0.0.1:${ready.barePort}`
  const bare = await stream(await connect(bareUrl, {}), await Promise.all(Array.from({ length: CLIENTS }, () => connect(bareUrl, {}))), ready.blocId)

  const app = `http://127.0.0.1:${ready.appPort}`
  const host = await connect(app, { token: ready.hostToken, lastSeq: ready.seq })
  const ack = (await host.emitWithAck('command', { id: crypto.randomUUID(), type: 'pledge.openSigning', data: {} })) as { ok: boolean }
  if (!ack.ok) throw new Error('could not open signing')
  const screens = await Promise.all(Array.from({ length: CLIENTS }, () => connect(app, { token: ready.viewerToken, lastSeq: ready.seq + 1 })))
  const real = await stream(await connect(app, { token: ready.signerToken, lastSeq: ready.seq + 1 }), screens, ready.blocId)
  host.disconnect()

  console.log(`\nLive ink: ${BATCHES} batches at ${Math.round(1000 / EVERY_MS)}/s from one pad to ${CLIENTS} dashboards (one process), server in its own process`)
  console.log(`${'measure'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'lost'.padStart(6)}`)
  for (const [name, r] of [['bare Socket.IO relay', bare], ['Điểm Cầu ink (checked, relayed)', real]] as const) {
    console.log(`${name.padEnd(34)} ${pct(r.latencies, 50).toFixed(2).padStart(8)} ${pct(r.latencies, 99).toFixed(2).padStart(8)} ${String(r.lost).padStart(6)}`)
  }
  console.log('(volatile: a batch a slow screen cannot take is dropped, never queued; the signature itself comes by pledge.sign)')
} finally {
  child.kill('SIGKILL')
}
process.exit(0)
