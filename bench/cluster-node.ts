/**
 * One process of the cluster benchmark: the real app on Redis (the demo, seeded once under the
 * lock) and, beside it, a bare Socket.IO server on the same Redis adapter that only rebroadcasts:
 * the baseline of a cluster broadcast. Without REDIS_URL: the single process on SQLite.
 * Prints one JSON line with its ports and tokens, then serves until killed.
 */
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createAdapter as pubsubAdapter } from '@socket.io/redis-adapter'
import { createAdapter as streamsAdapter } from '@socket.io/redis-streams-adapter'
import { createClient } from 'redis'
import { Server } from 'socket.io'
import { createApp } from '../server/app.js'
import { LOAD_TEST_SOCKET_CAPS } from '../server/edge/open-sockets.js'
import { joinCluster, type AdapterKind } from '../server/realtime/cluster.js'
import { ensureDemo } from '../server/seed/bootstrap.js'
import { DEMO_CONFERENCE_ID } from '../server/seed/demo.js'
import { openRedisStore } from '../server/store/redis.js'
import { openSqliteStore } from '../server/store/sqlite.js'
import { openRedisLinkStore } from '../server/store/redis-links.js'
import { openSqliteLinkStore } from '../server/store/sqlite-links.js'

const url = process.env.REDIS_URL
const kind = (process.env.SOCKET_ADAPTER ?? 'pubsub') as AdapterKind
const dataDir = process.env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'diemcau-bench-'))
console.log = (...args: unknown[]) => console.error(...args)

const redis = url ? await openRedisStore({ url, prefix: 'bench:' }) : null
const store = redis ?? openSqliteStore(dataDir)
const linkStore = url ? await openRedisLinkStore({ url, prefix: 'bench:' }) : openSqliteLinkStore(dataDir)
// Wide budgets: the bench's clients all come from one address.
const wide = { points: 1_000_000, seconds: 1 }
const app = createApp({ store, links: linkStore, feed: redis?.feed, budgets: { command: wide, read: wide, handshake: wide, hall: wide, address: wide }, socketCaps: LOAD_TEST_SOCKET_CAPS })
if (redis) await joinCluster(app.io, app.trackers, { url: redis.url, adapter: kind, prefix: 'bench:' })
const links = redis ? await redis.exclusive('bench-seed', () => ensureDemo(linkStore, app.service, dataDir, 'http://bench')) : await ensureDemo(linkStore, app.service, dataDir, 'http://bench')
const conferenceId = DEMO_CONFERENCE_ID
await app.service.handle({ conferenceId, role: 'host' }, { id: 'bench-start', type: 'conference.start', data: {} })
await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r))

// The baseline: a bare rebroadcast, across the cluster through the same kind of adapter.
const bareHttp = createServer()
// The app's own heartbeat (server/app.ts), as in bench/bare-server.ts.
const bare = new Server(bareHttp, { serveClient: false, pingInterval: 1500, pingTimeout: 3000 })
if (url) {
  const pub = createClient({ url })
  await pub.connect()
  if (kind === 'streams') bare.adapter(streamsAdapter(pub, { streamName: 'bench:bare' }))
  else {
    const sub = pub.duplicate()
    await sub.connect()
    bare.adapter(pubsubAdapter(pub, sub, { key: 'bench:bare' }))
  }
}
let seq = 0
bare.on('connection', (socket) => {
  socket.on('command', (cmd: { data: unknown }, ack: (a: unknown) => void) => {
    seq++
    bare.emit('events', { events: [{ seq, type: 'award.announced', at: new Date().toISOString(), data: cmd.data }] })
    ack({ ok: true, seq })
  })
})
await new Promise<void>((r) => bareHttp.listen(0, '127.0.0.1', r))

const { state, seq: at } = await app.service.state(conferenceId)
process.stdout.write(JSON.stringify({
  appPort: (app.httpServer.address() as AddressInfo).port,
  barePort: (bareHttp.address() as AddressInfo).port,
  hostToken: links.host.token,
  viewerToken: links.viewer.token,
  seq: at,
  awardIds: state.awards.filter((a) => !a.announcedAt).map((a) => a.id),
}) + '\n')
