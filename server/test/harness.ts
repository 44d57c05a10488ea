/**
 * Test harness: the real server on port 0 against a real SQLite file in a temp dir,
 * driven by real socket.io clients. No mocks.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { io as connect, type Socket } from 'socket.io-client'
import type { ConferenceEvent, NewEvent, Snapshot } from '../../shared/events.js'
import { inflateSync } from 'node:zlib'
import type { AnySnapshot, ClientToServerEvents, ServerToClientEvents, Welcome } from '../../shared/protocol.js'
import { createApp, type App, type AppDeps } from '../app.js'
import { issueLinks, type AccessLinks } from '../access/links.js'
import { openSqliteStore } from '../store/sqlite.js'
import { openSqliteLinkStore } from '../store/sqlite-links.js'
import type { EventStore } from '../store/event-store.js'
import type { LinkStore } from '../store/link-store.js'
import { TINY_AWARDS, tinySetup } from '../../shared/testing/tiny-conference.js'

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>

/** The tiny conference of the unit tests (hub + 2 districts, 3 agenda items, 4 awards, 2 blocs) as a log. */
export function smallConference(id = 'test-conf'): NewEvent[] {
  return [
    { type: 'conference.created', data: tinySetup(id) },
    { type: 'award.imported', data: { awards: [...TINY_AWARDS] } },
  ]
}

export interface Running {
  app: App
  store: EventStore
  /** The access links' store (`links` are the links issued to the conference, as access-links.json holds them). */
  linkStore: LinkStore
  dataDir: string
  url: string
  links: AccessLinks
  clients: Client[]
  connect(token: string, opts?: { lastSeq?: number; snapshotEncoding?: 'deflate' }): Client
  stop(opts?: { keepData?: boolean }): Promise<void>
}

/** `app`: options of `createApp` beyond the store (budgets, origins, slow-client bounds). */
export async function startServer(opts: { dataDir?: string; events?: NewEvent[]; app?: Omit<Partial<AppDeps>, 'store' | 'links'> } = {}): Promise<Running> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'diemcau-test-'))
  const store = openSqliteStore(dataDir)
  const linkStore = openSqliteLinkStore(dataDir)
  const app = createApp({ ...opts.app, store, links: linkStore, dataDir })
  const events = opts.events ?? smallConference()
  const first = events[0]
  if (first?.type !== 'conference.created') throw new Error('the first event must create the conference')
  if ((await app.service.state(first.data.id)).seq === 0) await app.service.appendSystem(first.data.id, events, 'seed')
  const links = await issueLinks(linkStore, (await app.service.state(first.data.id)).state, 'http://test')
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`
  const clients: Client[] = []
  return {
    app, store, linkStore, dataDir, url, links, clients,
    connect(token, o = {}) {
      // A loaded test machine can take long to let a socket in: the tests bound what they measure, not this.
      const c: Client = connect(url, { auth: { token, ...o }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 120_000 })
      clients.push(c)
      void firstSync(c)
      return c
    },
    async stop(o = {}) {
      for (const c of clients) c.disconnect()
      await app.close()
      await linkStore.close()
      await store.close()
      if (!o.keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

type FirstSync = { welcome: Welcome; snapshot?: Snapshot; events?: ConferenceEvent[] }
const firstSyncs = new WeakMap<Client, Promise<FirstSync>>()

/**
 * Resolves with the first snapshot (or catch-up events) a client receives after connecting.
 * Clients made by `connect` listen from their creation, so a snapshot that lands before this is
 * called is not missed.
 */
export function firstSync(c: Client): Promise<FirstSync> {
  let pending = firstSyncs.get(c)
  if (!pending) {
    pending = new Promise((resolve, reject) => {
      let welcome: Welcome | undefined
      c.once('connect_error', reject)
      c.once('welcome', (w) => (welcome = w))
      // A sync without a welcome before it: firstSync was called after the welcome came. That is the
      // caller's race, and it fails here, naming it, rather than throwing in the socket's handler.
      const lateCall = () => reject(new Error('firstSync was called after the welcome came: call it right after io()'))
      c.once('snapshot', (snapshot) => (welcome ? resolve({ welcome, snapshot: unpack(snapshot) }) : lateCall()))
      c.once('events', ({ events }) => (welcome ? resolve({ welcome, events }) : lateCall()))
    })
    pending.catch(() => undefined)
    firstSyncs.set(c, pending)
  }
  return pending
}

/** A snapshot as sent, plain or deflated (`snapshotEncoding: 'deflate'`), as a plain one. */
export function unpack(s: AnySnapshot): Snapshot {
  if (!('packed' in s)) return s
  const bytes = s.packed instanceof ArrayBuffer ? new Uint8Array(s.packed) : s.packed
  return { seq: s.seq, serverTime: s.serverTime, state: JSON.parse(inflateSync(bytes).toString('utf8')) }
}

/** Collects every live `events` message of a client. */
export function recordEvents(c: Client): ConferenceEvent[] {
  const seen: ConferenceEvent[] = []
  c.on('events', ({ events }) => seen.push(...events))
  return seen
}

/**
 * A command's answer, waited for up to 15 s: two processes on Redis with every write fsynced, on a
 * CI machine running Playwright's browsers beside Vitest, have taken over 5 s to answer. A test
 * that promises a speed measures it itself.
 */
export const ANSWER_WITHIN_MS = 15_000

export function send(c: Client, type: string, data: unknown, id: string = crypto.randomUUID()) {
  return c.timeout(ANSWER_WITHIN_MS).emitWithAck('command', { id, type, data })
}

export async function until(check: () => boolean, ms = 5000, step = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`${step} not met within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/**
 * `p`, or a failure that names the step it waited on once `ms` have passed: a test with several
 * waits then says which one did not end, rather than only that the test ran out of time.
 */
export async function within<T>(step: string, p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step}: no end within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([p, late])
  } finally {
    clearTimeout(timer)
  }
}
