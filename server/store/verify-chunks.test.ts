/**
 * `verify` on the SQLite store walks the log a chunk at a time and lets the event loop run
 * between chunks (a 21k-event log no longer stalls every socket for 221 ms), and still finds a
 * tampered event wherever it is: inside a chunk, on a chunk's edge, the last one.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { NewEvent } from '../../shared/events.js'
import { openSqliteStore, SQLITE_FILE, VERIFY_CHUNK, type SqliteEventStore } from './sqlite.js'

const EVENTS = VERIFY_CHUNK * 3 + 17
let dir: string
let store: SqliteEventStore

const checkIn = (n: number): NewEvent => ({ type: 'site.checkedIn', data: { siteId: 'hub', attendees: n } }) as NewEvent

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'diemcau-verify-'))
  store = openSqliteStore(dir)
  for (let seq = 0; seq < EVENTS; seq += 500) {
    const n = Math.min(500, EVENTS - seq)
    const r = await store.append('c1', seq, Array.from({ length: n }, (_, i) => checkIn(seq + i)))
    expect(r.ok).toBe(true)
  }
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Edits one stored event's data behind the store's back, as a tamperer with the file would. */
function tamper(seq: number): void {
  const raw = new Database(join(dir, SQLITE_FILE))
  raw.prepare("UPDATE events SET data = replace(data, 'attendees', 'attendeez') WHERE conference_id = 'c1' AND seq = ?").run(seq)
  raw.close()
}

it('lets the event loop run between chunks, and passes an intact log', async () => {
  const turns: boolean[] = []
  let done = false
  const pass = store.verify('c1').then((r) => {
    done = true
    return r
  })
  // Each turn of the loop notes whether the pass had finished by then.
  const tick = (): void => {
    turns.push(done)
    if (!done) setImmediate(tick)
  }
  setImmediate(tick)
  expect(await pass).toEqual({ ok: true, events: EVENTS })
  // Turns ran while the pass was still going (one log in one go would have finished before the first).
  expect(turns.filter((finished) => !finished).length).toBeGreaterThanOrEqual(2)
})

it.each([
  ['inside the first chunk', 5],
  ['on a chunk edge', VERIFY_CHUNK],
  ['just past a chunk edge', VERIFY_CHUNK * 2 + 1],
  ['the last event', EVENTS],
])('finds a tampered event %s', async (_where, seq) => {
  tamper(seq)
  expect(await store.verify('c1')).toMatchObject({ ok: false, events: EVENTS, firstBrokenSeq: seq })
})
