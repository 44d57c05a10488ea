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

  /**
   * A device whose wall clock is stepped while the page runs. `wall` is the device's clock, the
   * server's runs at true time. A reveal shows when wall + offset reaches revealAt; how late it
   * is in true time is (true offset − estimated offset).
   */
  function steppedDevice(stepMs: number) {
    const est = new ClockEstimator()
    let trueNow = 10_000_000
    let skew = 2_500 // the device's wall clock is 2.5 s ahead of the server
    const sample = (up: number, down: number) => {
      const t0 = trueNow + skew
      const serverTime = trueNow + up
      trueNow += up + down
      est.add(t0, serverTime, trueNow + skew)
      trueNow += 1000
    }
    // Settled: 16 quick samples (6 ms round trips) before the step.
    for (let i = 0; i < 16; i++) sample(3, 3)
    const lateBefore = -skew - est.offset
    skew += stepMs
    // After the step the network is busier: round trips of 40 to 120 ms, worse than the kept ones.
    sample(20, 20)
    const lateAfterOne = -skew - est.offset
    for (const [up, down] of [[60, 30], [20, 100], [35, 35]] as const) sample(up, down)
    return { est, lateBefore, lateAfterOne, lateAfterFour: -skew - est.offset }
  }

  it('drops its samples when the wall clock steps 60 s forward: the next reveal is on time, not a minute off', () => {
    const { est, lateBefore, lateAfterOne, lateAfterFour } = steppedDevice(60_000)
    expect(Math.abs(lateBefore)).toBeLessThan(5)
    expect(est.steps).toBe(1)
    // Within half the round trip of the one sample taken since the step.
    expect(Math.abs(lateAfterOne)).toBeLessThan(25)
    expect(Math.abs(lateAfterFour)).toBeLessThan(25)
    expect(est.offset).toBeCloseTo(-62_500, -2)
  })

  it('drops its samples when the wall clock steps 30 s back', () => {
    const { est, lateAfterOne, lateAfterFour } = steppedDevice(-30_000)
    expect(est.steps).toBe(1)
    expect(Math.abs(lateAfterOne)).toBeLessThan(25)
    expect(Math.abs(lateAfterFour)).toBeLessThan(25)
    expect(est.offset).toBeCloseTo(27_500, -2)
  })

  it('does not take network jitter for a step', () => {
    const est = new ClockEstimator()
    let now = 0
    for (let i = 0; i < 40; i++) now = roundTrip(est, now + 1000, 1_234, 5 + ((i * 37) % 300), 5 + ((i * 53) % 250))
    expect(est.steps).toBe(0)
  })
})
