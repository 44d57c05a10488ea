import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import type { Award } from '../../../shared/domain.js'
import { useRecentRetractions } from './useRecentRetractions.js'
import { defined } from '../../test/defined.js'

const award = (id: string, retractedAt?: number): Award => ({
  id, typeId: 't', recipientKind: 'collective', recipientName: id, revealAt: 1, announcedAt: 'x',
  ...(retractedAt === undefined ? {} : { retracted: { reason: 'nhầm', at: new Date(retractedAt).toISOString() } }),
})

describe('useRecentRetractions', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
  })
  afterEach(() => vi.useRealTimers())

  it('shows a retraction at once, newest first, for a while by the server clock; older ones are history', async () => {
    const awards = ref<Award[]>([award('old', 900_000), award('kept')])
    const scope = effectScope()
    const offset = 5_000 // the server is 5 s ahead
    const list = defined(scope.run(() => useRecentRetractions(awards, () => Date.now() + offset, 45_000)))
    expect(list.value).toEqual([])
    const early = { ...award('early', 1_004_000), revealAt: 1_010_000 }
    awards.value = [...awards.value, award('a', 1_004_000), award('b', 1_005_000), early]
    await nextTick()
    expect(list.value.map((a) => a.id)).toEqual(['b', 'a'])
    vi.advanceTimersByTime(44_500) // server time 1_049_500: 'a' was 45.5 s ago
    expect(list.value.map((a) => a.id)).toEqual(['b'])
    vi.advanceTimersByTime(1_000)
    expect(list.value).toEqual([])
    scope.stop()
  })
})
