/**
 * The default event store: one SQLite file (WAL) per data directory, through better-sqlite3.
 * Calls are synchronous underneath; the async interface leaves room for the Redis store.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { ConferenceState, Role } from '../../shared/domain.js'
import { EVENT_VERSION, type NewEvent } from '../../shared/events.js'
import type { AccessGrant, AppendResult, EventStore, StoredEvent, VerifyResult } from './event-store.js'
import { eventHash, GENESIS_HASH } from './hash-chain.js'

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

interface TokenRow {
  conference_id: string
  role: string
  site_id: string | null
  bloc_id: string | null
  label: string | null
}

type Db = Database.Database

/** Opens (creating if needed) `<dataDir>/diemcau.sqlite` and returns it as an `EventStore`. */
export function openSqliteStore(dataDir: string): EventStore {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, SQLITE_FILE))
  configure(db)
  migrate(db)
  return createStore(db)
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
    head: db.prepare<[string], { seq: number; hash: string }>(
      'SELECT seq, hash FROM events WHERE conference_id = ? ORDER BY seq DESC LIMIT 1',
    ),
    insertEvent: db.prepare<[string, number, string, string, string, string, string, string | null, number], void>(
      `INSERT INTO events (conference_id, seq, type, at, data, prev_hash, hash, command_id, v)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    read: db.prepare<[string, number, number], EventRow>(
      `SELECT seq, type, at, data, prev_hash, hash, v FROM events
       WHERE conference_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    all: db.prepare<[string], EventRow>(
      'SELECT seq, type, at, data, prev_hash, hash, v FROM events WHERE conference_id = ? ORDER BY seq',
    ),
    commandSeq: db.prepare<[string, string], { seq: number }>(
      'SELECT seq FROM commands WHERE conference_id = ? AND command_id = ?',
    ),
    insertCommand: db.prepare<[string, string, number], void>(
      'INSERT INTO commands (conference_id, command_id, seq) VALUES (?, ?, ?)',
    ),
    saveSnapshot: db.prepare<[string, number, string, number], void>(
      `INSERT INTO snapshots (conference_id, seq, state, state_version) VALUES (?, ?, ?, ?)
       ON CONFLICT (conference_id) DO UPDATE SET seq = excluded.seq, state = excluded.state, state_version = excluded.state_version
       WHERE excluded.seq >= snapshots.seq OR excluded.state_version <> snapshots.state_version`,
    ),
    loadSnapshot: db.prepare<[string], { seq: number; state: string; state_version: number }>(
      'SELECT seq, state, state_version FROM snapshots WHERE conference_id = ?',
    ),
    conferences: db.prepare<[], { conference_id: string }>(
      'SELECT DISTINCT conference_id FROM events ORDER BY conference_id',
    ),
    saveToken: db.prepare<[string, string, string, string | null, string | null, string | null], void>(
      `INSERT INTO tokens (token_hash, conference_id, role, site_id, bloc_id, label) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (token_hash) DO UPDATE SET conference_id = excluded.conference_id, role = excluded.role,
         site_id = excluded.site_id, bloc_id = excluded.bloc_id, label = excluded.label`,
    ),
    findToken: db.prepare<[string], TokenRow>(
      'SELECT conference_id, role, site_id, bloc_id, label FROM tokens WHERE token_hash = ?',
    ),
  }
}

type Statements = ReturnType<typeof prepareStatements>

interface AppendOptions {
  commandId?: string
  at?: string
}

function createStore(db: Db): EventStore {
  const stmts = prepareStatements(db)
  const headOf = (conferenceId: string) => stmts.head.get(conferenceId) ?? { seq: 0, hash: GENESIS_HASH }
  const appendTx = db.transaction(
    (conferenceId: string, expectedSeq: number, events: NewEvent[], opts: AppendOptions): AppendResult =>
      appendInTx(stmts, headOf, conferenceId, expectedSeq, events, opts),
  )

  return {
    async append(conferenceId, expectedSeq, events, opts = {}) {
      // IMMEDIATE takes the write lock before the head is read, so two processes cannot both pass the check.
      return appendTx.immediate(conferenceId, expectedSeq, events, opts)
    },
    async read(conferenceId, since, limit = DEFAULT_READ_LIMIT) {
      const rows = stmts.read.all(conferenceId, since, Math.max(0, Math.min(limit, DEFAULT_READ_LIMIT)))
      return rows.map(toStoredEvent)
    },
    async head(conferenceId) {
      return headOf(conferenceId)
    },
    async commandSeq(conferenceId, commandId) {
      return stmts.commandSeq.get(conferenceId, commandId)?.seq ?? null
    },
    async saveSnapshot(conferenceId, seq, state, stateVersion) {
      stmts.saveSnapshot.run(conferenceId, seq, JSON.stringify(state), stateVersion)
    },
    async loadSnapshot(conferenceId) {
      const row = stmts.loadSnapshot.get(conferenceId)
      return row ? { seq: row.seq, state: JSON.parse(row.state) as ConferenceState, stateVersion: row.state_version } : null
    },
    async listConferences() {
      return stmts.conferences.all().map((r) => r.conference_id)
    },
    async verify(conferenceId) {
      return verifyChain(stmts.all.iterate(conferenceId))
    },
    async saveToken(tokenHash, grant) {
      const { conferenceId, role, siteId, blocId, label } = grant
      stmts.saveToken.run(tokenHash, conferenceId, role, siteId ?? null, blocId ?? null, label ?? null)
    },
    async findToken(tokenHash) {
      const row = stmts.findToken.get(tokenHash)
      return row ? toGrant(row) : null
    },
    async close() {
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
  headOf: (conferenceId: string) => { seq: number; hash: string },
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

  const at = opts.at ?? new Date().toISOString()
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

/** Walks rows in seq order, re-hashing each from its stored data text. */
function verifyChain(rows: Iterable<EventRow>): VerifyResult {
  let count = 0
  let prevHash = GENESIS_HASH
  let firstBrokenSeq: number | undefined
  for (const row of rows) {
    count++
    if (firstBrokenSeq === undefined && !linkHolds(row, count, prevHash)) firstBrokenSeq = Math.min(row.seq, count)
    prevHash = row.hash
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

function toGrant(row: TokenRow): AccessGrant {
  const grant: AccessGrant = { conferenceId: row.conference_id, role: row.role as Role }
  if (row.site_id !== null) grant.siteId = row.site_id
  if (row.bloc_id !== null) grant.blocId = row.bloc_id
  if (row.label !== null) grant.label = row.label
  return grant
}
