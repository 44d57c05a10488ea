/**
 * Two real server processes (server/main.ts with REDIS_URL) on a real redis-server: started
 * together they seed the demo once; clients split across them see one gapless sequence while
 * hosts on both send commands at once; presence counts the cluster; a killed process's clients
 * catch up on the other; with Redis down a command answers a coded error within a second, and
 * all recovers when Redis returns.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConferenceEvent } from '../shared/events.js'
import type { Presence } from '../shared/protocol.js'
import type { AccessLinks } from './access/links.js'
import { firstSync, send, until, type Client } from './test/harness.js'
import { startServerProcess, freePort } from './test/process.js'
import { startRedis, type TestRedis } from './test/redis-server.js'
import { whenStoreAnswers } from './test/store-waiting.js'
import { defined } from '../shared/testing/defined.js'

const dataDir = mkdtempSync(path.join(tmpdir(), 'diemcau-cluster-'))
const children: ChildProcess[] = []
let redis: TestRedis
const clients: Client[] = []

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  for (const c of clients) c.disconnect()
  for (const c of children) c.kill('SIGKILL')
  await redis?.dispose()
  rmSync(dataDir, { recursive: true, force: true })
})

const startProcess = (port: number): Promise<ChildProcess> =>
  startServerProcess(port, { DATA_DIR: dataDir, PUBLIC_URL: 'http://127.0.0.1:1', REDIS_URL: redis.url }, children, 90_000)

/** A client that records every event it applies, checking continuity as a page does. */
function watcher(port: number, token: string, lastSeq?: number) {
  const c: Client = io(`http://127.0.0.1:${port}`, { auth: { token, ...(lastSeq !== undefined ? { lastSeq } : {}) }, transports: ['websocket'], reconnection: false, forceNew: true })
  clients.push(c)
  const w = { client: c, seq: lastSeq ?? -1, seqs: [] as number[], gaps: 0, presence: null as Presence | null, ready: firstSync(c) }
  c.on('snapshot', (s) => (w.seq = s.seq))
  c.on('events', ({ events }: { events: ConferenceEvent[] }) => {
    for (const e of events) {
      if (e.seq <= w.seq) continue
      if (e.seq !== w.seq + 1) w.gaps++
      w.seq = e.seq
      w.seqs.push(e.seq)
    }
  })
  c.on('presence', (p) => (w.presence = p))
  return w
}

describe('two processes on one Redis', () => {
  it('serve one conference: one order everywhere, presence for the cluster, failover, Redis down and back', async () => {
    const [p1, p2] = [await freePort(), await freePort()]
    // Started together: the lock lets one seed the demo and issue its links.
    const [, second] = await Promise.all([startProcess(p1), startProcess(p2)])
    const links = JSON.parse(readFileSync(path.join(dataDir, 'access-links.json'), 'utf8')) as AccessLinks
    const auth = { authorization: `Bearer ${links.host.token}` }
    const verify = async (port: number) => (await fetch(`http://127.0.0.1:${port}/api/conferences/${links.conferenceId}/verify`, { headers: auth })).json()
    expect(await verify(p1)).toEqual({ ok: true, events: 2 })

    const host1 = watcher(p1, links.host.token)
    const host2 = watcher(p2, links.host.token)
    const viewers = [0, 1, 2, 3, 4, 5].map((i) => watcher(i % 2 ? p2 : p1, links.viewer.token))
    // One site's screen on each process: one site online, with two connections.
    const siteA = watcher(p1, defined(links.sites[1]).token)
    const siteB = watcher(p2, defined(links.sites[1]).token)
    const all = [host1, host2, ...viewers, siteA, siteB]
    const [first] = await Promise.all(all.map((w) => w.ready))
    const snapshot = defined(first).snapshot
    const awardIds = defined(snapshot).state.awards.slice(0, 20).map((a) => a.id)

    expect(await send(host1.client, 'conference.start', {})).toMatchObject({ ok: true })
    const acks = await Promise.all(awardIds.map((id, i) => send((i % 2 ? host2 : host1).client, 'award.announce', { awardIds: [id] })))
    expect(acks.filter((a) => !a.ok)).toEqual([])
    const acked = acks.map((a) => (a.ok ? a.seq : 0))
    expect(new Set(acked).size).toBe(20)
    const head = Math.max(...acked)
    await until(() => all.every((w) => w.seq === head), 10_000)
    for (const w of all) {
      expect(w.gaps).toBe(0)
      expect(w.seqs).toEqual(Array.from({ length: head - 2 }, (_, i) => i + 3))
    }

    await until(() => [host1, host2].every((h) => h.presence?.viewers === 6 && h.presence.sites[defined(links.sites[1]).siteId]?.connections === 2), 10_000)
    const pr = defined(host2.presence)
    expect(pr.sites[defined(links.sites[1]).siteId]).toMatchObject({ online: true, connections: 2 })
    expect(Object.values(pr.sites).filter((s) => s.online)).toHaveLength(1)
    expect(pr.online).toBe(2 + 6 + 2)

    // Process 2 dies: its clients come back on process 1 with their lastSeq and get only what they missed.
    second.kill('SIGKILL')
    await new Promise((r) => second.once('exit', r))
    const more = await Promise.all(defined(snapshot).state.awards.slice(20, 25).map((a) => send(host1.client, 'award.announce', { awardIds: [a.id] })))
    expect(more.every((a) => a.ok)).toBe(true)
    const back = [host2, defined(viewers[1]), siteB].map((w) => watcher(p1, w === host2 ? links.host.token : w === siteB ? defined(links.sites[1]).token : links.viewer.token, w.seq))
    const caught = await Promise.all(back.map((w) => w.ready))
    for (const c of caught) expect(c.snapshot).toBeUndefined()
    const head2 = Math.max(...more.map((a) => (a.ok ? a.seq : 0)))
    await until(() => back.every((w) => w.seq === head2))
    for (const w of back) expect(w.gaps).toBe(0)
    // The dead process's share of presence expires: the site is still online, with one connection on each side counted again.
    await until(() => host1.presence?.sites[defined(links.sites[1]).siteId]?.connections === 2 && host1.presence.viewers === 4, 15_000)

    // Redis down: a command answers a coded error within a second, nothing is half-applied; it recovers by itself.
    await redis.stop()
    const t0 = performance.now()
    const refused = await send(host1.client, 'agenda.next', {}, 'next-while-down')
    expect(performance.now() - t0).toBeLessThan(1500)
    expect(refused).toMatchObject({ ok: false, error: { code: 'internal', reason: 'server.storeUnavailable' } })
    await redis.start()
    // Sent again with the same id while the answer says the store is still coming back.
    const again = await whenStoreAnswers(() => send(host1.client, 'agenda.next', {}, 'next-while-down'), 15_000)
    expect(again).toMatchObject({ ok: true })
    await until(() => host1.seq === (again.ok ? again.seq : -1))
    // Each of the process's connections (log, links, budgets) comes back on its own: until the
    // one a read needs is back, the read is answered as waiting for the store, never as a failure.
    const checked: unknown = await whenStoreAnswers(() => verify(p1))
    expect(checked, JSON.stringify(checked)).toMatchObject({ ok: true })
  }, 180_000)
})
