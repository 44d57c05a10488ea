/**
 * The server's clock as this page estimates it (local clock + the session store's `clockOffsetMs`),
 * ticking on the server's interval boundaries: every screen flips its seconds at the same
 * server instant, whatever its own clock says. Shared by the agenda timers and the award reveal.
 */
import { onScopeDispose, readonly, ref, toRef, watch, type Ref } from 'vue'
import { useSessionStore } from '../stores/session.js'

export interface ServerClockOptions {
  /** Tick period in ms, aligned to the server clock's multiples of it (default 1000); 0: no ticking. */
  intervalMs?: number
  /** The offset to apply (server minus local, ms); default: the session store's estimate. */
  offsetMs?: Ref<number>
}

/** A timer can fire a hair before its instant; waking this much late keeps a tick on the right side of the boundary. */
const LATE_MS = 2

/** The wait from server time `t` until just after the next multiple of `intervalMs`. */
export function msToNextBoundary(t: number, intervalMs: number): number {
  return intervalMs - (((t % intervalMs) + intervalMs) % intervalMs) + LATE_MS
}

export function useServerClock(opts: ServerClockOptions = {}) {
  const intervalMs = opts.intervalMs ?? 1000
  const offset = opts.offsetMs ?? toRef(useSessionStore(), 'clockOffsetMs')
  const serverNow = (): number => Date.now() + offset.value
  const now = ref(serverNow())
  let timer: ReturnType<typeof setTimeout> | undefined

  function tick(): void {
    clearTimeout(timer)
    const t = serverNow()
    now.value = t
    if (intervalMs > 0) timer = setTimeout(tick, msToNextBoundary(t, intervalMs))
  }

  tick()
  // A new offset estimate moves the boundaries: re-align at once.
  watch(() => offset.value, tick)
  onScopeDispose(() => clearTimeout(timer))

  return { now: readonly(now) as Readonly<Ref<number>>, serverNow }
}
