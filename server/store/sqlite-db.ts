/**
 * The data directory's SQLite file: where it is, how it is opened and migrated, and how a saved
 * snapshot is checked against the log. Shared by the event store (sqlite.ts) and the link store.
 */
import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/** File name of the database inside the data directory. */
export const SQLITE_FILE = 'diemcau.sqlite'

type Db = Database.Database

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

/** SHA-256 (hex) of a snapshot's JSON text, kept beside it. */
export const stateHash = (json: string) => createHash('sha256').update(json, 'utf8').digest('hex')

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
  MIGRATIONS.forEach((step, v) => {
    if (v < current) return
    db.transaction(() => {
      db.exec(step)
      db.pragma(`user_version = ${v + 1}`)
    }).immediate()
  })
}

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

