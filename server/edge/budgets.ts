/**
 * Budgets per link, not per socket: one access link on ten sockets and over HTTP draws on one
 * budget of commands, one of reads, one of handshakes; failed token guesses are counted per
 * remote address. Built on rate-limiter-flexible, so that a Redis limiter (`RateLimiterRedis`,
 * same `consume`) can replace the memory one when the server runs as several processes.
 *
 * Every clock here is monotonic (performance.now): a wall-clock step, back or forward, neither
 * refuses everyone nor frees anyone early.
 */
import { performance } from 'node:perf_hooks'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { z } from 'zod'

export type Clock = () => number
const monotonic: Clock = () => performance.now()

export interface BudgetSpec {
  /** How many in each window. */
  points: number
  /** The window, in seconds. */
  seconds: number
}

/** The budgets, by what they count. Keys: a link (its token's hash), a link at an address, an address. */
export const DEFAULT_BUDGETS = {
  /** Commands of one link, socket and HTTP together: a host or a site clicks, it does not stream. */
  command: { points: 60, seconds: 10 },
  /** `sync`, `GET /state`, `GET /events` of one link (a viewer link: of one address). */
  read: { points: 30, seconds: 10 },
  /** Socket handshakes of one host, site or signer link: a few screens and their reconnections. */
  handshake: { points: 60, seconds: 10 },
  /**
   * Socket handshakes of the viewer link from one address: a hall of phones on one Wi-Fi or a
   * carrier's NAT joins at once. As many as the viewer link's open sockets may be (open-sockets.ts), so a
   * full hall joins, or rejoins after a restart, within one window.
   */
  hall: { points: 1000, seconds: 10 },
  /** Socket handshakes from one remote address, whatever the link: the hub's NAT, as many as its open sockets may be. */
  address: { points: 2000, seconds: 10 },
  /** Unknown tokens from one remote address; past it, the address's unknown tokens wait out the window (live links still pass). */
  guess: { points: 10, seconds: 60 },
  /** `GET /verify` of one link: a full pass over the log. */
  verify: { points: 2, seconds: 30 },
} satisfies Record<string, BudgetSpec>
export type BudgetName = keyof typeof DEFAULT_BUDGETS
export type BudgetSpecs = Record<BudgetName, BudgetSpec>

/**
 * For load tests and benches that play hundreds of clients from one address: wide enough not
 * to refuse them, still finite. Never the default.
 */
const WIDE: BudgetSpec = { points: 1_000_000, seconds: 1 }
export const LOAD_TEST_BUDGETS: BudgetSpecs = { command: WIDE, read: WIDE, handshake: WIDE, hall: WIDE, address: WIDE, guess: WIDE, verify: WIDE }

const isBudgetName = (name: string): name is BudgetName => name in DEFAULT_BUDGETS
const EnvSpec = z.object({ points: z.number().positive(), seconds: z.number().positive() })

/** Budgets from the environment: BUDGETS='{"command":{"points":120,"seconds":10}}' overrides those named. */
export function budgetsFromEnv(raw: string | undefined): Partial<BudgetSpecs> {
  if (!raw) return {}
  const parsed: unknown = JSON.parse(raw)
  const out: Partial<BudgetSpecs> = {}
  for (const [name, spec] of typeof parsed === 'object' && parsed !== null ? Object.entries(parsed) : []) {
    const valid = EnvSpec.safeParse(spec)
    if (!isBudgetName(name) || !valid.success) {
      throw new Error(`BUDGETS: "${name}" must be one of ${Object.keys(DEFAULT_BUDGETS).join(', ')} with {"points": n, "seconds": n}`)
    }
    out[name] = valid.data
  }
  return out
}

export type Spend = { ok: true } | { ok: false; retryAfterMs: number }

/** What a budget needs of a rate-limiter-flexible limiter: memory, Redis, or Redis behind a timeout. */
export interface Limiter {
  consume(key: string, points?: number): Promise<RateLimiterRes>
  get(key: string): Promise<RateLimiterRes | null>
}

/** Makes the limiter of one budget; the default keeps counts in this process's memory. */
export type LimiterFactory = (name: BudgetName, spec: BudgetSpec, now: Clock) => Limiter

export const memoryLimiter = (name: BudgetName, spec: BudgetSpec, now: Clock): RateLimiterMemory => {
  const limiter = new RateLimiterMemory({ keyPrefix: name, points: spec.points, duration: spec.seconds })
  // rate-limiter-flexible's memory store reads Date.now(); this one reads the monotonic clock.
  Reflect.set(limiter, '_memoryStorage', new MonotonicStorage(now))
  return limiter
}

export class Budgets {
  private readonly limiters: Record<BudgetName, Limiter>
  readonly specs: BudgetSpecs

  constructor(specs: Partial<BudgetSpecs> = {}, opts: { now?: Clock; limiter?: LimiterFactory } = {}) {
    const now = opts.now ?? monotonic
    const make = opts.limiter ?? memoryLimiter
    this.specs = { ...DEFAULT_BUDGETS, ...specs }
    const limiter = (name: BudgetName) => make(name, this.specs[name], now)
    this.limiters = { command: limiter('command'), read: limiter('read'), handshake: limiter('handshake'), hall: limiter('hall'), address: limiter('address'), guess: limiter('guess'), verify: limiter('verify') }
  }

  /** Takes one from `name`'s budget for `key`, or says how long to wait. */
  async take(name: BudgetName, key: string): Promise<Spend> {
    try {
      await this.limiters[name].consume(key, 1)
      return { ok: true }
    } catch (res) {
      if (res instanceof RateLimiterRes) return { ok: false, retryAfterMs: this.clampRetry(name, res.msBeforeNext) }
      throw res
    }
  }

  /** Whether `key` has used up `name`'s budget, without spending any (an address that guessed too often). */
  async spent(name: BudgetName, key: string): Promise<Spend> {
    const res = await this.limiters[name].get(key)
    if (!res || res.consumedPoints < this.specs[name].points) return { ok: true }
    return { ok: false, retryAfterMs: this.clampRetry(name, res.msBeforeNext) }
  }

  private clampRetry(name: BudgetName, ms: number): number {
    return Math.min(this.specs[name].seconds * 1000, Math.max(1, Math.ceil(ms)))
  }
}

/** Seconds to put in a `Retry-After` header or a `retryAfterMs` answer, at least 1. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))

interface Entry {
  value: number
  expiresAt: number | null
  timer?: ReturnType<typeof setTimeout>
}

/**
 * rate-limiter-flexible's MemoryStorage, with its clock injected: the same four methods, the
 * expiry read from `now` (monotonic), timers only to forget expired keys.
 */
class MonotonicStorage {
  private readonly storage = new Map<string, Entry>()
  constructor(private readonly now: Clock) {}

  incrby(key: string, value: number, durationSec: number): RateLimiterRes {
    const entry = this.storage.get(key)
    if (entry) {
      const left = entry.expiresAt === null ? -1 : entry.expiresAt - this.now()
      if (entry.expiresAt === null || left > 0) {
        entry.value += value
        return new RateLimiterRes(0, left, entry.value, false)
      }
    }
    return this.set(key, value, durationSec)
  }

  set(key: string, value: number, durationSec: number): RateLimiterRes {
    const ms = durationSec * 1000
    const old = this.storage.get(key)
    if (old?.timer) clearTimeout(old.timer)
    const entry: Entry = { value, expiresAt: ms > 0 ? this.now() + ms : null }
    if (ms > 0) {
      entry.timer = setTimeout(() => {
        if (this.storage.get(key) === entry) this.storage.delete(key)
      }, ms)
      entry.timer.unref()
    }
    this.storage.set(key, entry)
    return new RateLimiterRes(0, ms > 0 ? ms : -1, value, true)
  }

  get(key: string): RateLimiterRes | null {
    const entry = this.storage.get(key)
    if (!entry) return null
    const left = entry.expiresAt === null ? -1 : entry.expiresAt - this.now()
    if (entry.expiresAt !== null && left <= 0) return null
    return new RateLimiterRes(0, left, entry.value, false)
  }

  delete(key: string): boolean {
    const entry = this.storage.get(key)
    if (!entry) return false
    if (entry.timer) clearTimeout(entry.timer)
    return this.storage.delete(key)
  }
}

/** A token bucket for one stream of a socket (live ink): bursts are fine, a flood is dropped. Monotonic. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: Clock = monotonic,
  ) {
    this.tokens = capacity
    this.last = now()
  }

  take(): boolean {
    const t = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, t - this.last) / 1000) * this.perSecond)
    this.last = t
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
