/**
 * The event store on Redis, for several server processes serving one conference. One stream
 * per conference holds its log (entry id `<seq>-0`), appended only by the APPEND script, which
 * checks the command id, the expected seq and the head's hash in one atomic step. Beside it: the
 * head, the command ids, the snapshot. The access links have a store of their own on the same
 * Redis (redis-links.ts). Durability is Redis's own:
 * run it with `appendonly yes` and `appendfsync always` (docs/operations.md, "Redis durability").
 */
import { createHash, randomUUID } from 'node:crypto'
import type { ConferenceState } from '../../shared/domain.js'
import { EVENT_VERSION } from '../../shared/events.js'
import type { AppendResult, EventStore, StoredEvent } from './event-store.js'
import type { LogFeed } from './feed.js'
import { log } from '../log.js'
import { eventHash, GENESIS_HASH } from './hash-chain.js'
import { openRedisConnection, RedisUnavailableError, type RedisClient } from './redis-connection.js'
import { fieldsOf, toEntry, verifyLog, type Entry } from './redis-entries.js'
import { APPEND, SAVE_SNAPSHOT, UNLOCK } from './redis-scripts.js'
import { followStreams } from './redis-feed.js'
import { errorMessage } from '../errors.js'

const DEFAULT_READ_LIMIT = 10_000
/** Extra time an append gets per MB of event data before it counts as unanswered. */
const LARGE_APPEND_MS_PER_MB = 10_000
/** `verify` reads the log this many events at a time, each read given this much more than a command. */
const VERIFY_CHUNK = 500
const VERIFY_READ_EXTRA_MS = 4_000

export interface RedisStoreOptions {
  url: string
  /** Key prefix, so that several deployments (or tests) can share one Redis. */
  prefix?: string
  /** A Redis command that has not answered within this fails (the caller's command then fails, never hangs). */
  commandTimeoutMs?: number
  /** Redis is PINGed this often, so that a hung server, and its return, are noticed without a command. */
  healthCheckMs?: number
  /** Redis not there at start: how long to wait for it (default 60 s), and who is told every 5 s meanwhile. */
  startWaitMs?: number
  onWaiting?: (reason: string, waitedMs: number) => void
}

export interface RedisEventStore extends EventStore {
  /** The conference logs as this process reads them back from Redis. */
  feed: LogFeed
  /**
   * Runs `task` while holding the named lock across every process (SET NX with an expiry that
   * `task` must not outlive); another process waits for it. Used to seed the demo once.
   */
  exclusive<T>(name: string, task: () => Promise<T>, opts?: { ttlMs?: number; waitMs?: number }): Promise<T>
  /** The connection URL, for the Socket.IO adapter's own connections. */
  url: string
}

type Client = RedisClient
export { RedisUnavailableError }

export const redisKeys = (prefix: string) => ({
  log: (c: string) => `${prefix}c:${c}:log`,
  head: (c: string) => `${prefix}c:${c}:head`,
  commands: (c: string) => `${prefix}c:${c}:commands`,
  snapshot: (c: string) => `${prefix}c:${c}:snapshot`,
  conferences: `${prefix}conferences`,
  lock: (name: string) => `${prefix}lock:${name}`,
})

/** Connects (failing within the timeout when Redis cannot be reached) and returns the store. */
export async function openRedisStore(opts: RedisStoreOptions): Promise<RedisEventStore> {
  const timeout = opts.commandTimeoutMs ?? 800
  const keys = redisKeys(opts.prefix ?? 'diemcau:')
  const connection = await openRedisConnection({ url: opts.url, name: 'event store', commandTimeoutMs: timeout, healthCheckMs: opts.healthCheckMs, startWaitMs: opts.startWaitMs, onWaiting: opts.onWaiting })
  const { client, timed: noted } = connection
  const scripts = scriptRunner(client)
  const streams = followStreams(client, keys.log)

  const readRange = async (conferenceId: string, from: number, limit: number): Promise<Entry[]> => {
    const entries = await client.xRange(keys.log(conferenceId), `${from}-0`, '+', { COUNT: limit })
    return (entries ?? []).map((e) => toEntry(e.id, fieldsOf(e.message)))
  }

  const store: RedisEventStore = {
    url: opts.url,
    feed: streams.feed,
    async append(conferenceId, expectedSeq, events, appendOpts = {}) {
      // A large batch (an award list of thousands) takes Redis longer to write and fsync: more time per MB.
      const bytes = events.reduce((n, e) => n + JSON.stringify(e.data).length, 0)
      const result = await noted(appendOnce(client, scripts, keys, conferenceId, expectedSeq, events, appendOpts), timeout + Math.ceil((bytes / 1_000_000) * LARGE_APPEND_MS_PER_MB))
      if (result.ok && result.events.length) streams.own(conferenceId, result.events)
      return result
    },
    async read(conferenceId, since, limit = DEFAULT_READ_LIMIT) {
      const n = Math.max(0, Math.min(limit, DEFAULT_READ_LIMIT))
      if (n === 0) return []
      return (await noted(readRange(conferenceId, since + 1, n))).map((e) => e.event)
    },
    async head(conferenceId) {
      const h = await noted(client.hmGet(keys.head(conferenceId), ['seq', 'hash']))
      return { seq: Number(h[0] ?? 0), hash: h[1] ?? GENESIS_HASH }
    },
    async commandSeq(conferenceId, commandId) {
      const seq = await noted(client.hGet(keys.commands(conferenceId), commandId))
      return seq === null || seq === undefined ? null : Number(seq)
    },
    async saveSnapshot(conferenceId, seq, state, stateVersion) {
      const json = JSON.stringify(state)
      // A snapshot is as large as the state (about 1 MB with a province's awards): as much time per MB as an append.
      const limit = timeout + Math.ceil((json.length / 1_000_000) * LARGE_APPEND_MS_PER_MB)
      await noted(scripts.run(SAVE_SNAPSHOT, [keys.snapshot(conferenceId), keys.log(conferenceId)], [String(seq), json, String(stateVersion), sha256(json)]), limit)
    },
    async loadSnapshot(conferenceId) {
      const row = fieldsOf(await noted(client.hGetAll(keys.snapshot(conferenceId))))
      if (row['seq'] === undefined || row['state'] === undefined) return null
      const seq = Number(row['seq'])
      const [at] = (await noted(client.xRange(keys.log(conferenceId), `${seq}-0`, `${seq}-0`))) ?? []
      const problem =
        row['sh'] !== sha256(row['state']) ? 'its text was changed after it was saved'
        : row['hh'] !== undefined && row['hh'] !== (at ? fieldsOf(at.message)['h'] : undefined) ? `it was built at seq ${seq}, and the log holds another event there (or none)`
        : null
      if (problem) {
        log.warn({ conferenceId }, `the saved snapshot is not used: ${problem}; the state is rebuilt from the log`)
        return null
      }
      return { seq, state: JSON.parse(row['state']) as ConferenceState, stateVersion: Number(row['sv'] ?? 1) }
    },
    async listConferences() {
      return (await noted(client.sMembers(keys.conferences))).sort()
    },
    async verify(conferenceId) {
      // Only Redis's answers are timed, each read with room for a chunk of large events (an award
      // list): hashing a long log takes time of its own, and a slow check is no outage of Redis.
      return verifyLog((from) => noted(readRange(conferenceId, from, VERIFY_CHUNK), timeout + VERIFY_READ_EXTRA_MS))
    },

    async exclusive(name, task, o = {}) {
      const ttlMs = o.ttlMs ?? 120_000
      const deadline = Date.now() + (o.waitMs ?? ttlMs)
      const owner = randomUUID()
      const key = keys.lock(name)
      while ((await noted(client.set(key, owner, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }))) !== 'OK') {
        if (Date.now() > deadline) throw new Error(`another server process has held the lock "${name}" for too long`)
        await new Promise((r) => setTimeout(r, 100))
      }
      try {
        return await task()
      } finally {
        await scripts.run(UNLOCK, [key], [owner]).catch(() => undefined)
      }
    },
    health: connection.health,
    onHealthChange: connection.onHealthChange,
    async close() {
      await streams.stop()
      await connection.close()
    },
  }
  return store
}

async function appendOnce(
  client: Client,
  scripts: ReturnType<typeof scriptRunner>,
  keys: ReturnType<typeof redisKeys>,
  conferenceId: string,
  expectedSeq: number,
  events: Parameters<EventStore['append']>[2],
  opts: { commandId?: string; at?: string },
): Promise<AppendResult> {
  const commandId = opts.commandId ?? ''
  const [seen, [headSeq, headHash, headAt]] = await Promise.all([
    commandId ? client.hGet(keys.commands(conferenceId), commandId) : Promise.resolve(null),
    client.hmGet(keys.head(conferenceId), ['seq', 'hash', 'at']),
  ])
  if (seen !== null && seen !== undefined) return { ok: true, duplicate: true, seq: Number(seen), events: [] }
  if (events.length === 0) return { ok: true, events: [] }
  const seq0 = Number(headSeq ?? 0)
  if (seq0 !== expectedSeq) return { ok: false, conflict: true, currentSeq: seq0 }
  // Never earlier than the event before it: a clock stepped back (or another host's) does not reorder the log's times.
  const wanted = opts.at ?? new Date().toISOString()
  const at = headAt && headAt > wanted ? headAt : wanted
  let prevHash = headHash ?? GENESIS_HASH
  const args = [conferenceId, String(expectedSeq), prevHash, commandId, String(events.length), at]
  const stored = events.map((event, i) => {
    const seq = expectedSeq + 1 + i
    const dataJson = JSON.stringify(event.data)
    const hash = eventHash(prevHash, seq, event.type, at, dataJson)
    const v = EVENT_VERSION[event.type]
    args.push(event.type, dataJson, String(v), hash)
    const e: StoredEvent = { seq, type: event.type, at, data: event.data, v, prevHash, hash }
    prevHash = hash
    return e
  })
  const reply = (await scripts.run(APPEND, [keys.head(conferenceId), keys.commands(conferenceId), keys.log(conferenceId), keys.conferences], args)) as [string, string]
  if (reply[0] === 'duplicate') return { ok: true, duplicate: true, seq: Number(reply[1]), events: [] }
  if (reply[0] === 'conflict') return { ok: false, conflict: true, currentSeq: Number(reply[1]) }
  return { ok: true, events: stored }
}

/** EVALSHA with the script loaded on first use, and again after Redis lost its script cache (a restart). */
export function scriptRunner(client: Client) {
  const shas = new Map<string, string>()
  return {
    async run(script: string, keys: string[], args: string[]): Promise<unknown> {
      let sha = shas.get(script)
      if (!sha) {
        sha = createHash('sha1').update(script).digest('hex')
        shas.set(script, sha)
      }
      try {
        return await client.evalSha(sha, { keys, arguments: args })
      } catch (err) {
        if (!errorMessage(err).startsWith('NOSCRIPT')) throw err
        return client.eval(script, { keys, arguments: args })
      }
    },
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
