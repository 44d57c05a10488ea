/**
 * The benchmark's server under test, in its own process: the real app (SQLite in a temp dir,
 * the demo conference as `npm start` seeds it, the budgets opened: every bench client comes from
 * one address). Started by bench/target.ts with an IPC channel: it pushes 'ready' (port, tokens,
 * awards) and answers 'usage', 'memory' (bench/hooks.ts) and 'snapshot' (the deflated public
 * snapshot of the current seq, for the bare server to hand out the same bytes). Its pino log goes
 * to a file the bench reads at the end.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { deflateRawSync } from 'node:zlib'
import { performance } from 'node:perf_hooks'
import { createApp } from '../server/app.js'
import { LOAD_TEST_BUDGETS } from '../server/realtime/rate-limit.js'
import { LOAD_TEST_SOCKET_CAPS } from '../server/edge/open-sockets.js'
import { ensureDemo } from '../server/seed/bootstrap.js'
import { DEMO_CONFERENCE_ID } from '../server/seed/demo.js'
import { openSqliteStore } from '../server/store/sqlite.js'
import { openSqliteLinkStore } from '../server/store/sqlite-links.js'
import { usageHooks } from './hooks.js'
import { ready, serve } from './ipc.js'

const dataDir = process.env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'diemcau-bench-'))
const store = openSqliteStore(dataDir)
const linkStore = openSqliteLinkStore(dataDir)
// Hundreds of clients from one address: the budgets per link and address would refuse most of them.
const app = createApp({ store, links: linkStore, budgets: LOAD_TEST_BUDGETS, socketCaps: LOAD_TEST_SOCKET_CAPS })
const conferenceId = DEMO_CONFERENCE_ID
// The seed's progress lines go with the log, not to the bench's terminal.
console.log = (...args: unknown[]) => process.stdout.write(`${args.join(' ')}\n`)
const links = await ensureDemo(linkStore, app.service, dataDir, 'http://bench')
const room = await app.service.state(conferenceId)
await app.service.handle({ conferenceId, role: 'host' }, { id: 'bench-start', type: 'conference.start', data: {} })
await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r))

/** What one snapshot of the demo conference costs: bytes on the wire, and to serialize. */
function snapshotCost() {
  const t = performance.now()
  const json = JSON.stringify({ seq: room.seq, state: room.state, serverTime: Date.now() })
  const stringifyMs = performance.now() - t
  return { bytes: Buffer.byteLength(json), deflatedBytes: deflateRawSync(json).length, stringifyMs }
}

const hooks = usageHooks(app.io)
serve({
  usage: hooks.usage,
  memory: hooks.memory,
  snapshot: async () => {
    const { snapshot } = await app.service.snapshotFor(conferenceId, 'public')
    return { seq: snapshot.seq, packed: snapshot.deflated }
  },
})
const signer = links.signers[0]
if (!signer) throw new Error('the demo has no signer link')
ready({
  appPort: (app.httpServer.address() as AddressInfo).port,
  conferenceId,
  hostToken: links.host.token,
  viewerToken: links.viewer.token,
  signerToken: signer.token,
  blocId: signer.blocId,
  seq: room.seq,
  snapshot: snapshotCost(),
  awardIds: room.state.awards.map((a) => a.id),
})
