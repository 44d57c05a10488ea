/**
 * Slowly scrolls an overflowing list on a wall screen nobody touches, pausing at both ends,
 * so that every name comes into view in turn.
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue'

export function useAutoScroll(el: Ref<HTMLElement | null>, pxPerSecond = 28, pauseMs = 4000): void {
  let frame = 0
  let last = 0
  let pausedUntil = 0
  let pos = 0

  function step(now: number): void {
    frame = requestAnimationFrame(step)
    const box = el.value
    const dt = last ? now - last : 0
    last = now
    if (!box || box.matches(':hover') || now < pausedUntil) return
    const max = box.scrollHeight - box.clientHeight
    if (max <= 2) {
      pos = 0
      return
    }
    if (Math.abs(box.scrollTop - pos) > 4) pos = box.scrollTop // someone scrolled by hand
    if (pos >= max) {
      pos = 0
      box.scrollTop = 0
      pausedUntil = now + pauseMs
      return
    }
    pos = Math.min(max, pos + (pxPerSecond * dt) / 1000)
    box.scrollTop = pos
    if (pos >= max) pausedUntil = now + pauseMs
  }

  onMounted(() => {
    pausedUntil = performance.now() + pauseMs
    frame = requestAnimationFrame(step)
  })
  onBeforeUnmount(() => cancelAnimationFrame(frame))
}
