/**
 * npm run bench (timers): how closely N screens agree on the agenda timer. Each client has its
 * own clock, skewed by up to ±6 hours, estimates the server clock as a page does (shared
 * ClockEstimator: a burst at connect and settled bursts), then ticks on the server's second
 * boundaries as useServerClock does. Printed: the error of each client's offset estimate, and
 * the spread of the instants at which all of them flip to the same second (real clock).
 * The server runs in its own process.
 *   TIMER_CLIENTS=100 npx tsx bench/timers.ts
 */
import { performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import { pageOptions } from './client.js'
import { ClockEstimator } from '../shared/clock.js'
import { msToNextBoundary } from '../client/composables/useServerClock.js'
import { loadLine } from './common.js'
import { startApp } from './target.js'
import { defined } from '../shared/testing/defined.js'

const CLIENTS = Number(process.env.TIMER_CLIENTS ?? 100)
const SECONDS = Number(process.env.TIMER_SECONDS ?? 6)
const HOUR = 3_600_000

const app = await startApp()
const ready = app.ready

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN
/** The real wall clock, finer than Date.now(). */
const realNow = () => performance.timeOrigin + performance.now()

interface Screen { socket: Socket; skew: number; clock: ClockEstimator; flips: Map<number, number> }

async function measure(s: Screen, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const local = () => realNow() + s.skew
    const t0 = local()
    const p0 = performance.now()
    const a = (await s.socket.timeout(3000).emitWithAck('clock', { t0 })) as { serverTime: number }
    const t1 = local()
    s.clock.add(t1 - (performance.now() - p0), a.serverTime, t1)
  }
}

/** Ticks as useServerClock does; records the real instant each server second is first shown. */
function tick(s: Screen, until: number): void {
  const serverNow = realNow() + s.skew + s.clock.offset
  const second = Math.floor(serverNow / 1000)
  if (!s.flips.has(second)) s.flips.set(second, realNow())
  if (realNow() < until) setTimeout(() => tick(s, until), msToNextBoundary(serverNow, 1000))
}

try {
  const url = app.url
  const screens: Screen[] = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => new Promise<Screen>((resolve, reject) => {
    const socket = io(url, pageOptions({ token: ready.viewerToken, lastSeq: ready.seq }))
    socket.once('connect', () => resolve({ socket, skew: ((i * 7919) % 1000 / 1000 - 0.5) * 12 * HOUR, clock: new ClockEstimator(), flips: new Map() }))
    socket.once('connect_error', reject)
  })))
  // A burst at connect, then settled bursts of 8, as the pages do.
  await Promise.all(screens.map((s) => measure(s, 5)))
  for (const wait of [1500, 2500]) {
    await new Promise((r) => setTimeout(r, wait))
    await Promise.all(screens.map((s) => measure(s, 8)))
  }
  // The bench and the server share this machine's clock: the true offset of a screen is −skew.
  const errors = screens.map((s) => Math.abs(s.clock.offset + s.skew))
  const until = realNow() + SECONDS * 1000
  for (const s of screens) tick(s, until)
  await new Promise((r) => setTimeout(r, SECONDS * 1000 + 1500))
  const spreads: number[] = []
  for (const second of defined(screens[0]).flips.keys()) {
    const at = screens.map((s) => s.flips.get(second))
    if (at.some((x) => x === undefined) || second === [...defined(screens[0]).flips.keys()][0]) continue
    spreads.push(Math.max(...(at as number[])) - Math.min(...(at as number[])))
  }
  console.log(`\nAgenda timers: ${CLIENTS} screens in one process, clocks skewed up to ±6 h, server in its own process; ${loadLine()}`)
  console.log(`offset estimate error, ms: p50 ${pct(errors, 50).toFixed(2)}, p99 ${pct(errors, 99).toFixed(2)}, max ${Math.max(...errors).toFixed(2)}`)
  console.log(`second flips across all screens (${spreads.length} seconds): spread p50 ${pct(spreads, 50).toFixed(1)} ms, max ${Math.max(...spreads).toFixed(1)} ms`)
  console.log('(one event loop runs every screen here, so the spread includes firing their timers one after another)')
  for (const s of screens) s.socket.disconnect()
} finally {
  app.kill()
}
process.exit(0)
