/**
 * Server-clock estimation from `clock` round trips (NTP-style): each sample gives an offset
 * (server time minus local time) good to within half its round trip, so the estimate averages
 * the few samples with the lowest round trips among the recent ones. Old samples expire, so
 * another server process is followed within minutes, not never. A sample that cannot agree with
 * the estimate (their error bounds, half of each round trip, do not overlap) means the local wall
 * clock was stepped (NTP, a user, a resumed laptop): the older samples are dropped at once, so the
 * next reveal is on time rather than off by the step.
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
  /** Slack (ms) beyond the round trips' bounds before a disagreeing sample counts as a clock step. */
  stepToleranceMs?: number
}

export class ClockEstimator {
  private samples: ClockSample[] = []
  private readonly keep: number
  private readonly best: number
  private readonly maxAgeMs: number
  private readonly stepToleranceMs: number
  /** How many clock steps were detected (for diagnostics and tests). */
  steps = 0

  constructor(opts: ClockEstimatorOptions = {}) {
    this.keep = opts.keep ?? 16
    this.best = opts.best ?? 3
    this.maxAgeMs = opts.maxAgeMs ?? 5 * 60_000
    this.stepToleranceMs = opts.stepToleranceMs ?? 50
  }

  /** Adds one round trip: sent at local `t0`, answered with `serverTime`, received at local `t1`. */
  add(t0: number, serverTime: number, t1: number): void {
    const rtt = Math.max(0, t1 - t0)
    const sample = { rtt, offset: serverTime + rtt / 2 - t1, takenAt: t1 }
    // A sample "taken" after now: the clock went back.
    if (this.samples.some((s) => s.takenAt > t1)) this.steps++
    let kept = this.samples.filter((s) => t1 - s.takenAt <= this.maxAgeMs && s.takenAt <= t1)
    if (this.stepped(kept, sample)) {
      kept = []
      this.steps++
    }
    this.samples = [...kept, sample].slice(-this.keep)
  }

  /** True when `sample` and the estimate from `kept` cannot both hold: the true offset lies within ±rtt/2 of each. */
  private stepped(kept: ClockSample[], sample: ClockSample): boolean {
    const chosen = this.chosen(kept)
    if (chosen.length === 0) return false
    const estimate = chosen.reduce((s, x) => s + x.offset, 0) / chosen.length
    const bound = Math.max(...chosen.map((x) => x.rtt)) / 2 + sample.rtt / 2 + this.stepToleranceMs
    return Math.abs(sample.offset - estimate) > bound
  }

  private chosen(samples: ClockSample[]): ClockSample[] {
    return [...samples].sort((a, b) => a.rtt - b.rtt).slice(0, this.best)
  }

  /** Server time minus local time, in ms; 0 before any sample. */
  get offset(): number {
    const chosen = this.chosen(this.samples)
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
