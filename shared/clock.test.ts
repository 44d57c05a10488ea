import { describe, expect, it } from 'vitest'
import { ClockEstimator } from './clock.js'

/** A simulated client whose clock runs `skew` ms behind the server, over a link of given one-way delays. */
function roundTrip(est: ClockEstimator, localNow: number, skew: number, up: number, down: number): number {
  const t0 = localNow
  const serverTime = t0 + skew + up
  const t1 = t0 + up + down
  est.add(t0, serverTime, t1)
  return t1
}

describe('ClockEstimator', () => {
  it('finds the offset of a skewed clock over a symmetric link', () => {
    const est = new ClockEstimator()
    let now = 1_000_000
    for (let i = 0; i < 5; i++) now = roundTrip(est, now + 1000, 45_000, 20, 20)
    expect(est.offset).toBeCloseTo(45_000, 6)
  })

  it('keeps the lowest round trips, so jitter does not pull the estimate', () => {
    const est = new ClockEstimator()
    let now = 5_000_000
    // Deterministic jitter: most samples are delayed one way by up to 400 ms; three are clean.
    const delays: [number, number][] = [[5, 400], [300, 5], [6, 6], [250, 40], [5, 5], [180, 5], [7, 7], [5, 320], [90, 200]]
    for (const [up, down] of delays) now = roundTrip(est, now + 1000, -7_500, up, down)
    expect(Math.abs(est.offset - -7_500)).toBeLessThan(2)
    // The naive average of every sample would be far off.
    const naive = delays.reduce((s, [up, down]) => s + (up - down) / 2, 0) / delays.length
    expect(Math.abs(naive)).toBeGreaterThan(5)
  })

  it('forgets samples older than its window: a stepped local clock is followed', () => {
    const est = new ClockEstimator({ maxAgeMs: 60_000 })
    let now = 0
    for (let i = 0; i < 4; i++) now = roundTrip(est, now + 1000, 0, 3, 3)
    expect(est.offset).toBeCloseTo(0, 6)
    // The local clock jumps 60 s ahead: the server is now 60 s behind it; slower samples arrive.
    now += 120_000
    for (let i = 0; i < 3; i++) now = roundTrip(est, now + 1000, -60_000, 20, 20)
    expect(est.offset).toBeCloseTo(-60_000, 6)
  })

  it('is 0 before any sample and keeps at most `keep` samples', () => {
    const est = new ClockEstimator({ keep: 4 })
    expect(est.offset).toBe(0)
    let now = 0
    for (let i = 0; i < 10; i++) now = roundTrip(est, now + 100, 10, 1, 1)
    expect(est.size).toBe(4)
    expect(est.lastRtt).toBe(2)
  })
})
