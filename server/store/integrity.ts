/**
 * What the server checks about its data directory before it serves anything: that the directory
 * is usable, that the database is not missing, emptied or damaged (SQLite's quick_check and every
 * conference's hash chain), that the log is not shorter than what was acknowledged (the head file),
 * and that each saved snapshot is what its log rebuilds. A problem that would serve or extend wrong
 * data stops the start with one sentence naming the file and what to do; a bad snapshot is only
 * dropped (the log rebuilds it) and reported.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { initialState, STATE_VERSION, type ConferenceState } from '../../shared/domain.js'
import { EVENT_VERSION, readEvent, type ConferenceEvent, type EventType } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import type { EventStore } from './event-store.js'
import { headFile, readHeadFile } from './head-file.js'
import { ackedProblem } from './sqlite-chain.js'
import { snapshotProblem, SQLITE_FILE, type SnapshotRow } from './sqlite-db.js'
import { errorCode } from '../errors.js'

const RESTORE = 'Dừng máy chủ, khôi phục thư mục dữ liệu từ bản sao lưu (xem docs/operations.md, mục Sao lưu) rồi khởi động lại. / Stop, restore the data directory from a backup (docs/operations.md, Backups) and start again.'

/** Creates the data directory (without `recursive`, which loops on /proc) and checks it can be written; a sentence when not. */
export function prepareDataDir(dir: string): string | null {
  try {
    const missing: string[] = []
    for (let d = dir; !existsSync(d); d = dirname(d)) {
      missing.unshift(d)
      if (dirname(d) === d) break
    }
    for (const d of missing) mkdirSync(d)
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' })
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK)
    return null
  } catch (err) {
    const code = errorCode(err) ?? 'error'
    return `Không dùng được thư mục dữ liệu ${dir} (${code}): hãy đặt DATA_DIR là một thư mục ghi được. / The data directory ${dir} cannot be used (${code}): set DATA_DIR to a writable directory.`
  }
}

/** Before the store opens (opening creates the file): a database missing or emptied beside the links it issued. */
export function checkBeforeOpen(dataDir: string, linksFile: string): string | null {
  const db = join(dataDir, SQLITE_FILE)
  const size = existsSync(db) ? statSync(db).size : -1
  if (size > 0) return null
  const witness = [linksFile, headFile(dataDir)].find((f) => existsSync(f))
  if (!witness) return null
  const what = size === 0 ? 'rỗng (0 byte) / is empty (0 bytes)' : 'không còn / is missing'
  return `Cơ sở dữ liệu ${db} ${what}, trong khi ${witness} cho thấy hội nghị đã có dữ liệu: máy chủ không tạo hội nghị mới đè lên. ${RESTORE}`
}

export interface IntegrityReport {
  /** One sentence when the server must not start. */
  problem: string | null
  /** Things found and repaired (a snapshot dropped), to print. */
  warnings: string[]
  /** How long the check took, in ms. */
  ms: number
}

/** The checks after the store has opened; see the file's comment. */
export async function checkIntegrity(dataDir: string, store: EventStore, linksFile: string): Promise<IntegrityReport> {
  const started = performance.now()
  const file = join(dataDir, SQLITE_FILE)
  const warnings: string[] = []
  const done = (problem: string | null): IntegrityReport => ({ problem, warnings, ms: Math.round(performance.now() - started) })
  const raw = new Database(file, { fileMustExist: true })
  try {
    const quick = (raw.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check)
    if (quick.length !== 1 || quick[0] !== 'ok') {
      return done(`Cơ sở dữ liệu ${file} bị hỏng (SQLite quick_check: ${quick.slice(0, 2).join('; ').slice(0, 160)}). ${RESTORE}`)
    }
    const conferences = await store.listConferences()
    const heads = readHeadFile(dataDir)
    if (heads.unreadable) warnings.push(`Tệp ${headFile(dataDir)} không đọc được; nó được ghi lại ở lần ghi tới. / The head file is unreadable; it is rewritten on the next append.`)
    if (conferences.length === 0 && (existsSync(linksFile) || Object.keys(heads.heads).length > 0)) {
      return done(`Cơ sở dữ liệu ${file} không còn sự kiện nào, trong khi ${existsSync(linksFile) ? linksFile : headFile(dataDir)} cho thấy hội nghị đã có dữ liệu. ${RESTORE}`)
    }
    const hashAt = raw.prepare<[string, number], { hash: string }>('SELECT hash FROM events WHERE conference_id = ? AND seq = ?')
    for (const [conferenceId, acked] of Object.entries(heads.heads)) {
      const head = await store.head(conferenceId)
      const problem = ackedProblem(acked, head.seq, (seq) => hashAt.get(conferenceId, seq)?.hash)
      if (problem?.problem === 'shorter') {
        return done(
          `Nhật ký hội nghị ${conferenceId} trong ${file} chỉ đến seq ${head.seq}, nhưng máy chủ đã xác nhận đến seq ${acked.seq} (${headFile(dataDir)}): các lệnh đã xác nhận bị mất, có thể do mất tệp ${file}-wal. ${RESTORE} ` +
            `Nếu không có bản sao lưu và chấp nhận mất dữ liệu, hãy chuyển tệp ${headFile(dataDir)} sang chỗ khác rồi khởi động lại. / If there is no backup and the loss is accepted, move the head file aside and start again.`,
        )
      }
      if (problem?.problem === 'diverged') {
        return done(`Nhật ký hội nghị ${conferenceId} trong ${file} khác với nhật ký đã xác nhận tại seq ${acked.seq} (${headFile(dataDir)}): nhật ký đã bị thay hoặc viết lại. ${RESTORE}`)
      }
    }
    for (const conferenceId of conferences) {
      const chain = await store.verify(conferenceId)
      if (chain.firstBrokenSeq !== undefined) {
        return done(`Chuỗi băm của hội nghị ${conferenceId} trong ${file} bị đứt từ sự kiện seq ${chain.firstBrokenSeq}: nhật ký đã bị sửa hoặc hỏng. ${RESTORE}`)
      }
      const problem = snapshotMismatch(raw, conferenceId)
      if (problem) {
        raw.prepare('DELETE FROM snapshots WHERE conference_id = ?').run(conferenceId)
        warnings.push(`Bản chụp trạng thái của hội nghị ${conferenceId} không khớp với nhật ký (${problem}): đã bỏ và dựng lại từ nhật ký. / The saved snapshot did not match the log; it was dropped and the state rebuilt from the log.`)
      }
    }
    return done(null)
  } finally {
    raw.close()
  }
}

/** Why the saved snapshot of a conference is not the state its log rebuilds at its seq, or null. */
export function snapshotMismatch(raw: Database.Database, conferenceId: string): string | null {
  const row = raw.prepare<[string], SnapshotRow>('SELECT seq, state, state_version, head_hash, state_hash FROM snapshots WHERE conference_id = ?').get(conferenceId)
  if (!row) return null
  const atSeq = raw.prepare<[string, number], { hash: string }>('SELECT hash FROM events WHERE conference_id = ? AND seq = ?').get(conferenceId, row.seq)
  const stored = snapshotProblem(row, atSeq?.hash)
  if (stored) return stored
  // A snapshot of another state shape is not used anyway; nothing to compare it with.
  if (row.state_version !== STATE_VERSION) return null
  let state: ConferenceState = initialState(conferenceId)
  const events = raw.prepare<[string, number], { seq: number; type: string; at: string; data: string; v: number }>(
    'SELECT seq, type, at, data, v FROM events WHERE conference_id = ? AND seq <= ? ORDER BY seq',
  )
  for (const e of events.iterate(conferenceId, row.seq)) {
    const data: unknown = JSON.parse(e.data)
    // Current-shape events were parsed when written and the chain (checked first) vouches they are unchanged:
    // only older shapes go through the parse and upcast, which costs ~0.1 ms an event.
    const event = e.v === EVENT_VERSION[e.type as EventType] ? ({ seq: e.seq, type: e.type, at: e.at, data } as ConferenceEvent) : readEvent({ ...e, data }, state)
    state = evolve(state, event)
  }
  let saved: unknown
  try {
    saved = JSON.parse(row.state)
  } catch {
    return 'its text is not JSON'
  }
  return canonical(saved) === canonical(JSON.parse(JSON.stringify(state))) ? null : `it differs from the state the log rebuilds at seq ${row.seq}`
}

/** JSON with object keys sorted, so that two equal states compare equal whatever their key order. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`
  if (x && typeof x === 'object') {
    return `{${Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(x)
}
