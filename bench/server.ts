/**
 * The benchmark's server process: the real app (SQLite in a temp dir, the demo conference)
 * and, beside it, a bare Socket.IO server that only rebroadcasts — the baseline.
 * Prints one JSON line with the ports and tokens, then serves until killed.
 */
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { deflateRawSync } from 'node:zlib'
import { performance } from 'node:perf_hooks'
import { Server } from 'socket.io'
import { createApp } from '../server/app.js'
import { LOAD_TEST_BUDGETS } from '../server/realtime/rate-limit.js'
import { LOAD_TEST_SOCKET_CAPS } from '../server/edge/open-sockets.js'
import { ensureDemo } from '../server/seed/bootstrap.js'
import { DEMO_CONFERENCE_ID } from '../server/seed/demo.js'
import { openSqliteStore } from '../server/store/sqlite.js'
import { openSqliteLinkStore } from '../server/store/sqlite-links.js'
import { defined } from '../shared/testing/defined.js'

const dataDir = mkdtempSync(path.join(tmpdir(), 'diemcau-bench-'))
const store = openSqliteStore(dataDir)
const linkStore = openSqliteLinkStore(dataDir)
// Hundreds of clients from one address: the budgets per link and address would refuse most of them.
const app = createApp({ store, links: linkStore, budgets: LOAD_TEST_BUDGETS, socketCaps: LOAD_TEST_SOCKET_CAPS })
const conferenceId = DEMO_CONFERENCE_ID
// The demo exactly as `npm start` seeds it: through the award import.
// Its progress lines would mix with the one JSON line the bench reads: send them to stderr.
console.log = (...args: unknown[]) => console.error(...args)
const links = await ensureDemo(linkStore, app.service, dataDir, 'http://bench')
const room = await app.service.state(conferenceId)
await app.service.handle({ conferenceId, role: 'host' }, { id: 'bench-start', type: 'conference.start', data: {} })
await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r))

// Baseline: a bare Socket.IO broadcast of a payload of the same shape, no auth, no store.
const bareHttp = createServer()
const bare = new Server(bareHttp, { serveClient: false })
let seq = 0
/** What the baseline hands a joining client: a tiny snapshot. */
const TINY_SNAPSHOT = { seq: 1, serverTime: 0, state: { id: 'bare', title: 'bare', awards: [] } }
bare.on('connection', (socket) => {
  const join = (socket.handshake.auth as { join?: 'tiny' | 'same' }).join
  if (join === 'tiny') socket.emit('snapshot', { ...TINY_SNAPSHOT, serverTime: Date.now() })
  // The same deflated bytes a viewer gets from Điểm Cầu, handed out with no auth and no catch-up logic.
  if (join === 'same') {
    void app.service.snapshotFor(conferenceId, 'public').then(({ snapshot }) =>
      socket.emit('snapshot', { seq: snapshot.seq, serverTime: Date.now(), encoding: 'deflate', packed: snapshot.deflated }))
  }
  // Live ink baseline: a bare relay of each batch to every other socket.
  socket.on('ink', (batch: unknown) => socket.broadcast.volatile.emit('ink', batch))
  socket.on('command', (cmd: { id: string; type: string; data: unknown }, ack: (a: unknown) => void) => {
    seq++
    bare.emit('events', { events: [{ seq, type: 'award.announced', at: new Date().toISOString(), data: cmd.data }] })
    ack({ ok: true, seq })
  })
})
await new Promise<void>((r) => bareHttp.listen(0, '127.0.0.1', r))

/** What one snapshot of the demo conference costs: bytes on the wire, and to serialize. */
function snapshotCost() {
  const t = performance.now()
  const json = JSON.stringify({ seq: room.seq, state: room.state, serverTime: Date.now() })
  const stringifyMs = performance.now() - t
  return { bytes: Buffer.byteLength(json), deflatedBytes: deflateRawSync(json).length, stringifyMs }
}

const port = (s: { address(): unknown }) => (s.address() as AddressInfo).port
process.stdout.write(
  `${JSON.stringify({
    appPort: port(app.httpServer),
    barePort: port(bareHttp),
    hostToken: links.host.token,
    viewerToken: links.viewer.token,
    signerToken: defined(links.signers[0]).token,
    blocId: defined(links.signers[0]).blocId,
    seq: room.seq,
    snapshot: snapshotCost(),
    awardIds: room.state.awards.map((a) => a.id),
  })}\n`,
)
