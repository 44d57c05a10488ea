import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterFlips, afterFlipsPainted, atInstant, flipAt } from './at-instant.js'

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

  it('the flips of an instant run in one task, the roll first, and a render of that instant waits for them', () => {
    vi.useFakeTimers()
    const ran: string[] = []
    // The countdown's flip is asked 1 s ahead, the roll's 3.5 s ahead: one task all the same, at
    // the delay asked last, so that no frame can be painted between them.
    flipAt(1000, () => ran.push('countdown gone'), 100)
    flipAt(1000, () => ran.push('roll shown'), 120, { paintFirst: true })
    // The render's own timer fires first: it is held until both flips have run.
    afterFlips(1000, () => ran.push('render'))
    expect(ran).toEqual([])
    vi.advanceTimersByTime(119)
    expect(ran).toEqual([])
    vi.advanceTimersByTime(1)
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

  it('a render waits for the frame that paints its instant\'s flips, and goes with the flips where none drew ahead', () => {
    vi.useFakeTimers()
    const ran: string[] = []
    const frames: (() => void)[] = []
    const paint = (run: () => void) => {
      frames.push(run)
      return () => {}
    }
    flipAt(4000, () => ran.push('flip'), 50, { paintFirst: true })
    flipAt(4000, () => ran.push('small flip'), 40)
    afterFlipsPainted(4000, () => ran.push('render'), paint)
    vi.advanceTimersByTime(50)
    expect(ran).toEqual(['flip', 'small flip'])
    expect(frames).toHaveLength(1)
    frames[0]?.()
    expect(ran).toEqual(['flip', 'small flip', 'render'])
    // The flip has run: a render of that instant still waits for a frame (it may not be painted yet).
    afterFlipsPainted(4000, () => ran.push('second render'), paint)
    expect(frames).toHaveLength(2)
    expect(ran.at(-1)).toBe('render')
    // An instant whose only flip is a small one: the render follows it in the same task, no frame asked.
    flipAt(5000, () => ran.push('countdown gone'), 50)
    afterFlipsPainted(5000, () => ran.push('award shown'), paint)
    vi.advanceTimersByTime(50)
    expect(ran.slice(-2)).toEqual(['countdown gone', 'award shown'])
    // A cancelled roll flip changed nothing: no frame asked either.
    const cancel = flipAt(6000, () => ran.push('never'), 50, { paintFirst: true })
    cancel()
    afterFlipsPainted(6000, () => ran.push('at once'), paint)
    expect(ran.at(-1)).toBe('at once')
    expect(frames).toHaveLength(2)
  })
})
