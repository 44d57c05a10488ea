/**
 * The degraded state on a real redis-server: two apps (as two server processes would, each with
 * its own Redis store and log feed) serve one conference to real socket.io clients. When Redis
 * stops, or hangs, every page is told `status unavailable` by its own process and commands are
 * refused with a coded error; when it returns, `status ok` comes by itself, commands work again,
 * and every page has every event once, in order, with no gap.
 */
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import Database from 'better-sqlite3'
import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConferenceEvent } from '../../shared/events.js'
import type { ServerStatus } from '../../shared/protocol.js'
import { issueLinks, type AccessLinks } from '../access/links.js'
import { createApp, type App } from '../app.js'
import { openRedisStore, type RedisEventStore } from '../store/redis.js'
import { openRedisLinkStore } from '../store/redis-links.js'
import type { LinkStore } from '../store/link-store.js'
import { SQLITE_FILE } from '../store/sqlite.js'
import { firstSync, send, smallConference, startServer, until, within, type Client } from '../test/harness.js'
import { startRedis, type TestRedis } from '../test/redis-server.js'
import { defined } from '../../shared/testing/defined.js'

const CONFERENCE = 'test-conf'
let redis: TestRedis
const stores: (RedisEventStore | LinkStore)[] = []
const apps: App[] = []
const clients: Client[] = []

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  for (const c of clients) c.disconnect()
  for (const a of apps) await a.close().catch(() => undefined)
  for (const s of stores) await s.close().catch(() => undefined)
  await redis?.dispose()
})

/** One "process": its own Redis connections, log feed and Socket.IO server, listening on a free port. */
async function startProcess(prefix: string): Promise<{ app: App; store: RedisEventStore; links: LinkStore; url: string }> {
  const store = await openRedisStore({ url: redis.url, prefix })
  const links = await openRedisLinkStore({ url: redis.url, prefix })
  stores.push(store, links)
  const app = createApp({ store, links, feed: store.feed })
  apps.push(app)
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve))
  return { app, store, links, url: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}` }
}

/** A page: every `status` it was told (with when it arrived) and every event it applied, checking continuity. */
function page(url: string, token: string) {
  const c: Client = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true })
  clients.push(c)
  const p = { client: c, statuses: [] as (ServerStatus & { at: number })[], seq: -1, seqs: [] as number[], types: [] as string[], gaps: 0, ready: firstSync(c) }
  c.on('status', (s) => p.statuses.push({ ...s, at: performance.now() }))
  c.on('snapshot', (s) => (p.seq = s.seq))
  c.on('events', ({ events }: { events: ConferenceEvent[] }) => {
    for (const e of events) {
      if (p.seq >= 0 && e.seq <= p.seq) continue
      if (p.seq >= 0 && e.seq !== p.seq + 1) p.gaps++
      p.seq = e.seq
      p.seqs.push(e.seq)
      p.types.push(e.type)
    }
  })
  return p
}
type Page = ReturnType<typeof page>
const lastStatus = (p: Page) => p.statuses.at(-1)?.store

async function twoProcesses(prefix: string): Promise<{ a: string; b: string; links: AccessLinks; hostA: Page; hostB: Page; pages: Page[] }> {
  const [pa, pb] = [await startProcess(prefix), await startProcess(prefix)]
  await pa.app.service.appendSystem(CONFERENCE, smallConference(CONFERENCE), 'seed')
  const links = await issueLinks(pa.links, (await pa.app.service.state(CONFERENCE)).state, 'http://test')
  const hostA = page(pa.url, links.host.token)
  const hostB = page(pb.url, links.host.token)
  const pages = [hostA, hostB, page(pa.url, links.viewer.token), page(pb.url, links.viewer.token), page(pa.url, defined(links.sites[1]).token), page(pb.url, defined(links.sites[2]).token)]
  await within('six pages connected and synced', Promise.all(pages.map((p) => p.ready)), 30_000)
  return { a: pa.url, b: pb.url, links, hostA, hostB, pages }
}

/** Every page reached `head` and holds each seq after the seed once, in order. */
async function everyoneAt(pages: Page[], head: number): Promise<void> {
  await until(() => pages.every((p) => p.seq === head), 10_000, `every page at seq ${head}`)
  for (const p of pages) {
    expect(p.gaps).toBe(0)
    expect(p.seqs).toEqual(Array.from({ length: head - 2 }, (_, i) => i + 3))
  }
}

describe('the degraded state when Redis cannot be written', () => {
  it('Redis stopped: every page is told within 1.5 s, commands are refused within 1 s; back: told by itself, commands work, nothing missed', async () => {
    const { b, links, hostA, hostB, pages } = await twoProcesses('status-stop:')
    // Told at connect, first of all.
    for (const p of pages) expect(p.statuses.map((s) => s.store)).toEqual(['ok'])
    expect(await send(hostA.client, 'conference.start', {})).toMatchObject({ ok: true })

    const stopped = performance.now()
    await within('redis-server stopped', redis.stop(), 10_000)
    await until(() => pages.every((p) => lastStatus(p) === 'unavailable'), 3000, 'every page told unavailable')
    for (const p of pages) {
      const told = defined(p.statuses.find((s) => s.store === 'unavailable'))
      expect(told.at - stopped).toBeLessThan(1500)
    }
    const t0 = performance.now()
    const refused = await send(hostB.client, 'agenda.next', {}, 'next-while-down')
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(refused).toMatchObject({ ok: false, error: { code: 'internal', reason: 'server.storeUnavailable' } })

    // A page that connects during the outage cannot have its link checked (the links are in Redis):
    // it is told why, with a coded reason that is not a refusal of its link, and when to try again.
    const early = connect(b, { auth: { token: links.viewer.token }, transports: ['websocket'], reconnection: false, forceNew: true })
    clients.push(early)
    const why = await within('a handshake during the outage refused', new Promise<Error & { data?: unknown }>((resolve) => early.once('connect_error', resolve)), 10_000)
    expect(why.data).toMatchObject({ code: 'internal', reason: 'server.storeUnavailable', retryAfterMs: 2000 })

    await within('redis-server started again', redis.start(), 15_000)
    const all = pages
    // Nobody sends anything: the processes see Redis back and say so.
    await until(() => all.every((p) => lastStatus(p) === 'ok'), 10_000, 'every page told ok again')
    for (const p of all) expect(defined(p.statuses.at(-1)).since).toBeGreaterThan(defined(p.statuses.find((s) => s.store === 'unavailable')).since)

    // Process B's feed reconnected by itself: what A appends reaches B's pages, and B appended nothing since.
    const fromA = await send(hostA.client, 'agenda.next', {})
    expect(fromA).toMatchObject({ ok: true })
    await everyoneAt(pages, fromA.ok ? fromA.seq : -1)
    // The refused command, sent again with its id, is applied once; commands on both processes interleave.
    const again = await send(hostB.client, 'agenda.next', {}, 'next-while-down')
    expect(again).toMatchObject({ ok: true })
    const acks = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => send(i % 2 ? hostA.client : hostB.client, 'agenda.next', {})))
    const refusedHere = acks.filter((a) => !a.ok)
    // The tiny agenda has three items: the later ones are refused by the rules, never by the store.
    for (const r of refusedHere) expect(r).not.toMatchObject({ error: { reason: 'server.storeUnavailable' } })
    const head = Math.max(again.ok ? again.seq : 0, ...acks.map((a) => (a.ok ? a.seq : 0)))
    await everyoneAt(pages, head)
    // The page that could not connect during the outage connects now, told 'ok' first.
    const late = page(b, links.viewer.token)
    expect((await within('the late page synced', late.ready, 20_000)).snapshot?.seq).toBe(head)
    expect(late.statuses.map((s) => s.store)).toEqual(['ok'])
  }, 120_000)

  it('Redis hung: a command that timed out may land after all; it reaches every page once, and its retry answers the same seq', async () => {
    const { hostA, hostB, pages } = await twoProcesses('status-hang:')
    const started = await send(hostA.client, 'conference.start', {})
    expect(started).toMatchObject({ ok: true })
    const before = started.ok ? started.seq : -1

    redis.pause()
    // No connection closes and nobody sends a command: the unanswered PING tells each process.
    await until(() => pages.every((p) => lastStatus(p) === 'unavailable'), 4000, 'every page told unavailable (hung)')
    const t0 = performance.now()
    const refused = await send(hostA.client, 'agenda.next', {}, 'next-while-hung')
    expect(performance.now() - t0).toBeLessThan(1500)
    expect(refused).toMatchObject({ ok: false, error: { reason: 'server.storeUnavailable' } })

    redis.resume()
    // And the PING that is answered again says it is back, before any command.
    await until(() => pages.every((p) => lastStatus(p) === 'ok'), 10_000, 'every page told ok again (resumed)')
    const again = await send(hostB.client, 'agenda.next', {}, 'next-while-hung')
    expect(again).toMatchObject({ ok: true })
    const seq = again.ok ? again.seq : -1
    // One step of the agenda, whichever attempt wrote it: the events after the start are that step's only.
    await everyoneAt(pages, seq)
    const step = hostA.types.slice(before - 2)
    expect(step.length).toBeGreaterThan(0)
    const next = await send(hostA.client, 'agenda.next', {})
    expect(next).toMatchObject({ ok: true })
    expect(next.ok ? next.seq - seq : -1).toBe(step.length)
  }, 120_000)
})

describe('the degraded state on SQLite', () => {
  it('a write the disk refuses tells every page, and the next one that works tells them it is over', async () => {
    const server = await startServer()
    try {
      const host = page(server.url, server.links.host.token)
      const viewer = page(server.url, server.links.viewer.token)
      await Promise.all([host.ready, viewer.ready])
      expect(lastStatus(viewer)).toBe('ok')
      const raw = new Database(path.join(server.dataDir, SQLITE_FILE))
      try {
        raw.exec("CREATE TRIGGER full BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        const refused = await send(host.client, 'conference.start', {}, 'start-on-full-disk')
        expect(refused).toMatchObject({ ok: false, error: { code: 'internal' } })
        await until(() => [host, viewer].every((p) => lastStatus(p) === 'unavailable'))
        // A page that connects now is told at once (SQLite still reads: it gets its state).
        const late = page(server.url, server.links.viewer.token)
        await late.ready
        expect(late.statuses.map((s) => s.store)).toEqual(['unavailable'])
        raw.exec('DROP TRIGGER full')
      } finally {
        raw.close()
      }
      const again = await send(host.client, 'conference.start', {}, 'start-on-full-disk')
      expect(again).toMatchObject({ ok: true })
      await until(() => [host, viewer].every((p) => lastStatus(p) === 'ok'))
      await everyoneAt([host, viewer], again.ok ? again.seq : -1)
      expect(viewer.statuses.map((s) => s.store)).toEqual(['ok', 'unavailable', 'ok'])
    } finally {
      await server.stop()
    }
  })
})
