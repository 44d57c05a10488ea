/**
 * What every bench shares: the machine's common clock, percentiles, and the line that says how
 * loaded the machine was when a figure was taken (a figure without its load means little here).
 */
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'

/**
 * The common clock: wall-clock milliseconds with sub-millisecond resolution. Every process of a
 * bench (the bench, the farm's workers) runs on this machine's clock, so an instant taken in one
 * process compares with an instant taken in another.
 */
export const now = (): number => performance.timeOrigin + performance.now()

/** The p-th percentile (nearest rank) of xs; NaN for none. */
export function pct(xs: ArrayLike<number>, p: number): number {
  const s = Array.from(xs).sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}

/** The largest of xs without spreading them onto the stack (arrays of 100,000 arrivals). */
export function max(xs: ArrayLike<number>): number {
  let m = -Infinity
  for (let i = 0; i < xs.length; i++) m = Math.max(m, xs[i] ?? -Infinity)
  return m
}

export const ms = (x: number, digits = 1): string => `${x.toFixed(digits)} ms`
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`
export const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t))

/** The machine and its load average (1, 5, 15 min): printed with every figure. */
export function loadLine(): string {
  const [a = 0, b = 0, c = 0] = loadavg()
  return `load average ${a.toFixed(2)} ${b.toFixed(2)} ${c.toFixed(2)} on ${cpus().length} cores`
}

/** Clients, from the environment: CLIENTS=3000 npm run bench. */
export const CLIENTS = Number(process.env.CLIENTS ?? 1000)

/** The note every farm bench prints: who shares the cores. */
export function farmNote(workers: number, servers = 'the server under test runs alone in its own process'): string {
  return `${servers} at normal priority; the ${workers} farm workers (nice ${FARM_NICE}) play the clients on the same ${cpus().length} cores and get what the server leaves`
}

/** The farm's niceness: the server under test gets the cores first. */
export const FARM_NICE = Number(process.env.FARM_NICE ?? 10)
