/**
 * The demo conference on a server of its own, scheduled to start `STARTS_IN_MIN` minutes from
 * now (rounded up to 5): the lobby's countdown is then real. Used by the specs that walk a
 * hall's screen through every phase, up to the end, without ending the shared e2e conference.
 * Env: PORT (0: one the system picks), DATA_DIR (wiped first), STARTS_IN_MIN (default 25), SEED_SITES (the demo with that many
 * sites, server/seed/scale.ts; default the demo's eight), REDIS_URL (the log and links in that
 * Redis, as a cluster's process keeps them, instead of SQLite in DATA_DIR), SEED (`national`: the
 * national demo, server/seed/national.ts, instead).
 */
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { createApp } from '../server/app.js'
import { openSqliteStore } from '../server/store/sqlite.js'
import { openSqliteLinkStore } from '../server/store/sqlite-links.js'
import { openRedisStore } from '../server/store/redis.js'
import { openRedisLinkStore } from '../server/store/redis-links.js'
import { ensureDemo } from '../server/seed/bootstrap.js'
import { demoSetup } from '../server/seed/demo.js'
import { scaleSetup } from '../server/seed/scale.js'
import { PROJECT_ROOT } from '../server/paths.js'
import { nationalSetup, seedKind } from '../server/seed/national.js'
import { demoConferenceId } from '../server/seed/bootstrap.js'

const root = PROJECT_ROOT
const dataDir = path.resolve(process.env['DATA_DIR'] ?? path.join(root, '.tmp', 'e2e-lobby'))
const FIVE_MIN = 5 * 60_000
const seedSites = process.env['SEED_SITES'] ? Number(process.env['SEED_SITES']) : undefined
const seed = seedKind(process.env['SEED'])
const startsAt = new Date(Math.ceil((Date.now() + Number(process.env['STARTS_IN_MIN'] ?? 25) * 60_000) / FIVE_MIN) * FIVE_MIN)

rmSync(dataDir, { recursive: true, force: true })
mkdirSync(dataDir, { recursive: true })
const redisUrl = process.env['REDIS_URL']
// Keys of this process only: several specs may share one redis-server.
const prefix = `e2e-${process.pid}-${Date.now()}:`
const redis = redisUrl ? await openRedisStore({ url: redisUrl, prefix }) : null
const store = redis ?? openSqliteStore(dataDir)
const links = redisUrl ? await openRedisLinkStore({ url: redisUrl, prefix }) : openSqliteLinkStore(dataDir)
const server = createApp({ store, links, feed: redis?.feed, dataDir, clientDir: path.join(root, 'dist', 'client') })
// Listen first, so that the links name the port the system picked; the address is printed once seeded.
const port = await new Promise<number>((resolve) => {
  server.httpServer.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
    const address = server.httpServer.address()
    resolve(typeof address === 'object' && address ? address.port : 0)
  })
})
const publicUrl = `http://127.0.0.1:${port}`
const setup = seed === 'national' ? nationalSetup() : seedSites ? scaleSetup(seedSites) : demoSetup()
await server.service.appendSystem(demoConferenceId(seed), [{ type: 'conference.created', data: { ...setup, startsAt: startsAt.toISOString() } }], 'seed-demo-conference')
await ensureDemo(links, server.service, dataDir, publicUrl, { oncePerCluster: false, seed })
console.log(`lobby server on ${publicUrl}, starts at ${startsAt.toISOString()}`)

async function stop(): Promise<void> {
  await server.close()
  await links.close()
  await store.close()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
