/**
 * Budgets shared by every process of a cluster: rate-limiter-flexible's Redis limiter on the
 * node-redis client, so a link gets its budget once across the cluster, not once per process.
 * Redis unreachable, not ready or slow never fails a budget check: each limiter falls back to an
 * in-memory `insuranceLimiter` of the same budget (this process's share) until Redis answers again.
 */
import { redisModule } from '../redis-module.js'
import { RateLimiterRedis, RLWrapperTimeouts } from 'rate-limiter-flexible'
import { log } from '../log.js'
import { memoryLimiter, type LimiterFactory } from './budgets.js'

/** A budget check waits this long for Redis before it counts in memory instead. */
export const BUDGET_REDIS_TIMEOUT_MS = 300

export interface RedisBudgets {
  /** Makes each budget's limiter: in Redis, insured in memory. */
  limiter: LimiterFactory
  /** Whether Redis is connected and counts (else the insurance does). */
  ready(): boolean
  close(): Promise<void>
}

/** Opens a connection for the budgets (it connects and reconnects in the background; nothing waits on it). */
export function redisBudgets(url: string, opts: { prefix?: string; timeoutMs?: number } = {}): RedisBudgets {
  const prefix = opts.prefix ?? 'diemcau:'
  const timeoutMs = opts.timeoutMs ?? BUDGET_REDIS_TIMEOUT_MS
  const client = redisModule().createClient({
    url,
    // Not queued while Redis is away: the check goes to the insurance limiter at once.
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
  })
  let warned = false
  client.on('error', (err: unknown) => {
    // Said once per outage: the event store's connection reports the outage itself.
    if (!warned) log.warn({ err }, 'budgets: Redis unreachable, counting in this process until it is back')
    warned = true
  })
  client.on('ready', () => (warned = false))
  client.connect().catch(() => undefined)

  const limiter: LimiterFactory = (name, spec, now) => {
    const insuranceLimiter = memoryLimiter(name, spec, now)
    const redis = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `${prefix}budget:${name}`,
      points: spec.points,
      duration: spec.seconds,
    })
    // Insured once, at the wrapper: a Redis error or a frozen Redis (past the timeout) goes to
    // memory, counted once even when both happen to one check.
    return new RLWrapperTimeouts({ limiter: redis, timeoutMs, insuranceLimiter })
  }

  return {
    limiter,
    ready: () => client.isReady,
    async close() {
      if (client.isOpen) await client.close().catch(() => client.destroy())
    },
  }
}
