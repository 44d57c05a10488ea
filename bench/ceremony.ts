/**
 * npm run bench (second part): the award ceremony at the real scale, each figure beside a
 * baseline measured in the same run, the server in its own process:
 *   - reveal spread: 1,000 clients reveal each announcement at revealAt on their corrected
 *     clocks; the spread of the reported instants, beside the naive show-on-arrival spread;
 *   - volume: all remaining demo awards in one command, until every client has them;
 *   - join storm: with every award announced, 1,000 clients connect at once and each holds the
 *     state (inflated and parsed), beside a bare Socket.IO server handing out a tiny snapshot;
 *   - wire size: a viewer's snapshot at the end of the ceremony, raw and as sent (deflated).
 *   CLIENTS=1000 ROUNDS=50 npm run bench
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { inflateSync } from 'node:zlib'
import { io, type Socket } from 'socket.io-client'
import { pageOptions } from './client.js'
import { ClockEstimator } from '../shared/clock.js'
import { defined } from '../shared/testing/defined.js'

const CLIENTS = Number(process.env.CLIENTS ?? 1000)
const ROUNDS = Number(process.env.ROUNDS ?? 50)

interface Ready { appPort: number; barePort: number; hostToken: string; viewerToken: string; seq: number; awardIds: string[] }

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] })
const ready = await new Promise<Ready>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
  createInterface({ input: defined(child.stdout) }).once('line', (line) => resolve(JSON.parse(line) as Ready))
})
const app = `http://127.0.0.1:${ready.appPort}`
const bareUrl = `http://127.0.0.1:${ready.barePort}`

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}
const ms = (x: number) => `${x.toFixed(1)} ms`

function connect(url: string, auth: object): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, pageOptions(auth))
    s.once('connect', () => resolve(s))
    s.once('connect_error', reject)
  })
}

/** Estimates a client's server-clock offset from a few `clock` round trips, as a page does. */
async function estimate(s: Socket, rounds = 4): Promise<number> {
  const est = new ClockEstimator()
  for (let i = 0; i < rounds; i++) {
    const t0 = Date.now()
    const a = (await s.timeout(5000).emitWithAck('clock', { t0 })) as { serverTime: number }
    est.add(t0, a.serverTime, Date.now())
  }
  return est.offset
}

let seq = ready.seq
const host = await connect(app, { token: ready.hostToken, lastSeq: seq })
async function command(type: string, data: object): Promise<number> {
  const ack = (await host.timeout(30_000).emitWithAck('command', { id: crypto.randomUUID(), type, data })) as { ok: boolean; seq?: number; error?: unknown }
  if (!ack.ok) throw new Error(`${type} refused: ${JSON.stringify(ack.error)}`)
  return defined(ack.seq)
}

try {
  // ------------------------------------------------------------ reveal spread
  const viewers = await Promise.all(Array.from({ length: CLIENTS }, () => connect(app, { token: ready.viewerToken, lastSeq: seq })))
  const offsets: number[] = []
  for (let i = 0; i < viewers.length; i += 50) offsets.push(...(await Promise.all(viewers.slice(i, i + 50).map((v) => estimate(v).catch(() => 0)))))
  const arrivals = new Map<number, number[]>()
  const reveals = new Map<number, number[]>()
  let got = 0
  let onAll: () => void = () => {}
  // A client dropped on the way (its process too busy for the heartbeat) never answers: a round
  // waits at most 15 s and says so, rather than hang the bench.
  let dropped = 0
  let shortRounds = 0
  let measuring = true
  for (const v of viewers) v.on('disconnect', () => (measuring ? dropped++ : undefined))
  const within = async (p: Promise<void>, onLate: () => void) => {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<void>((r) => (timer = setTimeout(() => (onLate(), r()), 15_000)))
    await Promise.race([p, late])
    clearTimeout(timer)
  }
  viewers.forEach((v, i) => {
    v.on('events', ({ events }: { events: { type: string; data: { revealAt?: number; awardIds?: string[] } }[] }) => {
      for (const e of events) {
        if (e.type !== 'award.announced' || e.data.revealAt === undefined) continue
        const revealAt = e.data.revealAt
        const arrivedAt = Date.now() + defined(offsets[i])
        ;(arrivals.get(revealAt) ?? defined(arrivals.set(revealAt, []).get(revealAt))).push(arrivedAt)
        // Reveal at revealAt on this client's corrected clock; a late arrival reveals at once.
        const show = () => {
          ;(reveals.get(revealAt) ?? defined(reveals.set(revealAt, []).get(revealAt))).push(Date.now() + defined(offsets[i]))
          if (++got === expectedReveals) onAll()
        }
        const wait = revealAt - (Date.now() + defined(offsets[i]))
        if (wait > 0) setTimeout(show, wait)
        else show()
      }
    })
  })
  let expectedReveals = 0
  const announcedIds = new Set<string>()
  for (let r = 0; r < ROUNDS; r++) {
    const id = defined(ready.awardIds[r])
    announcedIds.add(id)
    got = 0
    // A client dropped on the way (counted below) reports nothing: the round waits for those still connected.
    expectedReveals = viewers.filter((v) => v.connected).length
    const all = new Promise<void>((res) => (onAll = res))
    seq = await command('award.announce', { awardIds: [id] })
    await within(all, () => shortRounds++)
  }
  const spread = (m: Map<number, number[]>) => [...m.values()].map((xs) => Math.max(...xs) - Math.min(...xs))
  const revealSpread = spread(reveals)
  const naiveSpread = spread(arrivals)
  const lateness = [...reveals.entries()].flatMap(([at, xs]) => xs.map((x) => x - at))

  // ------------------------------------------------------------ volume
  const rest = ready.awardIds.filter((id) => !announcedIds.has(id))
  let volumeDone = 0
  let volumeAll: () => void = () => {}
  const volumeArrived = new Promise<void>((res) => (volumeAll = res))
  const volumeSizes: number[] = []
  const volumeExpected = viewers.filter((v) => v.connected).length
  for (const v of viewers) {
    v.removeAllListeners('events')
    v.on('events', ({ events }: { events: { type: string; data: { awards?: unknown[] } }[] }) => {
      const e = events.find((x) => x.type === 'award.announced')
      if (!e) return
      volumeSizes.push(e.data.awards?.length ?? 0)
      if (++volumeDone === volumeExpected) volumeAll()
    })
  }
  const tv = performance.now()
  seq = await command('award.announce', { awardIds: rest })
  const volumeAckMs = performance.now() - tv
  await within(volumeArrived, () => shortRounds++)
  const volumeMs = performance.now() - tv
  measuring = false
  for (const v of viewers) v.disconnect()

  // ------------------------------------------------------------ join storm
  let stormDropped = 0
  async function storm(url: string, auth: object): Promise<{ ms: number; bytes: number; awards: number }> {
    const t = performance.now()
    let bytes = 0
    let awards = 0
    const held = new WeakSet<Socket>()
    const sockets = await Promise.all(
      Array.from({ length: CLIENTS }, () => new Promise<Socket>((resolve, reject) => {
        const s = io(url, pageOptions(auth))
        s.once('connect_error', reject)
        s.once('disconnect', () => {
          if (!held.has(s)) stormDropped++
          resolve(s)
        })
        s.once('snapshot', (snap: { packed?: Buffer; state?: { awards: unknown[] } }) => {
          // Holding the state means having it parsed, as a page does before it can show it.
          const state = snap.packed ? (JSON.parse(inflateSync(snap.packed).toString('utf8')) as { awards: unknown[] }) : defined(snap.state)
          bytes = snap.packed ? snap.packed.length : JSON.stringify(snap.state).length
          awards = state.awards.length
          held.add(s)
          resolve(s)
        })
      })),
    )
    const took = performance.now() - t
    for (const s of sockets) s.disconnect()
    return { ms: took, bytes, awards }
  }
  const pause = () => new Promise((r) => setTimeout(r, 1000))
  const bareStorm = await storm(bareUrl, { join: 'tiny' })
  await pause()
  const sameStorm = await storm(bareUrl, { join: 'same' })
  await pause()
  const appStorm = await storm(app, { token: ready.viewerToken, snapshotEncoding: 'deflate' })
  const state = await (await fetch(`${app}/api/conferences/ninh-thuan-2023/state`, { headers: { authorization: `Bearer ${ready.viewerToken}` } })).text()

  if (dropped || shortRounds || stormDropped) console.error(`${dropped} clients dropped during the reveal rounds and the volume (${shortRounds} waits cut at 15 s); ${stormDropped} dropped in the join storms: the figures below leave them out`)
  console.log(`\nThe award ceremony at scale: ${CLIENTS} clients (one process), server in its own process, 2-core machine`)
  console.log(`reveal spread over ${ROUNDS} announcements (max − min of the instants each client revealed, on its corrected clock):`)
  console.log(`  Điểm Cầu reveal at revealAt  p50 ${ms(pct(revealSpread, 50))}  p99 ${ms(pct(revealSpread, 99))}   (lateness vs revealAt p99 ${ms(pct(lateness, 99))})`)
  console.log(`  naive show-on-arrival        p50 ${ms(pct(naiveSpread, 50))}  p99 ${ms(pct(naiveSpread, 99))}`)
  console.log(`volume: ${rest.length} awards in one award.announce reached all ${CLIENTS} clients in ${ms(volumeMs)} (host ack ${ms(volumeAckMs)}; each got ${Math.min(...volumeSizes)} awards' display data)`)
  console.log('  (the host socket shares the clients\' process, so its ack waits behind their parsing of the same message)')
  console.log(`join storm: ${CLIENTS} clients connect at once and hold the state`)
  console.log(`  bare Socket.IO, tiny snapshot                          ${ms(bareStorm.ms)}`)
  console.log(`  bare Socket.IO, the same ${(sameStorm.bytes / 1024).toFixed(0)} KiB deflated state         ${ms(sameStorm.ms)}`)
  console.log(`  Điểm Cầu (token check, catch-up), all ${appStorm.awards} awards announced  ${ms(appStorm.ms)}`)
  console.log('  (each client inflates and parses its state before it counts: the bench clients share one process and core)')
  console.log(`wire size of a viewer's snapshot at the end of the ceremony: ${(state.length / 1024).toFixed(0)} KiB JSON, ${(appStorm.bytes / 1024).toFixed(0)} KiB as sent (deflated, encoded once per seq)`)
} finally {
  host.disconnect()
  child.kill('SIGKILL')
}
process.exit(0)
