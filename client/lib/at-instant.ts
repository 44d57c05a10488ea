/**
 * Runs `run` after `delayMs`, ahead of the page's other work due then where the browser lets a
 * task say so (Chrome's `scheduler.postTask`, priority "user-blocking": before socket messages and
 * ordinary timers), else on a plain timer. For the one change a reveal makes at its instant: a
 * busy hall PC that would run a socket message first shows the batch late. Returns a cancel function.
 */
interface PostTask {
  postTask(run: () => void, opts: { priority: 'user-blocking'; delay: number; signal: AbortSignal }): Promise<void>
}

const hasPostTask = (x: unknown): x is PostTask => typeof x === 'object' && x !== null && typeof Reflect.get(x, 'postTask') === 'function'

export function atInstant(run: () => void, delayMs: number): () => void {
  const scheduler: unknown = Reflect.get(globalThis, 'scheduler')
  if (hasPostTask(scheduler)) {
    const abort = new AbortController()
    scheduler.postTask(run, { priority: 'user-blocking', delay: Math.max(0, delayMs), signal: abort.signal }).catch(() => undefined)
    return () => abort.abort()
  }
  const timer = setTimeout(run, Math.max(0, delayMs))
  return () => clearTimeout(timer)
}

interface Flip {
  run: () => void
  paintFirst: boolean
}

/**
 * The flips due at each server instant and not yet run, with the one task that runs them all, and
 * who waits for them. One task an instant: two flips on two timers (the roll shown, the countdown
 * taken away) let a busy hall paint a frame between them, so the roll came a frame (50 ms at 4x
 * throttle) after the countdown had gone.
 */
const groups = new Map<number, { flips: Set<Flip>; cancel: () => void }>()
const waiting = new Map<number, Set<() => void>>()
/** Instants a `paintFirst` flip has changed the DOM at, with when (local ms): kept a minute, for `afterFlipsPainted`. */
const flipped = new Map<number, number>()
const FLIPPED_KEEP_MS = 60_000

function noteFlipped(instant: number): void {
  const now = Date.now()
  for (const [at, when] of flipped) if (now - when > FLIPPED_KEEP_MS) flipped.delete(at)
  flipped.set(instant, now)
}

function release(instant: number): void {
  const waiters = waiting.get(instant)
  waiting.delete(instant)
  for (const w of waiters ?? []) w()
}

/** Every flip of the instant in one task, the ones that show something drawn ahead first; then whoever waits. */
function runFlips(instant: number): void {
  const group = groups.get(instant)
  if (!group) return
  groups.delete(instant)
  const order = [...group.flips].sort((a, b) => Number(b.paintFirst) - Number(a.paintFirst))
  for (const flip of order) {
    try {
      flip.run()
      if (flip.paintFirst) noteFlipped(instant)
    } catch (err) {
      // One flip that throws does not keep the others of its instant off the screen.
      setTimeout(() => {
        throw err
      })
    }
  }
  release(instant)
}

export interface FlipOptions {
  /**
   * The flip shows something drawn ahead (a roll of hundreds of names) whose frame the instant's
   * renders must not hold back: `afterFlipsPainted` then waits for that frame. A small flip (the
   * countdown taken away) is only waited for, so that it lands in the same frame as the render.
   */
  paintFirst?: boolean
}

/**
 * `atInstant` for one of the DOM flips a reveal makes at server instant `instant` (the roll drawn
 * ahead shown, the countdown taken away): every flip of an instant runs in one task, at the delay
 * the latest of them was given (the freshest clock estimate), and `afterFlips` of that instant
 * waits for it. Cancelled, a flip no longer runs or holds anyone back.
 */
export function flipAt(instant: number, run: () => void, delayMs: number, options: FlipOptions = {}): () => void {
  const flip: Flip = { run, paintFirst: options.paintFirst === true }
  const known = groups.get(instant)
  known?.cancel()
  const flips = known?.flips ?? new Set<Flip>()
  flips.add(flip)
  groups.set(instant, { flips, cancel: atInstant(() => runFlips(instant), delayMs) })
  return () => {
    const group = groups.get(instant)
    if (!group?.flips.delete(flip) || group.flips.size > 0) return
    group.cancel()
    groups.delete(instant)
    release(instant)
  }
}

/**
 * Runs `run` once every flip scheduled for `instant` has run (at once when none is due): the
 * renders an instant starts wait for its flips, whatever order the browser fires their timers in.
 * Returns a cancel function.
 */
export function afterFlips(instant: number, run: () => void): () => void {
  if (!groups.has(instant)) {
    run()
    return () => {}
  }
  const waiters = waiting.get(instant) ?? new Set<() => void>()
  waiting.set(instant, waiters)
  waiters.add(run)
  return () => waiters.delete(run)
}

/**
 * `afterFlips`, then the frame that paints those flips: where the renders an instant starts belong.
 * An instant with no `paintFirst` flip (a single award: nothing drawn ahead, only the countdown
 * taken away) has no frame to protect: its render runs once the flips have, in their frame, not a
 * frame later. Returns a cancel function.
 */
export function afterFlipsPainted(instant: number, run: () => void, paint: (run: () => void) => () => void): () => void {
  let cancelPaint = () => {}
  const cancelWait = afterFlips(instant, () => {
    if (flipped.has(instant)) cancelPaint = paint(run)
    else run()
  })
  return () => {
    cancelWait()
    cancelPaint()
  }
}
