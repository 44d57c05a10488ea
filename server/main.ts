/**
 * Starts one server: env, data directory (lock and integrity check), the log's store and the
 * links' store, demo seed on first start, access links, listen, graceful stop. With REDIS_URL: one of several processes on one
 * Redis (docs/operations.md, "Running a cluster"), without the data directory's lock and SQLite checks. Anything that stops the start is said in one plain
 * sentence (Vietnamese, then English) with what to do, and the exit code is not 0.
 */
import path from 'node:path'
import { PROJECT_ROOT } from './paths.js'
import { createApp } from './app.js'
import { openSqliteStore, SQLITE_FILE } from './store/sqlite.js'
import { lockDataDir } from './store/lock.js'
import { checkBeforeOpen, checkIntegrity, prepareDataDir } from './store/integrity.js'
import { openRedisStore } from './store/redis.js'
import { openRedisLinkStore } from './store/redis-links.js'
import { openSqliteLinkStore } from './store/sqlite-links.js'
import type { LinkStore } from './store/link-store.js'
import { joinCluster, type AdapterKind } from './realtime/cluster.js'
import type { EventStore } from './store/event-store.js'
import { ensureDemo } from './seed/bootstrap.js'
import { formatLinks, linksFile } from './access/links.js'
import { log } from './log.js'
import { errorCode, errorMessage } from './errors.js'
import { say, warn } from './terminal.js'

// The last line of defence, before anything can fail (docs/operations.md, "Running in production"). Every
// client, subscriber and timer handles its own errors; what still escapes is a bug, said loudly.
// A promise nobody handled is logged and the process keeps serving: it is one operation that
// failed, and the pages, the log and the other operations are unharmed.
process.on('unhandledRejection', (reason) => {
  log.error({ err: reason }, 'a promise failed and nothing handled it (a bug); the server keeps serving')
})
// A throw that escaped every handler may have left this process's memory half-changed (a room
// half-folded): it stops, saving what it can, with exit code 1, and its service manager starts it
// again (systemd Restart=always; npm run cluster restarts its servers). The log lost nothing: an
// acknowledged command is in the store; the pages reconnect and catch up from their last seq.
let shutdown: ((why: string, code: number) => Promise<void>) | null = null
process.on('uncaughtException', (err, origin) => {
  if (!shutdown) {
    // Still starting (a failed top-level await lands here too): nothing to save. The sentence goes
    // to stderr at once as well: the log is written asynchronously and may not be out before the exit.
    log.fatal({ err, origin }, 'the server could not start')
    warn(`Máy chủ không khởi động được: ${err instanceof Error ? err.message : String(err)}. / The server could not start.`)
    process.exit(1)
  }
  log.fatal({ err, origin }, 'an error escaped every handler (a bug); the server stops and its service manager starts it again')
  void shutdown('uncaughtException', 1)
})
import { relayLinksFile } from './access/links-file.js'

const root = PROJECT_ROOT
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'))
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`
const production = process.env.NODE_ENV === 'production'

function refuse(sentence: string): never {
  warn(sentence)
  process.exit(1)
}

if (!Number.isInteger(port) || port < 0 || port > 65535) refuse(`PORT must be a port number, not "${process.env.PORT}"`)
const redisUrl = process.env.REDIS_URL
const adapterSetting = process.env.SOCKET_ADAPTER ?? 'pubsub'
const adapterKind: AdapterKind = adapterSetting === 'pubsub' || adapterSetting === 'streams' ? adapterSetting : refuse(`SOCKET_ADAPTER must be "pubsub" or "streams", not "${adapterSetting}"`)

/** A setting in whole milliseconds (`fallback` when it is not set), refused in one sentence otherwise. */
function milliseconds(name: string, fallback: string, opts: { aboveZero?: boolean } = {}): number {
  const setting = process.env[name] ?? fallback
  if ((opts.aboveZero ? /^[1-9]\d*$/ : /^\d+$/).test(setting)) return Number(setting)
  return refuse(`${name} must be a number of milliseconds${opts.aboveZero ? ' above 0' : ''}, not "${setting}"`)
}
const startWaitMs = milliseconds('REDIS_START_WAIT_MS', '60000')
// How long a Redis command may take before Redis counts as unreachable (a frozen redis-server is noticed within it).
const commandTimeoutMs = milliseconds('REDIS_COMMAND_TIMEOUT_MS', '800', { aboveZero: true })

const dirProblem = prepareDataDir(dataDir)
if (dirProblem) refuse(dirProblem)
// Redis not there yet (a machine that starts this before redis-server): wait for it, saying so, then refuse.
const waitingForRedis = (reason: string, waitedMs: number) =>
  warn(`Đang chờ Redis tại REDIS_URL (${Math.round(waitedMs / 1000)}/${Math.round(startWaitMs / 1000)} giây; ${reason}). / Waiting for Redis at REDIS_URL.`)
const redis = redisUrl
  ? await openRedisStore({ url: redisUrl, startWaitMs, commandTimeoutMs, onWaiting: waitingForRedis }).catch((err: unknown) =>
      refuse(`Không kết nối được Redis tại REDIS_URL (${errorMessage(err)}): hãy khởi động redis-server hoặc sửa địa chỉ. / Cannot reach Redis at REDIS_URL: start redis-server or fix the URL.`),
    )
  : null
const { store, lock } = redis ? { store: redis, lock: null } : await openSqlite()
// The links and the documents' key: in Redis with REDIS_URL (the same for every process, whatever
// its DATA_DIR), else in the data directory's database and key file.
const links: LinkStore = redis
  ? await openRedisLinkStore({ url: redis.url, commandTimeoutMs }).catch((err: unknown) =>
      refuse(`Không kết nối được Redis tại REDIS_URL (${errorMessage(err)}): hãy khởi động redis-server hoặc sửa địa chỉ. / Cannot reach Redis at REDIS_URL: start redis-server or fix the URL.`),
    )
  : openSqliteLinkStore(dataDir)

/** The default: one server per data directory, locked, checked before it serves. */
async function openSqlite(): Promise<{ store: EventStore; lock: ReturnType<typeof lockDataDir> }> {
  let lock: ReturnType<typeof lockDataDir>
  try {
    lock = lockDataDir(dataDir)
  } catch (err) {
    refuse(`Không khoá được thư mục dữ liệu ${dataDir} (${errorCode(err) ?? 'error'}): hãy đặt DATA_DIR là một thư mục ghi được trên ổ đĩa của máy này. / The data directory cannot be locked: set DATA_DIR to a writable local directory.`)
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
    `Không mở được cơ sở dữ liệu ${path.join(dataDir, SQLITE_FILE)} (${errorCode(err) ?? 'error'}): tệp bị hỏng hoặc không phải cơ sở dữ liệu của Điểm Cầu. Dừng máy chủ, khôi phục từ bản sao lưu (xem docs/operations.md, mục Sao lưu) rồi khởi động lại. / The database cannot be opened: restore it from a backup (docs/operations.md, Backups).`,
  )
}
const integrity = await checkIntegrity(dataDir, store, linksFile(dataDir)).catch((err: unknown) => ({
  problem: `Không kiểm tra được cơ sở dữ liệu ${path.join(dataDir, SQLITE_FILE)} (${errorCode(err) ?? errorMessage(err).slice(0, 120)}). Dừng máy chủ, khôi phục từ bản sao lưu (xem docs/operations.md, mục Sao lưu) rồi khởi động lại. / The database could not be checked: restore it from a backup.`,
  warnings: new Array<string>(),
  ms: 0,
}))
if (integrity.problem) {
  await store.close()
  refuse(integrity.problem)
}
for (const w of integrity.warnings) warn(w)
say(`Data directory checked in ${integrity.ms} ms (quick_check, hash chains, acknowledged heads, snapshots).`)
return { store, lock }
}

const server = createApp({ store, links, feed: redis?.feed, dataDir, clientDir: path.join(root, 'dist', 'client') })
const cluster = redis ? await joinCluster(server.io, server.trackers, { url: redis.url, adapter: adapterKind }) : null
// A link issued from the console on any process reaches the cluster's access-links.json (server/access/links-file.ts).
const linksRelay = redis ? await relayLinksFile({ url: redis.url, dataDir }) : null

// Several processes may start together: one seeds the demo and issues its links, the others wait
// and reuse them (from the links file when they share its DATA_DIR; else the seeder's file has them).
const demoLinks = redis
  ? await redis.exclusive('seed-demo', () => ensureDemo(links, server.service, dataDir, publicUrl, { oncePerCluster: true }))
  : await ensureDemo(links, server.service, dataDir, publicUrl)
server.httpServer.once('error', (err: NodeJS.ErrnoException) => {
  warn(err.code === 'EADDRINUSE' ? `Port ${port} is already in use: stop the other server or set PORT to a free port.` : `Cannot listen on ${host}:${port}: ${err.message}`)
  process.exit(1)
})
server.httpServer.listen(port, host, () => {
  say(`Điểm Cầu is serving on ${publicUrl} (${redis ? `log in Redis, process ${cluster?.processId}, Socket.IO adapter ${adapterKind}` : `data in ${dataDir}`})`)
  if (!demoLinks) {
    say(
      'Các liên kết truy cập của hội nghị mẫu đã được cấp bởi tiến trình máy chủ khởi tạo nó, trong access-links.json ở DATA_DIR của tiến trình đó; chúng dùng được trên mọi tiến trình. ' +
        'Ban tổ chức có thể cấp thêm trong bảng điều khiển (Tài liệu → Liên kết truy cập). / The demo\'s access links were issued by the process that seeded it, in access-links.json of its DATA_DIR; they work on every process.',
    )
    return
  }
  // In production the secrets stay in the links file (mode 0600), out of logs and terminals' scrollback.
  if (!production) say(formatLinks(demoLinks))
  say(`${production ? 'The access links are' : 'The links are also'} in ${linksFile(dataDir)}`)
})

let stopping = false
async function stop(signal: string, code = 0) {
  if (stopping) return
  stopping = true
  say(`${signal}: saving and stopping…`)
  const force = setTimeout(() => process.exit(1), 10_000)
  force.unref()
  // Each step on its own: a store that cannot be reached (Redis down) does not keep the others from closing.
  for (const step of [() => server.close(), () => cluster?.stop(), () => linksRelay?.stop(), () => links.close(), () => store.close()]) {
    await Promise.resolve()
      .then(step)
      .catch((err: unknown) => log.warn({ err }, 'a part of the server did not close cleanly'))
  }
  if (lock?.ok) lock.release()
  process.exit(code)
}
shutdown = stop
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
