import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterFlips, atInstant, flipAt } from './at-instant.js'

describe('atInstant', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('runs on a plain timer where the browser has no task scheduler, and not once cancelled', () => {
    vi.useFakeTimers()
    const ran: string[] = []
    atInstant(() => ran.push('a'), 100)
    const cancel = atInstant(() => ran.push('b'), 100)
    cancel()
    vi.advanceTimersByTime(99)
    expect(ran).toEqual([])
    vi.advanceTimersByTime(1)
    expect(ran).toEqual(['a'])
  })

  it('asks the browser\'s scheduler for a user-blocking task at the delay, and aborts it when cancelled', async () => {
    const asked: { priority: string; delay: number; aborted: () => boolean }[] = []
    vi.stubGlobal('scheduler', {
      postTask: (run: () => void, opts: { priority: string; delay: number; signal: AbortSignal }) => {
        asked.push({ priority: opts.priority, delay: opts.delay, aborted: () => opts.signal.aborted })
        run()
        return Promise.resolve()
      },
    })
    let ran = 0
    const cancel = atInstant(() => ran++, -5)
    expect(asked.map((a) => [a.priority, a.delay])).toEqual([['user-blocking', 0]])
    expect(ran).toBe(1)
    cancel()
    expect(asked[0]?.aborted()).toBe(true)
  })

  it('a render of an instant waits for every flip of that instant, whichever timer fires first', () => {
    vi.useFakeTimers()
    const ran: string[] = []
    flipAt(1000, () => ran.push('roll shown'), 100)
    flipAt(1000, () => ran.push('countdown gone'), 120)
    // The render's own timer fires first: it is held until both flips have run.
    afterFlips(1000, () => ran.push('render'))
    expect(ran).toEqual([])
    vi.advanceTimersByTime(100)
    expect(ran).toEqual(['roll shown'])
    vi.advanceTimersByTime(20)
    expect(ran).toEqual(['roll shown', 'countdown gone', 'render'])
    // Flips of that instant all run: a later render goes at once.
    afterFlips(1000, () => ran.push('late render'))
    expect(ran.at(-1)).toBe('late render')
  })

  it('a cancelled flip holds nobody back, and a cancelled wait never runs', () => {
    vi.useFakeTimers()
    const ran: string[] = []
    const cancelFlip = flipAt(2000, () => ran.push('flip'), 100)
    afterFlips(2000, () => ran.push('render'))
    const cancelWait = afterFlips(2000, () => ran.push('cancelled render'))
    cancelWait()
    cancelFlip()
    expect(ran).toEqual(['render'])
    vi.advanceTimersByTime(200)
    expect(ran).toEqual(['render'])
    // Another instant has no flip due: its render runs at once.
    afterFlips(3000, () => ran.push('other'))
    expect(ran).toEqual(['render', 'other'])
  })
})
