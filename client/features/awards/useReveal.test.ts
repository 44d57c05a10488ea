import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import type { Award } from '../../../shared/domain.js'
import { useReveal } from './useReveal.js'
import { flipAt } from '../../lib/at-instant.js'
import { defined } from '../../test/defined.js'

/** A browser's frames, every 16 ms on the fake clock: a reveal's lists render after the frame that shows a roll drawn ahead. */
const FRAME_MS = 16
/** The frame, then the task queued from it (a fake 0 ms timer waits 1 ms). */
const PAINTED_MS = FRAME_MS + 1
function frames(): void {
  vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => setTimeout(() => cb(Date.now()), FRAME_MS))
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id))
}

const award = (id: string, revealAt?: number, extra: Partial<Award> = {}): Award => ({
  id, typeId: 't', recipientKind: 'collective', recipientName: `Đơn vị ${id}`, ...(revealAt === undefined ? {} : { revealAt, announcedAt: 'x' }), ...extra,
})

describe('useReveal', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
    frames()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('shows a past reveal at once and a future one exactly at its instant, by the server clock', async () => {
    const awards = ref<Award[]>([award('past', 999_000), award('future', 1_000_500), award('hidden')])
    const offset = ref(200) // the server clock is 200 ms ahead of ours
    const scope = effectScope()
    const r = defined(scope.run(() => useReveal(awards, offset)))
    expect(r.revealed.value.map((a) => a.id)).toEqual(['past'])
    vi.advanceTimersByTime(299) // server time 1_000_499
    await nextTick()
    expect(r.revealed.value.map((a) => a.id)).toEqual(['past'])
    vi.advanceTimersByTime(2) // server time 1_000_501: the instant; nothing drawn ahead to flip, so the list goes now
    await nextTick()
    expect(r.revealed.value.map((a) => a.id)).toEqual(['future', 'past'])
    expect(r.batches.value.map((b) => b.awards.length)).toEqual([1, 1])
    scope.stop()
  })

  it('where a roll drawn ahead flips at the instant, the lists follow the frame that paints it', async () => {
    const awards = ref<Award[]>([award('roll', 1_000_400)])
    const scope = effectScope()
    const r = defined(scope.run(() => useReveal(awards, ref(0))))
    const ran: string[] = []
    flipAt(1_000_400, () => ran.push('roll shown'), 400, { paintFirst: true })
    expect(r.revealed.value).toHaveLength(0)
    vi.advanceTimersByTime(401)
    await nextTick()
    expect(ran).toEqual(['roll shown'])
    expect(r.revealed.value).toHaveLength(0)
    vi.advanceTimersByTime(PAINTED_MS)
    await nextTick()
    expect(r.revealed.value.map((a) => a.id)).toEqual(['roll'])
    scope.stop()
  })

  it('groups one announcement into one batch and keeps retracted awards', async () => {
    const awards = ref<Award[]>([award('a', 990_000), award('b', 995_000), award('c', 995_000, { retracted: { reason: 'nhầm tên', at: 'y' } })])
    const scope = effectScope()
    const r = defined(scope.run(() => useReveal(awards, ref(0))))
    expect(r.batches.value.map((b) => b.awards.map((a) => a.id))).toEqual([['b', 'c'], ['a']])
    awards.value = [...awards.value, award('d', 1_000_100)]
    await nextTick()
    expect(r.revealed.value).toHaveLength(3)
    vi.advanceTimersByTime(101 + PAINTED_MS)
    await nextTick()
    expect(r.batches.value[0]?.awards.map((a) => a.id)).toEqual(['d'])
    scope.stop()
  })
})

describe('useReveal reports', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
    frames()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('reports each announcement once, when it is revealed, but not old history or sealed awards', async () => {
    const awards = ref<Award[]>([award('old', 900_000), award('recent', 995_000), award('sealed', undefined, { sealed: true, recipientName: '' })])
    const shown: [number, number][] = []
    const scope = effectScope()
    const r = defined(scope.run(() => useReveal(awards, ref(50), { onShown: (at, now) => shown.push([at, now]) })))
    expect(shown).toEqual([[995_000, 1_000_050]])
    awards.value = [...awards.value, award('next', 1_000_300), award('next2', 1_000_300)]
    await nextTick()
    expect(shown).toHaveLength(1)
    vi.advanceTimersByTime(251)
    await nextTick()
    // Reported when it reached the DOM: at its instant (nothing drawn ahead held it back).
    expect(shown).toEqual([[995_000, 1_000_050], [1_000_300, 1_000_301]])
    expect(r.revealed.value.map((a) => a.id)).toEqual(['next', 'next2', 'recent', 'old'])
    awards.value = [...awards.value]
    await nextTick()
    expect(shown).toHaveLength(2)
    scope.stop()
  })
})

describe('useReveal on a page that paints no frames (a background tab)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
    vi.stubGlobal('requestAnimationFrame', () => 0)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('still reveals after a roll\'s flip, a quarter of a second after the instant', async () => {
    const awards = ref<Award[]>([award('future', 1_000_100)])
    const scope = effectScope()
    const r = defined(scope.run(() => useReveal(awards, ref(0))))
    flipAt(1_000_100, () => undefined, 100, { paintFirst: true })
    expect(r.revealed.value).toHaveLength(0)
    vi.advanceTimersByTime(101 + 249)
    await nextTick()
    expect(r.revealed.value).toHaveLength(0)
    vi.advanceTimersByTime(1)
    await nextTick()
    expect(r.revealed.value.map((a) => a.id)).toEqual(['future'])
    scope.stop()
  })
})
