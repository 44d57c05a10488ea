/**
 * Redis outages of 6 s, 30 s and 2 min, with Redis killed (kill -9, then started again on its port
 * and directory) and frozen (SIGSTOP, then SIGCONT), against two server processes each: real
 * child processes for the kills (what used to end them was an unhandled rejection 5 s in), two
 * apps in this process for the freezes. Every process stays up; every page is told `unavailable`
 * and then `ok` without sending anything; /api/health says 503 and then 200; a command during
 * the outage is refused with its coded reason and lands exactly once when sent again; every page
 * of both processes holds a gapless seq. Each length's two scenarios run at once, each with its own
 * redis-server, the lengths one after another: the file costs about as long as its outages, mostly idle.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { send, until, within, type Client } from './test/harness.js'
import { childPair, healthOf, inProcessPair, openPage, type Page, type Pair } from './test/outage.js'
import { startRedis, type TestRedis } from './test/redis-server.js'

const clients: Client[] = []
const cleanups: (() => Promise<void>)[] = []
const unhandled: unknown[] = []
const noteUnhandled = (reason: unknown) => unhandled.push(reason)
beforeAll(() => void process.on('unhandledRejection', noteUnhandled))
afterAll(async () => {
  process.off('unhandledRejection', noteUnhandled)
  for (const c of clients) c.disconnect()
  for (const cleanup of cleanups) await cleanup().catch(() => undefined)
})

const lastStatus = (p: Page) => p.statuses.at(-1)?.store
const seqOf = (a: Awaited<ReturnType<typeof send>>) => (a.ok ? a.seq : -1)

/** Every page reached `head` and holds each seq from `from` to it once, in order. */
async function gapless(pages: Page[], from: number, head: number): Promise<void> {
  await until(() => pages.every((p) => p.seq === head), 15_000, `every page at seq ${head}`)
  for (const p of pages) {
    expect(p.gaps).toBe(0)
    expect(p.seqs.filter((s) => s >= from)).toEqual(Array.from({ length: head - from + 1 }, (_, i) => from + i))
  }
}

async function outage(kind: 'killed' | 'frozen', outageMs: number): Promise<void> {
  // A freeze loses nothing, so its Redis need not fsync each write: that only slowed its set-up
  // past the 800 ms a command has on a loaded machine. A kill -9 keeps the durable setting.
  const redis: TestRedis = await within('redis-server started', startRedis(kind === 'frozen' ? { appendfsync: 'everysec' } : {}), 15_000)
  cleanups.push(() => redis.dispose())
  const asked = performance.now()
  const pair: Pair = await within('two server processes serving', kind === 'killed' ? childPair(redis) : inProcessPair(redis, 'test-conf'), 5 * 60_000)
  // On a loaded CI machine, two real processes seeding the demo into Redis have taken over a minute.
  console.log(`[outage] ${kind} ${outageMs / 1000} s: two processes serving after ${((performance.now() - asked) / 1000).toFixed(1)} s`)
  cleanups.unshift(() => pair.stop())
  const { urls, links } = pair
  const hosts = urls.map((u) => openPage(u, links.host.token, clients))
  const pages = [...hosts, ...urls.map((u) => openPage(u, links.viewer.token, clients))]
  await within('four pages synced', Promise.all(pages.map((p) => p.ready)), 30_000).catch((err: unknown) => {
    // Which page waited, and on what: connected or not, what it was told, why it dropped.
    const seen = pages.map((p, i) => `page ${i}: ${p.client.connected ? 'connected' : 'not connected'}, seq ${p.seq}, statuses ${p.statuses.map((x) => x.store).join('/') || 'none'}, dropped ${p.disconnected ?? 'no'}`)
    throw new Error(`${err instanceof Error ? err.message : String(err)}; ${seen.join('; ')}`)
  })
  const [hostA, hostB] = hosts as [Page, Page]
  const started = await send(hostA.client, 'conference.start', {})
  expect(started).toMatchObject({ ok: true })
  await gapless(pages, seqOf(started), seqOf(started))

  const fault = performance.now()
  if (kind === 'killed') await within('redis-server killed', redis.stop({ hard: true }), 10_000)
  else redis.pause()
  // Nobody sends anything: each process sees it by itself (a closed connection, or an unanswered PING).
  await until(() => pages.every((p) => lastStatus(p) === 'unavailable'), 5000, 'every page told unavailable')
  const refused = await send(hostB.client, 'agenda.next', {}, `${kind}-${outageMs}-next`)
  expect(refused).toMatchObject({ ok: false, error: { code: 'internal', reason: 'server.storeUnavailable' }, retryAfterMs: 2000 })
  // The outage lasts its length; every 2 s on the way: both processes up, health 503, every page still connected and told nothing new.
  while (performance.now() - fault < outageMs) {
    expect(pair.exits).toEqual([])
    expect(await Promise.all(urls.map(healthOf))).toEqual([503, 503])
    for (const p of pages) expect([p.disconnected, lastStatus(p)]).toEqual([null, 'unavailable'])
    await new Promise((r) => setTimeout(r, Math.min(2000, outageMs - (performance.now() - fault))))
  }

  if (kind === 'killed') await within('redis-server started again', redis.start(), 15_000)
  else redis.resume()
  await until(() => pages.every((p) => lastStatus(p) === 'ok'), 15_000, 'every page told ok again')
  // Told once each way. A page that joins just as a loaded machine's health check recovers hears
  // 'ok' twice (the broadcast, then its welcome's own): the same news, said again.
  for (const p of pages) expect(p.statuses.map((s) => s.store).filter((s, i, all) => s !== all[i - 1])).toEqual(['ok', 'unavailable', 'ok'])
  expect(await Promise.all(urls.map(healthOf))).toEqual([200, 200])

  // Sent again with its id: applied once (a frozen Redis may have taken the first attempt after all; then this answers its seq).
  const again = await send(hostB.client, 'agenda.next', {}, `${kind}-${outageMs}-next`)
  expect(again).toMatchObject({ ok: true })
  expect(await send(hostA.client, 'agenda.next', {}, `${kind}-${outageMs}-next`)).toMatchObject({ ok: true, duplicate: true, seq: seqOf(again) })
  const next = await send(hostA.client, 'agenda.next', {})
  expect(next).toMatchObject({ ok: true })
  // One step of the agenda each: the retried command's events are as many as the next one's.
  expect(seqOf(again) - seqOf(started)).toBe(seqOf(next) - seqOf(again))
  await gapless(pages, seqOf(started), seqOf(next))
  expect(pair.exits).toEqual([])
  expect(unhandled).toEqual([])
}

const MIN = 60_000
describe('a Redis outage of any length leaves both processes up, degraded, and back by themselves', () => {
  // One length at a time, its two kinds side by side: six at once (twelve servers, six
  // redis-servers) beside the rest of the run starved every process of a loaded CI machine.
  for (const outageMs of [2 * MIN, 30_000, 6000]) {
    describe.concurrent(`${outageMs / 1000} s`, () => {
      for (const kind of ['killed', 'frozen'] as const) {
        // Its length, and room for two processes to start on a loaded machine (up to 5 min, bounded above).
        test(`Redis ${kind} for ${outageMs / 1000} s`, () => outage(kind, outageMs), outageMs + 7 * MIN)
      }
    })
  }
})
