/**
 * Starts one server: env, data directory (lock and integrity check), store, demo seed on first
 * start, access links, listen, graceful stop. Anything that stops the start is said in one plain
 * sentence (Vietnamese, then English) with what to do, and the exit code is not 0.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.js'
import { openSqliteStore, SQLITE_FILE } from './store/sqlite.js'
import { lockDataDir } from './store/lock.js'
import { checkBeforeOpen, checkIntegrity, prepareDataDir } from './store/integrity.js'
import { ensureDemo } from './seed/bootstrap.js'
import { formatLinks, linksFile } from './access/links.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'))
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`
const production = process.env.NODE_ENV === 'production'

function refuse(sentence: string): never {
  console.error(sentence)
  process.exit(1)
}

if (!Number.isInteger(port) || port < 0 || port > 65535) refuse(`PORT must be a port number, not "${process.env.PORT}"`)
if (process.env.REDIS_URL) refuse('REDIS_URL is set, but this build serves a conference from one process with SQLite only; unset it.')

const dirProblem = prepareDataDir(dataDir)
if (dirProblem) refuse(dirProblem)
let lock: ReturnType<typeof lockDataDir>
try {
  lock = lockDataDir(dataDir)
} catch (err) {
  refuse(`Không khoá được thư mục dữ liệu ${dataDir} (${(err as { code?: string }).code ?? 'error'}): hãy đặt DATA_DIR là một thư mục ghi được trên ổ đĩa của máy này. / The data directory cannot be locked: set DATA_DIR to a writable local directory.`)
}
if (!lock.ok) {
  refuse(
    `Một máy chủ Điểm Cầu khác${lock.holderPid ? ` (pid ${lock.holderPid})` : ''} đang dùng thư mục dữ liệu ${dataDir}: hãy dừng máy chủ đó, hoặc đặt DATA_DIR khác. / Another Điểm Cầu server is using this data directory: stop it, or set another DATA_DIR.`,
  )
}
const beforeOpen = checkBeforeOpen(dataDir, linksFile(dataDir))
if (beforeOpen) refuse(beforeOpen)

let store: ReturnType<typeof openSqliteStore>
try {
  store = openSqliteStore(dataDir)
} catch (err) {
  refuse(
    `Không mở được cơ sở dữ liệu ${path.join(dataDir, SQLITE_FILE)} (${(err as { code?: string }).code ?? 'error'}): tệp bị hỏng hoặc không phải cơ sở dữ liệu của Điểm Cầu. Dừng máy chủ, khôi phục từ bản sao lưu (xem README, mục Sao lưu) rồi khởi động lại. / The database cannot be opened: restore it from a backup (README, Backups).`,
  )
}
const integrity = await checkIntegrity(dataDir, store, linksFile(dataDir)).catch((err: unknown) => ({
  problem: `Không kiểm tra được cơ sở dữ liệu ${path.join(dataDir, SQLITE_FILE)} (${(err as { code?: string }).code ?? (err as Error).message?.slice(0, 120)}). Dừng máy chủ, khôi phục từ bản sao lưu (xem README, mục Sao lưu) rồi khởi động lại. / The database could not be checked: restore it from a backup.`,
  warnings: [] as string[],
  ms: 0,
}))
if (integrity.problem) {
  await store.close()
  refuse(integrity.problem)
}
for (const w of integrity.warnings) console.error(w)
console.log(`Data directory checked in ${integrity.ms} ms (quick_check, hash chains, acknowledged heads, snapshots).`)

const server = createApp({ store, dataDir, clientDir: path.join(root, 'dist', 'client') })

const links = await ensureDemo(store, server.service, dataDir, publicUrl)
server.httpServer.once('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${port} is already in use: stop the other server or set PORT to a free port.` : `Cannot listen on ${host}:${port}: ${err.message}`)
  process.exit(1)
})
server.httpServer.listen(port, host, () => {
  console.log(`Điểm Cầu is serving on ${publicUrl} (data in ${dataDir})`)
  // In production the secrets stay in the links file (mode 0600), out of logs and terminals' scrollback.
  if (!production) console.log(formatLinks(links))
  console.log(`${production ? 'The access links are' : 'The links are also'} in ${linksFile(dataDir)}`)
})

let stopping = false
async function stop(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`${signal}: saving and stopping…`)
  const force = setTimeout(() => process.exit(1), 10_000)
  force.unref()
  await server.close()
  await store.close()
  if (lock.ok) lock.release()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
