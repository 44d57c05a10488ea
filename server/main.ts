/**
 * Starts one server: env, store, demo seed on first start, access links, listen, graceful stop.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.js'
import { openSqliteStore } from './store/sqlite.js'
import { ensureDemo } from './seed/bootstrap.js'
import { formatLinks } from './access/links.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'))
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}"`)
  process.exit(1)
}
if (process.env.REDIS_URL) {
  console.error('REDIS_URL is set, but this build serves a conference from one process with SQLite only; unset it.')
  process.exit(1)
}

mkdirSync(dataDir, { recursive: true })
const store = openSqliteStore(dataDir)
const server = createApp({ store, dataDir, clientDir: path.join(root, 'dist', 'client') })

const links = await ensureDemo(store, server.service, dataDir, publicUrl)
server.httpServer.once('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${port} is already in use: stop the other server or set PORT to a free port.` : `Cannot listen on ${host}:${port}: ${err.message}`)
  process.exit(1)
})
server.httpServer.listen(port, host, () => {
  console.log(`Điểm Cầu is serving on ${publicUrl} (data in ${dataDir})`)
  console.log(formatLinks(links))
  console.log(`The links are also in ${path.join(dataDir, 'access-links.json')}`)
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
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
