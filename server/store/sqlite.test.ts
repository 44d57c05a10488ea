import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { initialState } from '../../shared/domain.js'
import type { NewEvent } from '../../shared/events.js'
import type { EventStore } from './event-store.js'
import { eventHash, GENESIS_HASH } from './hash-chain.js'
import { openSqliteStore, SQLITE_FILE } from './sqlite.js'
import { defined } from '../../shared/testing/defined.js'

const checkIn = (siteId: string, attendees: number): NewEvent => ({ type: 'site.checkedIn', data: { siteId, attendees } })
const started: NewEvent = { type: 'conference.started', data: {} }

let dir: string
let store: EventStore

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'diemcau-sqlite-'))
  store = openSqliteStore(dir)
})

afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Appends `n` check-ins one by one, as n commands would. */
async function appendCheckIns(conferenceId: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await store.append(conferenceId, i, [checkIn(`s${i}`, i)], { commandId: `cmd-${conferenceId}-${i}` })
    expect(r.ok).toBe(true)
  }
}

describe('openSqliteStore', () => {
  it('creates a missing data directory and the database file', async () => {
    const nested = join(dir, 'a', 'b')
    const other = openSqliteStore(nested)
    await other.close()
    expect(existsSync(join(nested, SQLITE_FILE))).toBe(true)
  })

  it('uses WAL, synchronous FULL, foreign keys and a schema version', () => {
    const raw = new Database(join(dir, SQLITE_FILE), { readonly: true })
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(raw.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1)
    } finally {
      raw.close()
    }
  })
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
    expect(events.map((e) => e.type)).toEqual(['conference.started', 'site.checkedIn', 'site.checkedIn'])
    expect(events[1]).toMatchObject({ at, data: { siteId: 's1', attendees: 12 } })
    expect(defined(events[0]).prevHash).toBe(GENESIS_HASH)
    expect(defined(events[1]).prevHash).toBe(defined(events[0]).hash)
    expect(defined(events[2]).prevHash).toBe(defined(events[1]).hash)
    expect(defined(events[0]).hash).toBe(eventHash(GENESIS_HASH, 1, 'conference.started', at, '{}'))
    expect(first.events).toEqual(events.slice(0, 2))
    expect(await store.head('c1')).toEqual({ seq: 3, hash: defined(events[2]).hash })
  })

  it('reads after `since` and at most `limit`', async () => {
    await appendCheckIns('c1', 5)
    expect((await store.read('c1', 2)).map((e) => e.seq)).toEqual([3, 4, 5])
    expect((await store.read('c1', 1, 2)).map((e) => e.seq)).toEqual([2, 3])
    expect(await store.read('c1', 5)).toEqual([])
  })

  it('refuses a wrong expectedSeq and writes nothing', async () => {
    await store.append('c1', 0, [started])
    const behind = await store.append('c1', 0, [checkIn('s1', 1)], { commandId: 'cmd-stale-1' })
    const ahead = await store.append('c1', 5, [checkIn('s1', 1)])
    expect(behind).toEqual({ ok: false, conflict: true, currentSeq: 1 })
    expect(ahead).toEqual({ ok: false, conflict: true, currentSeq: 1 })
    expect(await store.read('c1', 0)).toHaveLength(1)
    expect(await store.commandSeq('c1', 'cmd-stale-1')).toBeNull()
  })

  it('appends a command once, answering a retry with the first seq', async () => {
    await store.append('c1', 0, [started])
    const first = await store.append('c1', 1, [checkIn('s1', 5), checkIn('s2', 6)], { commandId: 'cmd-aaaa-1' })
    const retry = await store.append('c1', 1, [checkIn('s1', 5), checkIn('s2', 6)], { commandId: 'cmd-aaaa-1' })
    const lateRetry = await store.append('c1', 3, [checkIn('s1', 5)], { commandId: 'cmd-aaaa-1' })
    expect(first.ok && !('duplicate' in first) && first.events.map((e) => e.seq)).toEqual([2, 3])
    expect(retry).toEqual({ ok: true, duplicate: true, seq: 3, events: [] })
    expect(lateRetry).toEqual({ ok: true, duplicate: true, seq: 3, events: [] })
    expect(await store.read('c1', 0)).toHaveLength(3)
    expect(await store.commandSeq('c1', 'cmd-aaaa-1')).toBe(3)
    expect(await store.commandSeq('c1', 'cmd-unknown')).toBeNull()
  })

  it('accepts an empty batch without appending or remembering the command', async () => {
    const r = await store.append('c1', 7, [], { commandId: 'cmd-noop-1' })
    expect(r).toEqual({ ok: true, events: [] })
    expect(await store.head('c1')).toEqual({ seq: 0, hash: GENESIS_HASH })
    expect(await store.commandSeq('c1', 'cmd-noop-1')).toBeNull()
  })

  it('keeps two conferences independent', async () => {
    await appendCheckIns('c1', 3)
    await store.append('c2', 0, [started], { commandId: 'cmd-c1-0' })
    expect((await store.read('c2', 0)).map((e) => [e.seq, e.type])).toEqual([[1, 'conference.started']])
    expect((await store.head('c1')).seq).toBe(3)
    expect(await store.commandSeq('c2', 'cmd-c1-0')).toBe(1)
    expect(await store.commandSeq('c1', 'cmd-c1-0')).toBe(1)
    expect(await store.listConferences()).toEqual(['c1', 'c2'])
    expect(await store.verify('c2')).toEqual({ ok: true, events: 1 })
  })
})

describe('snapshots', () => {
  it('returns null before any snapshot', async () => {
    expect(await store.loadSnapshot('c1')).toBeNull()
  })

  it('keeps the latest and never goes back to an older one', async () => {
    const older = { ...initialState('c1'), title: 'Hội nghị tổng kết', status: 'live' as const }
    const newer = { ...older, status: 'ended' as const }
    await store.saveSnapshot('c1', 10, older, 2)
    expect(await store.loadSnapshot('c1')).toEqual({ seq: 10, state: older, stateVersion: 2 })
    await store.saveSnapshot('c1', 20, newer, 2)
    await store.saveSnapshot('c1', 15, older, 2)
    expect(await store.loadSnapshot('c1')).toEqual({ seq: 20, state: newer, stateVersion: 2 })
    expect(await store.loadSnapshot('c2')).toBeNull()
  })
})

describe('verify', () => {
  it('passes on an untouched log and on an empty one', async () => {
    await appendCheckIns('c1', 5)
    expect(await store.verify('c1')).toEqual({ ok: true, events: 5 })
    expect(await store.verify('empty')).toEqual({ ok: true, events: 0 })
  })

  it('finds a row whose data was changed behind the store', async () => {
    await appendCheckIns('c1', 5)
    const raw = new Database(join(dir, SQLITE_FILE))
    try {
      raw.prepare("UPDATE events SET data = ? WHERE conference_id = 'c1' AND seq = 3").run('{"siteId":"s2","attendees":999}')
    } finally {
      raw.close()
    }
    expect(await store.verify('c1')).toEqual({ ok: false, events: 5, firstBrokenSeq: 3 })
  })

  it('finds a re-hashed row by the broken link after it', async () => {
    await appendCheckIns('c1', 4)
    const raw = new Database(join(dir, SQLITE_FILE))
    try {
      const row = raw.prepare("SELECT type, at, prev_hash FROM events WHERE conference_id = 'c1' AND seq = 2").get() as {
        type: string
        at: string
        prev_hash: string
      }
      const data = '{"siteId":"s1","attendees":0}'
      const hash = eventHash(row.prev_hash, 2, row.type, row.at, data)
      raw.prepare("UPDATE events SET data = ?, hash = ? WHERE conference_id = 'c1' AND seq = 2").run(data, hash)
    } finally {
      raw.close()
    }
    expect(await store.verify('c1')).toEqual({ ok: false, events: 4, firstBrokenSeq: 3 })
  })

  it('finds a gap in seq', async () => {
    await appendCheckIns('c1', 4)
    const raw = new Database(join(dir, SQLITE_FILE))
    try {
      raw.pragma('foreign_keys = OFF')
      raw.prepare("DELETE FROM events WHERE conference_id = 'c1' AND seq = 2").run()
    } finally {
      raw.close()
    }
    expect(await store.verify('c1')).toEqual({ ok: false, events: 3, firstBrokenSeq: 2 })
  })
})

describe('reopening', () => {
  it('finds everything again in the same directory', async () => {
    await appendCheckIns('c1', 3)
    await store.append('c2', 0, [started])
    const state = { ...initialState('c1'), title: 'Lễ ký kết giao ước thi đua' }
    await store.saveSnapshot('c1', 3, state, 2)
    const before = await store.read('c1', 0)
    await store.close()

    store = openSqliteStore(dir)
    expect(await store.read('c1', 0)).toEqual(before)
    expect(await store.listConferences()).toEqual(['c1', 'c2'])
    expect(await store.loadSnapshot('c1')).toEqual({ seq: 3, state, stateVersion: 2 })
    expect(await store.commandSeq('c1', 'cmd-c1-2')).toBe(3)
    expect(await store.verify('c1')).toEqual({ ok: true, events: 3 })
    const next = await store.append('c1', 3, [checkIn('s9', 9)])
    expect(next.ok && next.events[0]?.prevHash).toBe(defined(before[2]).hash)
  })
})
