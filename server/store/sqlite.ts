/**
 * The default event store: one SQLite file (WAL) per data directory, through better-sqlite3.
 * Calls are synchronous underneath; the async interface leaves room for the Redis store.
 */
import type Database from 'better-sqlite3'
import type { ConferenceState } from '../../shared/domain.js'
import { EVENT_VERSION, type NewEvent } from '../../shared/events.js'
import { log } from '../log.js'
import type { AppendResult, EventStore, StoreHealth, StoredEvent } from './event-store.js'
import { eventHash, GENESIS_HASH } from './hash-chain.js'
import { openHeadWriter, readHeadFile, type HeadRecord } from './head-file.js'
import { ackedProblem, verifyChain, VERIFY_CHUNK, type EventRow } from './sqlite-chain.js'
import { openDatabase, snapshotProblem, stateHash, type SnapshotRow } from './sqlite-db.js'
import { errorCode } from '../errors.js'

export { SQLITE_FILE, stateHash } from './sqlite-db.js'
export { VERIFY_CHUNK } from './sqlite-chain.js'

/** Default and upper bound of `read`'s page size. */
const DEFAULT_READ_LIMIT = 10_000

type Db = Database.Database

/**
 * Opens (creating if needed) `<dataDir>/diemcau.sqlite` and returns it as an `EventStore`.
 * Each append also rewrites the acknowledged heads in `diemcau.head.json` beside it.
 */
export function openSqliteStore(dataDir: string): SqliteEventStore {
  const db = openDatabase(dataDir)
  return createStore(db, dataDir)
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
        note(`the database refused a write (${errorCode(err) ?? 'error'})`)
        throw err
      }
      let problem: string | null = null
      const last = result.ok ? result.events.at(-1) : undefined
      if (last) {
        acked[conferenceId] = { seq: last.seq, hash: last.hash }
        try {
          headWriter.write(acked)
        } catch (err) {
          problem = `the head file beside the database cannot be written (${errorCode(err) ?? 'error'})`
          log.error({ err, conferenceId }, 'writing the acknowledged head failed')
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
        log.warn({ conferenceId, problem }, 'the saved snapshot is not used; the state is rebuilt from the log')
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

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    seq: row.seq,
    type: row.type,
    at: row.at,
    data: JSON.parse(row.data),
    v: row.v,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}
