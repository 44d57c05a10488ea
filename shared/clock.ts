/**
 * Server-clock estimation from `clock` round trips (NTP-style): each sample gives an offset
 * (server time minus local time) good to within half its round trip, so the estimate averages
 * the few samples with the lowest round trips among the recent ones. Old samples expire, so a
 * stepped local clock or another server process is followed within minutes, not never.
 */
export interface ClockSample {
  /** Round trip in ms. */
  rtt: number
  /** serverTime + rtt / 2 − local time at receipt. */
  offset: number
  /** Local time (ms) the sample was taken, for expiry. */
  takenAt: number
}

export interface ClockEstimatorOptions {
  /** Samples kept at most. */
  keep?: number
  /** How many of the lowest-RTT samples are averaged. */
  best?: number
  /** Samples older than this (ms) are dropped. */
  maxAgeMs?: number
}

export class ClockEstimator {
  private samples: ClockSample[] = []
  private readonly keep: number
  private readonly best: number
  private readonly maxAgeMs: number

  constructor(opts: ClockEstimatorOptions = {}) {
    this.keep = opts.keep ?? 16
    this.best = opts.best ?? 3
    this.maxAgeMs = opts.maxAgeMs ?? 5 * 60_000
  }

  /** Adds one round trip: sent at local `t0`, answered with `serverTime`, received at local `t1`. */
  add(t0: number, serverTime: number, t1: number): void {
    const rtt = Math.max(0, t1 - t0)
    this.samples = [...this.samples.filter((s) => t1 - s.takenAt <= this.maxAgeMs && s.takenAt <= t1), { rtt, offset: serverTime + rtt / 2 - t1, takenAt: t1 }].slice(-this.keep)
  }

  /** Server time minus local time, in ms; 0 before any sample. */
  get offset(): number {
    const chosen = [...this.samples].sort((a, b) => a.rtt - b.rtt).slice(0, this.best)
    return chosen.length ? chosen.reduce((s, x) => s + x.offset, 0) / chosen.length : 0
  }

  /** The latest round trip, if any. */
  get lastRtt(): number | undefined {
    return this.samples.at(-1)?.rtt
  }

  get size(): number {
    return this.samples.length
  }

  reset(): void {
    this.samples = []
  }
}
