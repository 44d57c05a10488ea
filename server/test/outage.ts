/**
 * Two server processes on one real redis-server, for the outage tests (server/redis-outage.test.ts):
 * real child processes (server/main.ts), or two apps in this process each with its own Redis
 * connections, log feed and Socket.IO Redis adapter, as two processes would have. Pages are real
 * socket.io clients that record every `status` and every event, checking continuity.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { io as connect } from 'socket.io-client'
import type { ConferenceEvent } from '../../shared/events.js'
import type { ServerStatus } from '../../shared/protocol.js'
import { issueLinks, type AccessLinks } from '../access/links.js'
import { errorCode } from '../errors.js'
import { createApp } from '../app.js'
import { joinCluster } from '../realtime/cluster.js'
import { openRedisLinkStore } from '../store/redis-links.js'
import { openRedisStore } from '../store/redis.js'
import { firstSync, smallConference, type Client } from './harness.js'
import { freePort, startServerProcess } from './process.js'
import type { TestRedis } from './redis-server.js'

/** A page: every `status` it was told (when, in ms of performance.now()) and every event it applied. */
export function openPage(url: string, token: string, clients: Client[]) {
  const c: Client = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true })
  clients.push(c)
  const p = { client: c, statuses: [] as (ServerStatus & { at: number })[], seq: -1, seqs: [] as number[], gaps: 0, disconnected: null as string | null, ready: firstSync(c) }
  let synced = false
  void p.ready.then(() => (synced = true), () => undefined)
  c.on('status', (s) => p.statuses.push({ ...s, at: performance.now() }))
  c.on('snapshot', (s) => (p.seq = s.seq))
  c.on('disconnect', (why) => {
    // A server that could not load the conference before the first sync (Redis slow to answer on
    // a loaded machine) closes the socket, and the page connects again (client/composables/sync/connection.ts).
    if (!synced && why === 'io server disconnect') setTimeout(() => c.connect(), 1000)
    else p.disconnected = why
  })
  c.on('events', ({ events }: { events: ConferenceEvent[] }) => {
    for (const e of events) {
      if (e.seq <= p.seq) continue
      if (e.seq !== p.seq + 1) p.gaps++
      p.seq = e.seq
      p.seqs.push(e.seq)
    }
  })
  return p
}
export type Page = ReturnType<typeof openPage>

/** Two processes serving one conference: their addresses, the links, and how to tell that none has died. */
export interface Pair {
  urls: [string, string]
  links: AccessLinks
  /** Why a process ended, for each that did (none should). */
  exits: string[]
  stop(): Promise<void>
}

/** Pairs start one after another: each seeds the demo (2,996 awards), which on two busy cores takes a while. */
let starting: Promise<unknown> = Promise.resolve()

/**
 * The pages' heartbeat in these tests: an outage must not drop a page, and a heartbeat of 4.5 s
 * would drop one whenever the loaded machine starves the process holding its socket (a timer
 * fires before the ping waiting to be read), which is not what these tests are about.
 */
const PING_TIMEOUT_MS = 20_000

/** Two real server processes (server/main.ts with REDIS_URL), started together: one seeds the demo. */
export function childPair(redis: TestRedis): Promise<Pair> {
  const pair = starting.then(() => startChildPair(redis))
  starting = pair.catch(() => undefined)
  return pair
}

/**
 * Starts a server as its service manager does (systemd `Restart=always`): one that stops at
 * start-up because Redis did not answer in time, as on a loaded machine before any outage, is
 * started again, once. Any other failure to start fails the test.
 */
async function startAsServiceManager(port: number, env: Record<string, string>, children: ChildProcess[]): Promise<void> {
  try {
    await startServerProcess(port, env, children, 150_000)
  } catch (err) {
    if (!String(err).includes('store_unavailable')) throw err
    const alive = children.filter((c) => c.exitCode === null && c.signalCode === null)
    children.splice(0, children.length, ...alive)
    await startServerProcess(port, env, children, 150_000)
  }
}

async function startChildPair(redis: TestRedis): Promise<Pair> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diemcau-outage-'))
  const children: ChildProcess[] = []
  const exits: string[] = []
  const ports = [await freePort(), await freePort()] as const
  const env = { DATA_DIR: dataDir, PUBLIC_URL: 'http://127.0.0.1:1', REDIS_URL: redis.url, LOG_LEVEL: 'warn', SOCKET_PING_TIMEOUT_MS: String(PING_TIMEOUT_MS), REDIS_COMMAND_TIMEOUT_MS: '800' }
  await Promise.all(ports.map((port) => startAsServiceManager(port, env, children)))
  for (const c of children) {
    let output = ''
    c.stderr?.on('data', (d) => (output = (output + d).slice(-2000)))
    c.stdout?.on('data', (d) => (output = (output + d).slice(-2000)))
    c.once('exit', (code, signal) => exits.push(`exit ${signal ?? code}: ${output}`))
  }
  const links = JSON.parse(readFileSync(path.join(dataDir, 'access-links.json'), 'utf8')) as AccessLinks
  return {
    urls: [`http://127.0.0.1:${ports[0]}`, `http://127.0.0.1:${ports[1]}`],
    links,
    exits,
    async stop() {
      for (const c of children) {
        c.removeAllListeners('exit')
        c.kill('SIGKILL')
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Two apps in this process, as two processes: each its own stores, feed and Socket.IO Redis adapter. */
export async function inProcessPair(redis: TestRedis, conferenceId: string): Promise<Pair> {
  // As a service manager starts a process again (startAsServiceManager): a set-up whose Redis did
  // not answer in time on a loaded machine, before any outage, is made again, on a fresh prefix.
  for (let attempt = 1; ; attempt++) {
    try {
      return await inProcessPairOnce(redis, conferenceId, `outage${attempt}:`)
    } catch (err) {
      if (errorCode(err) !== 'store_unavailable' || attempt === 3) throw err
    }
  }
}

async function inProcessPairOnce(redis: TestRedis, conferenceId: string, prefix: string): Promise<Pair> {
  const opened: (() => Promise<void>)[] = []
  const one = async () => {
    const store = await openRedisStore({ url: redis.url, prefix })
    opened.push(() => store.close())
    const links = await openRedisLinkStore({ url: redis.url, prefix })
    opened.push(() => links.close())
    const app = createApp({ store, links, feed: store.feed, pingTimeoutMs: PING_TIMEOUT_MS })
    const cluster = await joinCluster(app.io, app.trackers, { url: redis.url }).catch(async (err: unknown) => {
      await app.close().catch(() => undefined)
      throw err
    })
    // The app first, then its cluster's connections: its sockets' goodbyes still have the adapter.
    opened.push(async () => {
      await app.close().catch(() => undefined)
      await cluster.stop()
    })
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`
    return { app, links, url }
  }
  const stop = async () => {
    for (const close of opened.splice(0).reverse()) await close().catch(() => undefined)
  }
  try {
    const [a, b] = [await one(), await one()]
    await a.app.service.appendSystem(conferenceId, smallConference(conferenceId), 'seed')
    const links = await issueLinks(a.links, (await a.app.service.state(conferenceId)).state, 'http://test')
    // In this process, an unhandled rejection fails the run (vitest reports it) and the test counts them.
    return { urls: [a.url, b.url], links, exits: [], stop }
  } catch (err) {
    await stop()
    throw err
  }
}

/** GET /api/health's status code, or 0 when nothing answers (within 10 s). */
export const healthOf = (url: string) => fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0)
