/**
 * One connection to Redis with its health, for the stores on Redis (redis.ts, redis-links.ts).
 * It never gives up and never throws outside a caller's promise: it reconnects for as long as it
 * takes (backoff to 2 s, with jitter so that a cluster's processes do not knock together), every
 * command runs under a time limit and fails with RedisUnavailableError (a killed Redis refuses at
 * once, a frozen one within the limit), and a PING each second tells when a frozen Redis is back
 * without anybody sending a command. Its `error` events are logged once per outage.
 */
import type { createClient } from 'redis'
import { redisModule } from '../redis-module.js'
import { log } from '../log.js'
import { reconnectDelay } from '../redis-care.js'
import type { StoreHealth } from './event-store.js'
import { errorMessage } from '../errors.js'

export type RedisClient = ReturnType<typeof createClient>

/** Redis could not be reached or did not answer in time: the operation was not (or not surely) done. */
export class RedisUnavailableError extends Error {
  readonly code = 'store_unavailable'
}

export interface RedisConnection {
  client: RedisClient
  /** Awaits `work` (a command of `client`) for at most `limitMs`: a failure is noted in the health and thrown as RedisUnavailableError; a success clears it. */
  timed<T>(work: Promise<T>, limitMs?: number): Promise<T>
  /** Reachable and answering, or why not. */
  health(): StoreHealth
  /** Calls `listener` when health turns from ok to failing or back; returns the unsubscribe. */
  onHealthChange(listener: (health: StoreHealth) => void): () => void
  close(): Promise<void>
}

export interface ConnectionOptions {
  url: string
  /** What this connection serves, for the log ("event store", "link store"). */
  name: string
  /** A command that has not answered within this fails (default 800 ms). */
  commandTimeoutMs?: number
  /** PING this often (default 1 s), so that a hung Redis, and its return, are noticed without a command. */
  healthCheckMs?: number
  /** Redis not there at start (a machine starting this before redis-server): wait this long for it (default 60 s), then fail. */
  startWaitMs?: number
  /** Told every 5 s while the first connection waits, with why and for how long so far. */
  onWaiting?: (reason: string, waitedMs: number) => void
}

/** How often a first connection that waits says so. */
const WAITING_EVERY_MS = 5_000

/** Connects (failing within the timeout when Redis cannot be reached at start) and keeps the connection. */
export async function openRedisConnection(opts: ConnectionOptions): Promise<RedisConnection> {
  const timeout = opts.commandTimeoutMs ?? 800
  const client: RedisClient = redisModule().createClient({
    url: opts.url,
    // Commands sent while Redis is unreachable fail at once instead of waiting in memory.
    disableOfflineQueue: true,
    socket: { connectTimeout: timeout, reconnectStrategy: reconnectDelay },
  })
  let failure: string | null = null
  let wasOk = true
  const listeners = new Set<(health: StoreHealth) => void>()
  const health = (): StoreHealth => {
    if (failure !== null) return { ok: false, reason: failure }
    return client.isReady ? { ok: true } : { ok: false, reason: 'Redis is not connected' }
  }
  /** Notes a failure (or, with null, that Redis answered) and tells the listeners when health flips. */
  const note = (reason: string | null) => {
    failure = reason
    const now = health()
    if (now.ok === wasOk) return
    wasOk = now.ok
    if (now.ok) log.info({ redis: opts.name }, 'Redis answers again')
    else log.warn({ redis: opts.name, reason: now.reason }, 'Redis cannot be reached; retrying until it returns')
    for (const listener of listeners) listener(now)
  }
  client.on('error', (err: Error) => note(`Redis cannot be reached (${err.message || err.name})`))
  client.on('ready', () => note(null))
  const timed = async <T>(work: Promise<T>, limitMs = timeout): Promise<T> => {
    let timer: NodeJS.Timeout | undefined
    // The client's own per-command timeout (an AbortSignal.timeout) did not fire against a frozen redis-server; a plain timer does.
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailableError(`Redis did not answer within ${limitMs} ms`)), limitMs)
    })
    try {
      const value = await Promise.race([work, late])
      note(null)
      return value
    } catch (err) {
      const reason = `Redis did not answer (${errorMessage(err)})`
      note(reason)
      throw err instanceof RedisUnavailableError ? err : new RedisUnavailableError(reason, { cause: err })
    } finally {
      clearTimeout(timer)
    }
  }
  // The first connection, which the client's reconnect strategy would otherwise wait for silently
  // and for ever (Redis not there at start): said every 5 s, and failed, its retries stopped with
  // the client, once `startWaitMs` have passed.
  const started = Date.now()
  const saying = setInterval(() => opts.onWaiting?.(failure ?? 'Redis did not answer', Date.now() - started), WAITING_EVERY_MS)
  try {
    await timed(client.connect(), opts.startWaitMs ?? 60_000)
  } catch (err) {
    if (client.isOpen) client.destroy()
    throw err
  } finally {
    clearInterval(saying)
  }

  // A frozen Redis keeps its connection open: only an unanswered command tells, and only an answered one tells that it is back.
  const heartbeat = setInterval(() => {
    if (client.isReady) timed(client.ping()).catch(() => undefined)
  }, opts.healthCheckMs ?? 1000)
  heartbeat.unref()

  return {
    client,
    timed,
    health,
    onHealthChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      clearInterval(heartbeat)
      listeners.clear()
      if (client.isOpen) await client.close().catch(() => client.destroy())
    },
  }
}
