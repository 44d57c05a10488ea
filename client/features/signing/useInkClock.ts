/**
 * The page's own clock for live ink (performance.now, as the ink batches are timed on arrival),
 * ticking every `everyMs` while the component is mounted: whether a bloc's pen is still moving.
 */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

export function useInkClock(everyMs = 1000): Ref<number> {
  const now = ref(performance.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => (timer = setInterval(() => (now.value = performance.now()), everyMs)))
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
