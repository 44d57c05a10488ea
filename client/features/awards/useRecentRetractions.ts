/**
 * Retractions that are news: those made in the last while by the server clock, newest first.
 * Older ones are history (struck through where they stand, counted out of the figures).
 */
import { computed, onScopeDispose, ref, type Ref } from 'vue'
import type { Award } from '../../../shared/domain.js'

export function useRecentRetractions(awards: Ref<readonly Award[]>, serverNow: () => number, showMs = 45_000, max = 3) {
  const now = ref(serverNow())
  const timer = setInterval(() => (now.value = serverNow()), 1000)
  onScopeDispose(() => clearInterval(timer))
  return computed(() => {
    // Read the clock afresh too: a retraction that just arrived must not wait for the next second.
    const at = Math.max(now.value, serverNow())
    // Withdrawn during its countdown: never shown, so nothing to tell.
    return awards.value
      .filter((a) => a.retracted && a.revealAt !== undefined && a.revealAt <= at && Date.parse(a.retracted.at) > at - showMs)
      .sort((x, y) => Date.parse(y.retracted?.at ?? '') - Date.parse(x.retracted?.at ?? ''))
      .slice(0, max)
  })
}
