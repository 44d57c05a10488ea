/** Estimating the server's clock over the page's socket: a burst at each connect, then one sample now and then. */
import { ClockEstimator } from '../../../shared/clock.js'
import type { ConferenceSocket } from '../../lib/socket.js'
import type { Dispose } from './dispose.js'

const SAMPLES_AT_CONNECT = 5
const EVERY_MS = 15_000
/**
 * Samples taken while the page is still loading its state wait behind that work and carry its
 * delay; bursts once the page has settled give the low round trips the estimate keeps.
 */
const SETTLED_BURSTS_MS = [1500, 4000, 8000]
const ANSWER_WITHIN_MS = 3000

/** Samples the clock while `socket` is connected and hands each new offset (server minus local, ms) to `onOffset`. */
export function sampleClock(socket: ConferenceSocket, onOffset: (ms: number) => void): Dispose {
  const clock = new ClockEstimator()
  const timers = new Set<ReturnType<typeof setTimeout>>()

  async function measure(rounds: number): Promise<void> {
    for (let i = 0; i < rounds && socket.connected; i++) {
      const t0 = Date.now()
      const p0 = performance.now()
      try {
        // Our last round trip and offset ride along: the host sees them per site in `presence`.
        const last = clock.lastRtt
        const req = last !== undefined ? { t0, rttMs: Math.round(last), offsetMs: Math.round(clock.offset) } : { t0 }
        const answer = await socket.timeout(ANSWER_WITHIN_MS).emitWithAck('clock', req)
        // The round trip by the monotonic clock; the receipt instant on the wall clock the offset corrects.
        const t1 = Date.now()
        clock.add(t1 - (performance.now() - p0), answer.serverTime, t1)
        onOffset(Math.round(clock.offset))
      } catch {
        return
      }
    }
  }

  const onConnect = () => {
    clock.reset() // another server process may answer now, with another clock
    void measure(SAMPLES_AT_CONNECT)
    for (const ms of SETTLED_BURSTS_MS) {
      const timer = setTimeout(() => {
        timers.delete(timer)
        void measure(8)
      }, ms)
      timers.add(timer)
    }
  }
  socket.on('connect', onConnect)
  const every = setInterval(() => void measure(1), EVERY_MS)
  return () => {
    socket.off('connect', onConnect)
    clearInterval(every)
    timers.forEach(clearTimeout)
    timers.clear()
  }
}
