/**
 * Runs `run` once the browser has painted its next frame: the flip a slow hall makes at a reveal's
 * instant (a class on an element drawn ahead) reaches the screen before any heavier render that
 * the same instant starts. A page that paints no frames (a background tab) runs it after
 * `fallbackMs` instead. Returns a cancel function.
 */
export function afterNextPaint(run: () => void, fallbackMs = 250): () => void {
  let done = false
  let soon: ReturnType<typeof setTimeout> | undefined
  const once = () => {
    if (done) return
    done = true
    clearTimeout(fallback)
    clearTimeout(soon)
    run()
  }
  const fallback = setTimeout(once, fallbackMs)
  // The frame callback runs before its paint; a task queued from it runs after.
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => (soon = setTimeout(once, 0))) : undefined
  return () => {
    done = true
    clearTimeout(fallback)
    clearTimeout(soon)
    if (frame !== undefined) cancelAnimationFrame(frame)
  }
}
