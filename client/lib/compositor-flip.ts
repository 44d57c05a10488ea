/**
 * The picture's side of a reveal: an element drawn ahead turns visible (or hidden) at an instant
 * by an opacity animation that the browser's compositor runs, not by a task on the page's main
 * thread. A hall PC busy at the instant (still rendering, or reading a socket message) then shows
 * the batch in the first frame after it, where a class set by a task waits for that task's turn:
 * a trace of four halls at 4x CPU throttle had the main thread's flip 2-110 ms late.
 *
 * The animation holds the opacity until its last 0.01 % (under 2 ms of a 15 s wait), then turns it,
 * and is pinned to the moment it was asked (`startTime`), not to the frame that would start it, so
 * the instant stays the instant on a busy page. Its fill holds the end until the DOM's own flip and
 * render take over and cancel it. An element animated so is on a compositor layer for the whole
 * wait, its tiles drawn ahead: a roll hidden at opacity 0 by a class alone is only rasterised at
 * its instant (a test page presented 600 names 58-80 ms late so).
 */
interface Animating {
  animate(keyframes: Keyframe[], options: KeyframeAnimationOptions): { startTime: CSSNumberish | null; cancel(): void }
}

const canAnimate = (el: unknown): el is Animating => typeof el === 'object' && el !== null && typeof Reflect.get(el, 'animate') === 'function'

/** Where the opacity turns, as a fraction of the wait. */
export const TURN = 0.9999

/**
 * Turns `el` from opacity `from` to `to` in `delayMs` (local ms from now, by `performance.now()`,
 * the document timeline's clock). Nothing happens where the browser cannot animate or the instant
 * has passed (the DOM flip then runs at once). Returns a cancel function: the element goes back
 * to its CSS.
 */
export function opacityAt(el: unknown, delayMs: number, from: 0 | 1, to: 0 | 1, now: () => number = () => performance.now()): () => void {
  if (!canAnimate(el) || !(delayMs > 0)) return () => {}
  const startTime = now()
  const animation = el.animate(
    [{ opacity: from, offset: 0 }, { opacity: from, offset: TURN }, { opacity: to, offset: 1 }],
    { duration: delayMs, fill: 'forwards', easing: 'linear' },
  )
  animation.startTime = startTime
  return () => animation.cancel()
}
