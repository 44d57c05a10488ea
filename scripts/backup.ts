/**
 * npm run backup: a consistent copy of the data directory while the server runs.
 * `VACUUM INTO` writes the database as of one instant (the -wal's committed events included) into
 * BACKUP_DIR/diemcau-<time>/ (default DATA_DIR/backups), with the head file rebuilt from that copy,
 * the links file and the shared secrets (`*.key`: document-links.key signs the PDFs' links), each
 * mode 0600: the folder is a whole data directory, to restore as it is.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { linksFile } from '../server/access/links.js'
import { writeHeadFile, type HeadRecord } from '../server/store/head-file.js'
import { SQLITE_FILE } from '../server/store/sqlite.js'
import { PROJECT_ROOT } from '../server/paths.js'

const root = PROJECT_ROOT
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'))
const source = path.join(dataDir, SQLITE_FILE)
if (!existsSync(source)) {
  console.error(`Không có cơ sở dữ liệu ${source} để sao lưu: đặt DATA_DIR là thư mục dữ liệu của máy chủ. / There is no database to back up: set DATA_DIR to the server's data directory.`)
  process.exit(1)
}
const stamp = new Date().toISOString().replace(/\..*$/, '').replace(/[-:]/g, '').replace('T', '-')
const target = path.join(path.resolve(process.env.BACKUP_DIR ?? path.join(dataDir, 'backups')), `diemcau-${stamp}`)
mkdirSync(target, { recursive: true, mode: 0o700 })

const started = performance.now()
const db = new Database(source, { readonly: true, fileMustExist: true })
db.pragma('busy_timeout = 5000')
const copy = path.join(target, SQLITE_FILE)
db.prepare('VACUUM INTO ?').run(copy)
db.close()

const backup = new Database(copy)
const check = backup.pragma('quick_check', { simple: true })
const heads: HeadRecord = {}
for (const row of backup.prepare<[], { conference_id: string; seq: number; hash: string }>(
  `SELECT conference_id, seq, hash FROM events e WHERE seq = (SELECT MAX(seq) FROM events WHERE conference_id = e.conference_id)`,
).all()) heads[row.conference_id] = { seq: row.seq, hash: row.hash }
backup.close()
chmodSync(copy, 0o600)
writeHeadFile(target, heads)
// Without the key a restored server makes a new one, and the document links already handed out stop opening.
const secrets = readdirSync(dataDir).filter((f) => f.endsWith('.key'))
for (const file of [linksFile(dataDir), ...secrets.map((f) => path.join(dataDir, f))]) {
  if (!existsSync(file)) continue
  const copied = path.join(target, path.basename(file))
  copyFileSync(file, copied)
  chmodSync(copied, 0o600)
}
if (check !== 'ok') {
  console.error(`The copy in ${target} failed SQLite's quick_check (${String(check)}): the database itself may be damaged.`)
  process.exit(1)
}
const events = Object.entries(heads).map(([id, h]) => `${id}: seq ${h.seq}, head ${h.hash.slice(0, 16)}`).join('; ')
console.log(`Đã sao lưu vào / Backed up to ${target} (${(statSync(copy).size / 1e6).toFixed(1)} MB, ${Math.round(performance.now() - started)} ms; ${events || 'no events'}).`)
console.log(`Khôi phục / To restore: stop the server, move ${dataDir} aside, copy ${target} in its place, start.`)
