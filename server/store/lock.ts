/**
 * One writer per data directory: the server holds an exclusive SQLite lock on
 * `DATA_DIR/diemcau.lock` for as long as it runs. The lock is the operating system's (a POSIX
 * record lock taken by SQLite), so it goes with the process: a server killed with `kill -9`
 * leaves nothing that blocks the next start, and a second live server is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { errorCode } from '../errors.js'

export const LOCK_FILE = 'diemcau.lock'
const PID_FILE = 'diemcau.pid'

export type DataDirLock = { ok: true; release(): void } | { ok: false; holderPid?: number }

/** Takes the data directory's lock, or says that another process holds it. Throws on I/O errors. */
export function lockDataDir(dataDir: string): DataDirLock {
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER)')
    // Never committed: the exclusive lock stays until the process ends or releases it.
    db.exec('BEGIN EXCLUSIVE')
    db.prepare('DELETE FROM holder').run()
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid)
  } catch (err) {
    db.close()
    if (errorCode(err) === 'SQLITE_BUSY' || errorCode(err) === 'SQLITE_LOCKED') return { ok: false, holderPid: readPid(dataDir) }
    throw err
  }
  writeFileSync(join(dataDir, PID_FILE), `${process.pid}\n`)
  return {
    ok: true,
    release() {
      if (db.open) db.close()
    },
  }
}

function readPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim())
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}
