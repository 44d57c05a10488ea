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
