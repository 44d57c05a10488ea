/**
 * The default event store: one SQLite file (WAL) per data directory, through better-sqlite3.
 * Calls are synchronous underneath; the async interface leaves room for the Redis store.
 */
import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { ConferenceState } from '../../shared/domain.js'
import { EVENT_VERSION, type NewEvent } from '../../shared/events.js'
import type { AppendResult, EventStore, StoreHealth, StoredEvent, VerifyResult } from './event-store.js'
import { eventHash, GENESIS_HASH } from './hash-chain.js'
import { openHeadWriter, readHeadFile, type HeadRecord } from './head-file.js'

/** File name of the database inside the data directory. */
export const SQLITE_FILE = 'diemcau.sqlite'

/** Default and upper bound of `read`'s page size. */
const DEFAULT_READ_LIMIT = 10_000

/** Schema steps; `PRAGMA user_version` counts how many have run. Append, never edit. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     conference_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     type TEXT NOT NULL,
     at TEXT NOT NULL,
     data TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL,
     command_id TEXT,
     PRIMARY KEY (conference_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE commands (
     conference_id TEXT NOT NULL,
     command_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     PRIMARY KEY (conference_id, command_id),
     FOREIGN KEY (conference_id, seq) REFERENCES events (conference_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE snapshots (
     conference_id TEXT PRIMARY KEY,
     seq INTEGER NOT NULL,
     state TEXT NOT NULL
   );
   CREATE TABLE tokens (
     token_hash TEXT PRIMARY KEY,
     conference_id TEXT NOT NULL,
     role TEXT NOT NULL,
     site_id TEXT,
     bloc_id TEXT,
     label TEXT
   );
   CREATE INDEX tokens_by_conference ON tokens (conference_id);`,
  // Shape versions: of each event's data (older rows are version 1) and of a snapshot's state.
  `ALTER TABLE events ADD COLUMN v INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE snapshots ADD COLUMN state_version INTEGER NOT NULL DEFAULT 1;`,
  // A snapshot names the event it was built at and the hash of its own text, so an edited row is
  // noticed; links get their dates, and revocation.
  `ALTER TABLE snapshots ADD COLUMN head_hash TEXT;
   ALTER TABLE snapshots ADD COLUMN state_hash TEXT;
   ALTER TABLE tokens ADD COLUMN created_at TEXT;
   ALTER TABLE tokens ADD COLUMN expires_at TEXT;
   ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
   ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
   CREATE INDEX tokens_by_link_id ON tokens (substr(token_hash, 1, 16));`,
]

interface EventRow {
  seq: number
  type: string
  at: string
  data: string
  prev_hash: string
  hash: string
  v: number
}

type Db = Database.Database

/** SHA-256 (hex) of a snapshot's JSON text, kept beside it. */
export const stateHash = (json: string) => createHash('sha256').update(json, 'utf8').digest('hex')

/**
 * Opens (creating if needed) `<dataDir>/diemcau.sqlite` and returns it as an `EventStore`.
 * Each append also rewrites the acknowledged heads in `diemcau.head.json` beside it.
 */
export function openSqliteStore(dataDir: string): SqliteEventStore {
  const db = openDatabase(dataDir)
  return createStore(db, dataDir)
}

/**
 * The data directory's database, created and migrated if needed, on a connection of its own: the
 * event store and the link store (sqlite-links.ts) each open one, and WAL lets them work side by side.
 */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, SQLITE_FILE)
  const db = new Database(file)
  try {
    // Every recipient and the links' hashes: for the server's user only (SQLite gives -wal and -shm the same mode).
    chmodSync(file, 0o600)
    configure(db)
    migrate(db)
  } catch (err) {
    db.close()
    throw err
  }
  return db
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL')
  // An acknowledged event must survive a power cut, not only a process crash.
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!)
      db.pragma(`user_version = ${v + 1}`)
    }).immediate()
  }
}

function prepareStatements(db: Db) {
  return {
    head: db.prepare<[string], { seq: number; hash: string; at: string }>(
      'SELECT seq, hash, at FROM events WHERE conference_id = ? ORDER BY seq DESC LIMIT 1',
    ),
    hashAt: db.prepare<[string, number], { hash: string }>('SELECT hash FROM events WHERE conference_id = ? AND seq = ?'),
    insertEvent: db.prepare<[string, number, string, string, string, string, string, string | null, number], void>(
      `INSERT INTO events (conference_id, seq, type, at, data, prev_hash, hash, command_id, v)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    read: db.prepare<[string, number, number], EventRow>(
      `SELECT seq, type, at, data, prev_hash, hash, v FROM events
       WHERE conference_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    commandSeq: db.prepare<[string, string], { seq: number }>(
      'SELECT seq FROM commands WHERE conference_id = ? AND command_id = ?',
    ),
    insertCommand: db.prepare<[string, string, number], void>(
      'INSERT INTO commands (conference_id, command_id, seq) VALUES (?, ?, ?)',
    ),
    saveSnapshot: db.prepare<[string, number, string, number, string | null, string], void>(
      `INSERT INTO snapshots (conference_id, seq, state, state_version, head_hash, state_hash) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (conference_id) DO UPDATE SET seq = excluded.seq, state = excluded.state, state_version = excluded.state_version,
         head_hash = excluded.head_hash, state_hash = excluded.state_hash
       WHERE excluded.seq >= snapshots.seq OR excluded.state_version <> snapshots.state_version`,
    ),
    loadSnapshot: db.prepare<[string], SnapshotRow>(
      'SELECT seq, state, state_version, head_hash, state_hash FROM snapshots WHERE conference_id = ?',
    ),
    conferences: db.prepare<[], { conference_id: string }>(
      'SELECT DISTINCT conference_id FROM events ORDER BY conference_id',
    ),
  }
}

type Statements = ReturnType<typeof prepareStatements>

export interface SnapshotRow {
  seq: number
  state: string
  state_version: number
  head_hash: string | null
  state_hash: string | null
}

/**
 * Why a saved snapshot is not trusted, or null when it is: its text must hash to what was saved
 * with it, and the event it was built at must still be in the log with the same hash.
 */
export function snapshotProblem(row: SnapshotRow, logHashAtSeq: string | undefined): string | null {
  if (row.state_hash !== null && row.state_hash !== stateHash(row.state)) return 'its text was changed after it was saved'
  if (row.head_hash !== null && row.head_hash !== logHashAtSeq) return `it was built at seq ${row.seq}, and the log holds another event there (or none)`
  return null
}

interface AppendOptions {
  commandId?: string
  at?: string
}

/** The SQLite store says when appends start failing and work again (server/realtime/store-status.ts). */
export type SqliteEventStore = EventStore

function createStore(db: Db, dataDir: string): SqliteEventStore {
  const stmts = prepareStatements(db)
  const headOf = (conferenceId: string) => stmts.head.get(conferenceId) ?? { seq: 0, hash: GENESIS_HASH, at: '' }
  const appendTx = db.transaction(
    (conferenceId: string, expectedSeq: number, events: NewEvent[], opts: AppendOptions): AppendResult =>
      appendInTx(stmts, headOf, conferenceId, expectedSeq, events, opts),
  )
  /** The heads acknowledged so far, as the head file had them at open and every append since. */
  const acked: HeadRecord = readHeadFile(dataDir).heads
  const headWriter = openHeadWriter(dataDir)
  let failure: string | null = db.readonly ? 'the database is open read-only' : null
  const healthListeners = new Set<(health: StoreHealth) => void>()
  /** Notes the latest append's outcome (null: it worked) and tells the listeners when it flips. */
  const note = (reason: string | null) => {
    const flipped = (failure === null) !== (reason === null)
    failure = reason
    if (flipped) for (const listener of healthListeners) listener(reason === null ? { ok: true } : { ok: false, reason })
  }

  return {
    async append(conferenceId, expectedSeq, events, opts = {}) {
      let result: AppendResult
      try {
        // IMMEDIATE takes the write lock before the head is read, so two processes cannot both pass the check.
        result = appendTx.immediate(conferenceId, expectedSeq, events, opts)
      } catch (err) {
        note(`the database refused a write (${(err as { code?: string }).code ?? 'error'})`)
        throw err
      }
      let problem: string | null = null
      const last = result.ok ? result.events.at(-1) : undefined
      if (last) {
        acked[conferenceId] = { seq: last.seq, hash: last.hash }
        try {
          headWriter.write(acked)
        } catch (err) {
          problem = `the head file beside the database cannot be written (${(err as { code?: string }).code ?? 'error'})`
          console.error('writing the acknowledged head failed:', err)
        }
      }
      note(problem)
      return result
    },
    async read(conferenceId, since, limit = DEFAULT_READ_LIMIT) {
      const rows = stmts.read.all(conferenceId, since, Math.max(0, Math.min(limit, DEFAULT_READ_LIMIT)))
      return rows.map(toStoredEvent)
    },
    async head(conferenceId) {
      const { seq, hash } = headOf(conferenceId)
      return { seq, hash }
    },
    async commandSeq(conferenceId, commandId) {
      return stmts.commandSeq.get(conferenceId, commandId)?.seq ?? null
    },
    async saveSnapshot(conferenceId, seq, state, stateVersion) {
      const json = JSON.stringify(state)
      stmts.saveSnapshot.run(conferenceId, seq, json, stateVersion, stmts.hashAt.get(conferenceId, seq)?.hash ?? null, stateHash(json))
    },
    async loadSnapshot(conferenceId) {
      const row = stmts.loadSnapshot.get(conferenceId)
      if (!row) return null
      const problem = snapshotProblem(row, stmts.hashAt.get(conferenceId, row.seq)?.hash)
      if (problem) {
        // The log is the truth and rebuilds the state; the snapshot is only a shortcut.
        console.error(`The saved snapshot of conference ${conferenceId} is not used: ${problem}. The state is rebuilt from the log.`)
        return null
      }
      return { seq: row.seq, state: JSON.parse(row.state) as ConferenceState, stateVersion: row.state_version }
    },
    async listConferences() {
      return stmts.conferences.all().map((r) => r.conference_id)
    },
    async verify(conferenceId) {
      const result = await verifyChain((after) => stmts.read.all(conferenceId, after, VERIFY_CHUNK))
      const problem = ackedProblem(acked[conferenceId], headOf(conferenceId).seq, (seq) => stmts.hashAt.get(conferenceId, seq)?.hash)
      return problem ? { ...result, ok: false, acknowledged: problem } : result
    },
    health(): StoreHealth {
      if (!db.open) return { ok: false, reason: 'the database is closed' }
      return failure === null ? { ok: true } : { ok: false, reason: failure }
    },
    onHealthChange(listener) {
      healthListeners.add(listener)
      return () => healthListeners.delete(listener)
    },
    async close() {
      headWriter.close()
      if (db.open) db.close()
    },
  }
}

/**
 * The body of one append transaction. A known command id wins over the seq check, so a retry
 * after a lost ack gets the first answer. An empty `events` appends nothing, skips the seq check
 * and does not record the command id (there is no seq to answer with): `{ ok: true, events: [] }`.
 */
function appendInTx(
  stmts: Statements,
  headOf: (conferenceId: string) => { seq: number; hash: string; at: string },
  conferenceId: string,
  expectedSeq: number,
  events: NewEvent[],
  opts: AppendOptions,
): AppendResult {
  const commandId = opts.commandId ?? null
  if (commandId !== null) {
    const seen = stmts.commandSeq.get(conferenceId, commandId)
    if (seen) return { ok: true, duplicate: true, seq: seen.seq, events: [] }
  }
  if (events.length === 0) return { ok: true, events: [] }
  const head = headOf(conferenceId)
  if (head.seq !== expectedSeq) return { ok: false, conflict: true, currentSeq: head.seq }

  // Never earlier than the event before it: a clock stepped back does not reorder the log's times.
  const wanted = opts.at ?? new Date().toISOString()
  const at = head.at > wanted ? head.at : wanted
  let prevHash = head.hash
  const stored = events.map((event, i) => {
    const seq = expectedSeq + 1 + i
    const dataJson = JSON.stringify(event.data)
    const hash = eventHash(prevHash, seq, event.type, at, dataJson)
    const v = EVENT_VERSION[event.type]
    stmts.insertEvent.run(conferenceId, seq, event.type, at, dataJson, prevHash, hash, commandId, v)
    const result: StoredEvent = { seq, type: event.type, at, data: event.data, v, prevHash, hash }
    prevHash = hash
    return result
  })
  if (commandId !== null) stmts.insertCommand.run(conferenceId, commandId, expectedSeq + events.length)
  return { ok: true, events: stored }
}

/**
 * Rows re-hashed per turn of the event loop: 21,000 events took 221 ms in one go, a stall for
 * every socket and reveal; in chunks of 500 each turn costs a few milliseconds.
 */
export const VERIFY_CHUNK = 500

/**
 * Walks rows in seq order, re-hashing each from its stored data text, a chunk at a time
 * (`page(after)`: the rows with seq > after, at most VERIFY_CHUNK), yielding between chunks.
 */
async function verifyChain(page: (afterSeq: number) => EventRow[]): Promise<VerifyResult> {
  let count = 0
  let prevHash = GENESIS_HASH
  let firstBrokenSeq: number | undefined
  // Below any seq, so that a row edited to seq 0 or less is walked (and found) too.
  let after = Number.MIN_SAFE_INTEGER
  for (;;) {
    const rows = page(after)
    for (const row of rows) {
      count++
      if (firstBrokenSeq === undefined && !linkHolds(row, count, prevHash)) firstBrokenSeq = Math.min(row.seq, count)
      prevHash = row.hash
      after = row.seq
    }
    if (rows.length < VERIFY_CHUNK) break
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return firstBrokenSeq === undefined ? { ok: true, events: count } : { ok: false, events: count, firstBrokenSeq }
}

function linkHolds(row: EventRow, expectedSeq: number, prevHash: string): boolean {
  return (
    row.seq === expectedSeq &&
    row.prev_hash === prevHash &&
    row.hash === eventHash(row.prev_hash, row.seq, row.type, row.at, row.data)
  )
}

/** How the log falls short of the head recorded as acknowledged, if it does. */
export function ackedProblem(
  recorded: { seq: number; hash: string } | undefined,
  logSeq: number,
  hashAt: (seq: number) => string | undefined,
): VerifyResult['acknowledged'] | null {
  if (!recorded) return null
  if (logSeq < recorded.seq) return { seq: recorded.seq, problem: 'shorter' }
  if (hashAt(recorded.seq) !== recorded.hash) return { seq: recorded.seq, problem: 'diverged' }
  return null
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    seq: row.seq,
    type: row.type,
    at: row.at,
    data: JSON.parse(row.data) as unknown,
    v: row.v,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}
