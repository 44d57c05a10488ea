/**
 * node-redis, loaded when a Redis client is first made rather than when the server starts: a
 * server without REDIS_URL (one process on SQLite, every test server) never needs it, and loading
 * it (with the Socket.IO adapters, now imported in `joinCluster`) took a tenth of such a server's
 * start: 1.84-2.00 CPU-s to its first health answer before, 1.63-1.77 after. Every module of ours that
 * makes a Redis client takes it from here; their types come from `import type`, which loads nothing.
 */
import { createRequire } from 'node:module'

type Redis = typeof import('redis')

const load = createRequire(import.meta.url)
let redis: Redis | null = null

/** The `redis` package, loaded on the first call (synchronously: a budget's limiter is made in a constructor). */
export function redisModule(): Redis {
  if (redis) return redis
  // require() answers any: the package's own types, by `import type`, describe it.
  const loaded: Redis = load('redis')
  redis = loaded
  return loaded
}
