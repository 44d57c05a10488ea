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

/** Flips scheduled for each server instant and not yet run, and who waits for them. */
const due = new Map<number, number>()
const waiting = new Map<number, Set<() => void>>()
/** Instants a `paintFirst` flip has changed the DOM at, with when (local ms): kept a minute, for `afterFlipsPainted`. */
const flipped = new Map<number, number>()
const FLIPPED_KEEP_MS = 60_000

function noteFlipped(instant: number): void {
  const now = Date.now()
  for (const [at, when] of flipped) if (now - when > FLIPPED_KEEP_MS) flipped.delete(at)
  flipped.set(instant, now)
}

function settle(instant: number): void {
  const left = (due.get(instant) ?? 1) - 1
  if (left > 0) {
    due.set(instant, left)
    return
  }
  due.delete(instant)
  const waiters = waiting.get(instant)
  waiting.delete(instant)
  for (const w of waiters ?? []) w()
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
 * ahead shown, the countdown taken away): `afterFlips` of that instant waits for it. Cancelled, it
 * no longer holds anyone back.
 */
export function flipAt(instant: number, run: () => void, delayMs: number, options: FlipOptions = {}): () => void {
  due.set(instant, (due.get(instant) ?? 0) + 1)
  let settled = false
  const once = () => {
    if (settled) return
    settled = true
    settle(instant)
  }
  const cancel = atInstant(() => {
    try {
      run()
      if (options.paintFirst) noteFlipped(instant)
    } finally {
      once()
    }
  }, delayMs)
  return () => {
    cancel()
    once()
  }
}

/**
 * Runs `run` once every flip scheduled for `instant` has run (at once when none is due): the
 * renders an instant starts wait for its flips, whatever order the browser fires their timers in.
 * Returns a cancel function.
 */
export function afterFlips(instant: number, run: () => void): () => void {
  if (!due.has(instant)) {
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
