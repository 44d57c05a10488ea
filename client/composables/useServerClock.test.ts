import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { msToNextBoundary, useServerClock } from './useServerClock.js'
import { useSessionStore } from '../stores/session.js'
import { defined } from '../test/defined.js'

describe('useServerClock', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000_250) // local clock
  })
  afterEach(() => vi.useRealTimers())

  it('ticks on the server clock’s second boundaries, not the device’s', async () => {
    const offset = ref(3 * 3600_000 + 400) // the server is 3 h 0.4 s ahead of this device
    const scope = effectScope()
    const c = defined(scope.run(() => useServerClock({ offsetMs: offset })))
    expect(c.now.value).toBe(1_000_000_250 + offset.value)
    const ticks: number[] = []
    scope.run(() => {
      const stop = setInterval(() => ticks.push(c.now.value), 1)
      return stop
    })
    vi.advanceTimersByTime(3000)
    await nextTick()
    // Every tick lands just after a whole server second: screens with other offsets flip together.
    const distinct = [...new Set(ticks)].slice(1)
    expect(distinct.length).toBeGreaterThanOrEqual(3)
    for (const t of distinct) expect(t % 1000).toBe(2)
    scope.stop()
  })

  it('re-aligns at once when the offset estimate changes', async () => {
    const offset = ref(0)
    const scope = effectScope()
    const c = defined(scope.run(() => useServerClock({ offsetMs: offset })))
    offset.value = 640
    await nextTick()
    expect(c.now.value).toBe(1_000_000_250 + 640)
    vi.advanceTimersByTime(msToNextBoundary(c.now.value, 1000))
    expect(c.now.value % 1000).toBe(2)
    scope.stop()
  })

  it('reads the conference store’s offset by default', () => {
    setActivePinia(createPinia())
    useSessionStore().setClockOffset(-7200_000)
    const scope = effectScope()
    const c = defined(scope.run(() => useServerClock()))
    expect(c.serverNow()).toBe(1_000_000_250 - 7200_000)
    scope.stop()
  })

  it('waits to just past the next boundary', () => {
    expect(msToNextBoundary(1_000, 1000)).toBe(1002)
    expect(msToNextBoundary(1_999, 1000)).toBe(3)
    expect(msToNextBoundary(-1, 1000)).toBe(3)
  })
})
