/**
 * One contract for every EventStore: the same tests run against SQLite (a temp file) and Redis
 * (a real redis-server on a free port with `appendfsync always`). Each backend supplies only how
 * to open it and how to change a stored event behind the store's back. The access links have a
 * contract of their own (link-store.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createClient } from 'redis'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { initialState } from '../../shared/domain.js'
import type { NewEvent } from '../../shared/events.js'
import { startRedis, type TestRedis } from '../test/redis-server.js'
import type { EventStore, StoredEvent } from './event-store.js'
import { inProcessFeed, type LogFeed } from './feed.js'
import { eventHash, GENESIS_HASH } from './hash-chain.js'
import { openRedisStore, redisKeys } from './redis.js'
import { openSqliteStore, SQLITE_FILE } from './sqlite.js'
import { defined } from '../../shared/testing/defined.js'

const checkIn = (siteId: string, attendees: number): NewEvent => ({ type: 'site.checkedIn', data: { siteId, attendees } })
const started: NewEvent = { type: 'conference.started', data: {} }

interface Backend {
  name: string
  setup(): Promise<void>
  teardown(): Promise<void>
  open(): Promise<{ store: EventStore; feed: LogFeed }>
  /** Rewrites the data text of the event at `seq`, leaving its hashes as they were. */
  tamper(conferenceId: string, seq: number, dataJson: string): Promise<void>
  /** Cleans what one test left. */
  reset(): Promise<void>
}

function sqliteBackend(): Backend {
  let dir = ''
  return {
    name: 'sqlite',
    async setup() {},
    async teardown() {},
    async reset() {
      if (dir) rmSync(dir, { recursive: true, force: true })
      dir = ''
    },
    async open() {
      dir ||= mkdtempSync(join(tmpdir(), 'diemcau-contract-'))
      return inProcessFeed(openSqliteStore(dir))
    },
    async tamper(conferenceId, seq, dataJson) {
      const db = new Database(join(dir, SQLITE_FILE))
      db.prepare('UPDATE events SET data = ? WHERE conference_id = ? AND seq = ?').run(dataJson, conferenceId, seq)
      db.close()
    },
  }
}

function redisBackend(): Backend {
  let redis: TestRedis
  let n = 0
  let prefix = ''
  return {
    name: 'redis',
    async setup() {
      redis = await startRedis()
    },
    async teardown() {
      await redis.dispose()
    },
    async reset() {
      prefix = ''
    },
    async open() {
      prefix ||= `t${++n}:`
      const store = await openRedisStore({ url: redis.url, prefix })
      return { store, feed: store.feed }
    },
    async tamper(conferenceId, seq, dataJson) {
      const raw = createClient({ url: redis.url })
      await raw.connect()
      const key = redisKeys(prefix).log(conferenceId)
      const [entry] = (await raw.xRange(key, `${seq}-0`, `${seq}-0`)) ?? []
      // A stream entry cannot be edited in place: rebuild the stream with one field changed.
      const all = (await raw.xRange(key, '-', '+')) ?? []
      await raw.del(key)
      for (const e of all) await raw.xAdd(key, e.id, e.id === defined(entry).id ? { ...e.message, d: dataJson } : e.message)
      await raw.close()
    },
  }
}

describe.each([sqliteBackend(), redisBackend()])('EventStore contract: $name', (backend) => {
  let store: EventStore
  let feed: LogFeed
  beforeAll(() => backend.setup())
  afterAll(() => backend.teardown())
  beforeEach(async () => {
    ;({ store, feed } = await backend.open())
  })
  afterEach(async () => {
    await store.close()
    await backend.reset()
  })

  describe('append and read', () => {
    it('starts empty with the genesis head', async () => {
      expect(await store.head('c1')).toEqual({ seq: 0, hash: GENESIS_HASH })
      expect(await store.read('c1', 0)).toEqual([])
      expect(await store.listConferences()).toEqual([])
    })

    it('gives gapless seqs in order and chains the hashes', async () => {
      const at = '2025-05-01T08:00:00.000Z'
      const first = await store.append('c1', 0, [started, checkIn('s1', 12)], { at })
      const second = await store.append('c1', 2, [checkIn('s2', 30)])
      if (!first.ok || !second.ok) throw new Error('append refused')
      const events = await store.read('c1', 0)
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3])
      expect(events[1]).toMatchObject({ at, type: 'site.checkedIn', data: { siteId: 's1', attendees: 12 }, v: 1 })
      expect(defined(events[0]).prevHash).toBe(GENESIS_HASH)
      expect(defined(events[1]).prevHash).toBe(defined(events[0]).hash)
      expect(defined(events[2]).prevHash).toBe(defined(events[1]).hash)
      expect(defined(events[0]).hash).toBe(eventHash(GENESIS_HASH, 1, 'conference.started', at, '{}'))
      expect(first.events).toEqual(events.slice(0, 2))
      expect(await store.head('c1')).toEqual({ seq: 3, hash: defined(events[2]).hash })
      expect(await store.listConferences()).toEqual(['c1'])
    })

    it('never dates an event before the one it follows', async () => {
      await store.append('c1', 0, [started], { at: '2025-05-01T08:00:00.000Z' })
      await store.append('c1', 1, [checkIn('s1', 1)], { at: '2025-05-01T07:00:00.000Z' })
      expect(defined((await store.read('c1', 1))[0]).at).toBe('2025-05-01T08:00:00.000Z')
    })

    it('reads after `since` and at most `limit`', async () => {
      for (let i = 0; i < 5; i++) await store.append('c1', i, [checkIn(`s${i}`, i)])
      expect((await store.read('c1', 2)).map((e) => e.seq)).toEqual([3, 4, 5])
      expect((await store.read('c1', 1, 2)).map((e) => e.seq)).toEqual([2, 3])
      expect(await store.read('c1', 5)).toEqual([])
    })

    it('refuses a wrong expectedSeq and writes nothing', async () => {
      await store.append('c1', 0, [started])
      expect(await store.append('c1', 0, [checkIn('s1', 1)])).toEqual({ ok: false, conflict: true, currentSeq: 1 })
      expect(await store.append('c1', 5, [checkIn('s1', 1)])).toEqual({ ok: false, conflict: true, currentSeq: 1 })
      expect((await store.read('c1', 0)).map((e) => e.seq)).toEqual([1])
    })

    it('lets exactly one of two racing appends at the same seq through', async () => {
      const results = await Promise.all([1, 2, 3, 4].map((i) => store.append('c1', 0, [checkIn(`s${i}`, i)], { commandId: `race-${i}` })))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok)).toEqual(Array(3).fill({ ok: false, conflict: true, currentSeq: 1 }))
      expect(await store.read('c1', 0)).toHaveLength(1)
    })

    it('appends a command once, answering a retry with the first seq', async () => {
      await store.append('c1', 0, [started], { commandId: 'a' })
      const first = await store.append('c1', 1, [checkIn('s1', 1), checkIn('s2', 2)], { commandId: 'b' })
      expect(first.ok && !('duplicate' in first) && first.events.map((e) => e.seq)).toEqual([2, 3])
      // The retry wins over the seq check: a lost ack is answered, not refused.
      expect(await store.append('c1', 1, [checkIn('s1', 1)], { commandId: 'b' })).toEqual({ ok: true, duplicate: true, seq: 3, events: [] })
      expect(await store.commandSeq('c1', 'b')).toBe(3)
      expect(await store.commandSeq('c1', 'nope')).toBeNull()
      expect(await store.commandSeq('c2', 'b')).toBeNull()
      expect((await store.head('c1')).seq).toBe(3)
    })

    it('accepts an empty batch without appending or remembering the command', async () => {
      expect(await store.append('c1', 0, [], { commandId: 'x' })).toEqual({ ok: true, events: [] })
      expect(await store.commandSeq('c1', 'x')).toBeNull()
      expect((await store.head('c1')).seq).toBe(0)
    })

    it('keeps two conferences independent', async () => {
      await store.append('c1', 0, [started])
      await store.append('c2', 0, [started, checkIn('s', 1)])
      expect((await store.head('c1')).seq).toBe(1)
      expect((await store.head('c2')).seq).toBe(2)
      expect(await store.listConferences()).toEqual(['c1', 'c2'])
    })
  })

  describe('snapshots', () => {
    it('returns null before any, keeps the latest and never goes back', async () => {
      expect(await store.loadSnapshot('c1')).toBeNull()
      await store.append('c1', 0, [started, checkIn('s1', 1)])
      const s2 = { ...initialState('c1'), title: 'at two' }
      await store.saveSnapshot('c1', 2, s2, 3)
      await store.saveSnapshot('c1', 1, { ...initialState('c1'), title: 'older' }, 3)
      expect(await store.loadSnapshot('c1')).toEqual({ seq: 2, state: s2, stateVersion: 3 })
      // Another shape version replaces it whatever its seq: the service rebuilds when they differ.
      await store.saveSnapshot('c1', 1, { ...initialState('c1'), title: 'v4' }, 4)
      expect((await store.loadSnapshot('c1'))?.state.title).toBe('v4')
    })
  })

  describe('verify', () => {
    it('passes on an untouched log and on an empty one', async () => {
      expect(await store.verify('c1')).toEqual({ ok: true, events: 0 })
      for (let i = 0; i < 4; i++) await store.append('c1', i, [checkIn(`s${i}`, i)])
      expect(await store.verify('c1')).toEqual({ ok: true, events: 4 })
    })

    it('finds an event whose data was changed behind the store', async () => {
      for (let i = 0; i < 4; i++) await store.append('c1', i, [checkIn(`s${i}`, i)])
      await backend.tamper('c1', 3, JSON.stringify({ siteId: 's2', attendees: 999 }))
      expect(await store.verify('c1')).toMatchObject({ ok: false, events: 4, firstBrokenSeq: 3 })
    })
  })

  describe('following the log', () => {
    it('tells a follower every appended batch, in order', async () => {
      const seen: StoredEvent[][] = []
      const stop = feed.follow('c1', 0, (events) => seen.push(events))
      await store.append('c1', 0, [started, checkIn('s1', 1)])
      await store.append('c1', 2, [checkIn('s2', 2)])
      await store.append('c2', 0, [started])
      await until(() => seen.flat().length >= 3)
      expect(seen.flat().map((e) => e.seq)).toEqual([1, 2, 3])
      expect(seen.flat()).toEqual(await store.read('c1', 0))
      stop()
    })
  })

  describe('reopening', () => {
    it('finds everything again', async () => {
      await store.append('c1', 0, [started], { commandId: 'k' })
      await store.saveSnapshot('c1', 1, initialState('c1'), 1)
      await store.close()
      ;({ store, feed } = await backend.open())
      expect((await store.head('c1')).seq).toBe(1)
      expect(await store.commandSeq('c1', 'k')).toBe(1)
      expect((await store.loadSnapshot('c1'))?.seq).toBe(1)
      expect(await store.verify('c1')).toEqual({ ok: true, events: 1 })
    })
  })
})

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}
