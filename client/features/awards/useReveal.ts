/**
 * Which announced awards are revealed now, by the server's clock as this page estimates it.
 * A timer fires at the exact next reveal instant; an award whose revealAt has passed shows at once.
 * `onShown` hears, once per announcement, the server-clock instant its reveal reached the DOM.
 */
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue'
import type { Award } from '../../../shared/domain.js'
import { useServerClock } from '../../composables/useServerClock.js'
import { afterNextPaint } from '../../lib/paint.js'
import { afterFlipsPainted } from '../../lib/at-instant.js'

export interface RevealBatch {
  revealAt: number
  awards: Award[]
}

/** An announcement revealed longer ago than this when the page loads is history, not a reveal. */
const REPORT_WITHIN_MS = 30_000

export interface RevealOptions {
  onShown?: (revealAt: number, atServerMs: number) => void
}

export function useReveal(awards: Ref<readonly Award[]>, clockOffsetMs: Ref<number>, options: RevealOptions = {}) {
  /** Bumped at each reveal instant so that the computeds below re-read the clock. */
  const tick = ref(0)
  let timer: ReturnType<typeof setTimeout> | undefined
  let cancelPaint = () => {}

  // No ticking: the timer below fires at each reveal instant instead.
  const { serverNow } = useServerClock({ intervalMs: 0, offsetMs: clockOffsetMs })

  const announced = computed(() => awards.value.filter((a): a is Award & { revealAt: number } => a.revealAt !== undefined && !a.sealed))

  function schedule(): void {
    clearTimeout(timer)
    cancelPaint()
    const now = serverNow()
    let next = Infinity
    for (const a of announced.value) if (a.revealAt > now && a.revealAt < next) next = a.revealAt
    if (next === Infinity) return
    // setTimeout may fire a hair early; the +1 keeps us from rescheduling in a busy loop. The
    // lists and figures that follow a reveal render after the frame that shows it: a roll drawn
    // ahead flips itself at the instant (HonoursRoll), and on a slow PC re-rendering them first
    // would hold that frame back by as long as the render takes.
    // Its timer may fire before the flips of the same instant: the render waits for them, then for their frame.
    const instant = next
    timer = setTimeout(() => {
      cancelPaint = afterFlipsPainted(instant, () => {
        tick.value++
        schedule()
      }, afterNextPaint)
    }, Math.min(next - now + 1, 2 ** 31 - 1))
  }
  watch([announced, clockOffsetMs], () => {
    tick.value++
    schedule()
  }, { immediate: true })
  onScopeDispose(() => {
    clearTimeout(timer)
    cancelPaint()
  })

  /** Revealed awards, newest reveal first (retracted ones included: they show as withdrawn). */
  const revealed = computed(() => {
    void tick.value
    const now = serverNow()
    return announced.value.filter((a) => a.revealAt <= now).sort((a, b) => b.revealAt - a.revealAt)
  })

  /** Announcement batches, newest first: one announcement shares one revealAt. */
  const batches = computed<RevealBatch[]>(() => {
    const out: RevealBatch[] = []
    for (const a of revealed.value) {
      const last = out.at(-1)
      if (last && last.revealAt === a.revealAt) last.awards.push(a)
      else out.push({ revealAt: a.revealAt, awards: [a] })
    }
    return out
  })

  const reported = new Set<number>()
  if (options.onShown) {
    const onShown = options.onShown
    // 'post': after the DOM has been patched with the newly revealed awards.
    watch(batches, (list) => {
      const now = serverNow()
      for (const b of list) {
        if (now - b.revealAt > REPORT_WITHIN_MS) break
        if (reported.has(b.revealAt)) continue
        reported.add(b.revealAt)
        onShown(b.revealAt, now)
      }
    }, { flush: 'post', immediate: true })
  }

  return { revealed, batches, serverNow, tick }
}
