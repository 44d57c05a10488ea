import { afterEach, describe, expect, it, vi } from 'vitest'
import { atInstant } from './at-instant.js'

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
})
