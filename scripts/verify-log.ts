/**
 * What `npm run verify` reads: a conference log opened for reading only, from the data folder's
 * SQLite file (never written: no migration, no head file, no -wal checkpoint) or, with REDIS_URL,
 * from Redis. And the check itself: the chain re-hashed from the stored bytes, then the event at
 * the seq written down must carry the hash written down.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { eventHash, GENESIS_HASH } from '../server/store/hash-chain.js'
import { openRedisStore } from '../server/store/redis.js'
import { SQLITE_FILE } from '../server/store/sqlite.js'

/** A head as someone wrote it down: from the minutes' last page or the host console at the end. */
export interface WrittenHead {
  seq: number
  hash: string
}

/** A log to check, whatever keeps it. */
export interface LogReader {
  /** Where the log is, for the sentences ("/data/diemcau.sqlite", "Redis redis://…"). */
  where: string
  conferences(): Promise<string[]>
  /** The chain re-hashed from the stored bytes: how many events, and the first one that does not hold. */
  walk(conferenceId: string): Promise<{ events: number; lastSeq: number; firstBrokenSeq?: number }>
  /** The stored hash of the event at `seq`, or undefined when the log has none there. */
  hashAt(conferenceId: string, seq: number): Promise<string | undefined>
  close(): Promise<void>
}

/** `<seq>:<hash>` (64 hex digits, either case; spaces around ignored), or null. */
export function parseHead(text: string | undefined): WrittenHead | null {
  const m = /^\s*(\d{1,15}):([0-9a-fA-F]{64})\s*$/.exec(text ?? '')
  if (!m) return null
  const seq = Number(m[1])
  return seq >= 1 ? { seq, hash: (m[2] ?? '').toLowerCase() } : null
}

interface Row { seq: number; type: string; at: string; data: string; prev_hash: string; hash: string }

/** Events re-hashed per query: the walk never holds the whole log in memory. */
const CHUNK = 2000

/** The data folder's database, opened read-only (it must exist; a running server may hold it). */
export function openSqliteReader(dataDir: string): LogReader {
  const file = path.join(dataDir, SQLITE_FILE)
  const db = new Database(file, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  const page = db.prepare<[string, number, number], Row>('SELECT seq, type, at, data, prev_hash, hash FROM events WHERE conference_id = ? AND seq > ? ORDER BY seq LIMIT ?')
  return {
    where: file,
    async conferences() {
      return db.prepare<[], { conference_id: string }>('SELECT DISTINCT conference_id FROM events ORDER BY conference_id').all().map((r) => r.conference_id)
    },
    async walk(conferenceId) {
      let events = 0
      let prevHash = GENESIS_HASH
      let firstBrokenSeq: number | undefined
      // Below any seq, so that a row edited to seq 0 or less is walked (and found) too.
      let after = Number.MIN_SAFE_INTEGER
      for (;;) {
        const rows = page.all(conferenceId, after, CHUNK)
        for (const r of rows) {
          events++
          const holds = r.seq === events && r.prev_hash === prevHash && r.hash === eventHash(r.prev_hash, r.seq, r.type, r.at, r.data)
          if (firstBrokenSeq === undefined && !holds) firstBrokenSeq = Math.min(r.seq, events)
          prevHash = r.hash
          after = r.seq
        }
        if (rows.length < CHUNK) break
      }
      return { events, lastSeq: events === 0 ? 0 : after, ...(firstBrokenSeq !== undefined ? { firstBrokenSeq } : {}) }
    },
    async hashAt(conferenceId, seq) {
      return db.prepare<[string, number], { hash: string }>('SELECT hash FROM events WHERE conference_id = ? AND seq = ?').get(conferenceId, seq)?.hash
    },
    async close() {
      db.close()
    },
  }
}

/** A cluster's log in Redis (REDIS_URL): read through the store, which re-hashes the stored JSON text. */
export async function openRedisReader(url: string): Promise<LogReader> {
  const store = await openRedisStore({ url, commandTimeoutMs: 10_000 })
  return {
    where: `Redis ${new URL(url).host}`,
    conferences: () => store.listConferences(),
    async walk(conferenceId) {
      const v = await store.verify(conferenceId)
      // The stream's own length, not the head key beside it (which a cut would leave as it was): a chain that holds runs 1…n.
      return { events: v.events, lastSeq: v.events, ...(v.firstBrokenSeq !== undefined ? { firstBrokenSeq: v.firstBrokenSeq } : {}) }
    },
    async hashAt(conferenceId, seq) {
      const [event] = await store.read(conferenceId, seq - 1, 1)
      return event?.seq === seq ? event.hash : undefined
    },
    close: () => store.close(),
  }
}

export type HeadCheck =
  | { ok: true; events: number; lastSeq: number }
  | { ok: false; problem: 'broken'; events: number; firstBrokenSeq: number }
  | { ok: false; problem: 'shorter'; events: number; lastSeq: number }
  | { ok: false; problem: 'rewritten'; events: number; found: string }

/** Checks one conference's log against a head written down elsewhere. */
export async function checkAgainstHead(reader: LogReader, conferenceId: string, head: WrittenHead): Promise<HeadCheck> {
  const walked = await reader.walk(conferenceId)
  if (walked.firstBrokenSeq !== undefined) return { ok: false, problem: 'broken', events: walked.events, firstBrokenSeq: walked.firstBrokenSeq }
  if (walked.lastSeq < head.seq) return { ok: false, problem: 'shorter', events: walked.events, lastSeq: walked.lastSeq }
  const found = await reader.hashAt(conferenceId, head.seq)
  if (found !== head.hash) return { ok: false, problem: 'rewritten', events: walked.events, found: found ?? '' }
  return { ok: true, events: walked.events, lastSeq: walked.lastSeq }
}
