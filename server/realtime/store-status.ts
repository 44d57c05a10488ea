/**
 * The degraded state: whether this process can write the conference log (Redis, or the SQLite
 * disk) right now, told to its own sockets as `status` at connect and on every change. Sent with
 * `io.local`, never through the Socket.IO Redis adapter: Redis is what may be down, and every
 * process watches its own store anyway.
 */
import type { ServerStatus } from '../../shared/protocol.js'
import type { HealthSource, StoreHealth } from '../health.js'
import { log } from '../log.js'

export interface StoreStatus {
  /** The status as of now, for a socket that has just connected. */
  current(): ServerStatus
  stop(): void
}

/** Watches `store` and calls `tell` with the new status each time writes start or stop working. */
export function watchStoreStatus(store: HealthSource, now: () => number, tell: (status: ServerStatus) => void): StoreStatus {
  const of = (h: StoreHealth): ServerStatus['store'] => (h.ok ? 'ok' : 'unavailable')
  let status: ServerStatus = { store: of(store.health()), since: now() }
  const check = (health: StoreHealth = store.health()) => {
    const next = of(health)
    if (next === status.store) return
    status = { store: next, since: now() }
    if (health.ok) log.info({ store: 'ok' }, 'the conference log can be written again; pages told')
    else log.warn({ store: 'unavailable', reason: health.reason }, 'the conference log cannot be written; pages told')
    tell(status)
  }
  const unsubscribe = store.onHealthChange((h) => check(h))
  return {
    current: () => {
      check()
      return status
    },
    stop: unsubscribe,
  }
}
