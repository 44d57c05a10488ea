/**
 * Budgets across a cluster, on a real redis-server: two apps on one Redis draw one link's
 * commands from one budget; a Redis killed or frozen never fails a budget check (the in-memory
 * insurance answers), and the shared count resumes when Redis is back.
 */
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueLinks } from '../access/links.js'
import { createApp, type App } from '../app.js'
import { Budgets } from '../realtime/rate-limit.js'
import { openRedisLinkStore } from '../store/redis-links.js'
import { openRedisStore } from '../store/redis.js'
import { smallConference } from '../test/harness.js'
import { hasRedisServer, startRedis, type TestRedis } from '../test/redis-server.js'
import { redisBudgets } from './redis-budgets.js'

let redis: TestRedis
const stops: (() => Promise<void>)[] = []
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined)
  await redis?.dispose()
})

/** One process of a cluster: its own app, store and link store, on the shared Redis. */
async function node(): Promise<{ app: App; url: string }> {
  // What is counted here is the budget, not the store's patience: a loaded test machine may take
  // longer than production's 800 ms to answer a store command.
  const store = await openRedisStore({ url: redis.url, prefix: 'budgets-test:', commandTimeoutMs: 10_000 })
  const links = await openRedisLinkStore({ url: redis.url, prefix: 'budgets-test:', commandTimeoutMs: 10_000 })
  const app = createApp({ store, links, feed: store.feed, budgetsRedisUrl: redis.url, budgets: { command: { points: 10, seconds: 60 } } })
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve))
  stops.push(async () => {
    await app.close()
    await links.close()
    await store.close()
  })
  return { app, url: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}` }
}

describe.skipIf(!hasRedisServer())('budgets in Redis', () => {
  it('one link gets one command budget across two processes', async () => {
    const a = await node()
    const b = await node()
    const events = smallConference()
    await a.app.service.appendSystem('test-conf', events, 'seed')
    const linkStore = await openRedisLinkStore({ url: redis.url, prefix: 'budgets-test:', commandTimeoutMs: 10_000 })
    stops.push(() => linkStore.close())
    const links = await issueLinks(linkStore, (await a.app.service.state('test-conf')).state, 'http://test')
    const token = links.sites[0]?.token ?? ''
    const command = (url: string, i: number) => fetch(`${url}/api/conferences/test-conf/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: crypto.randomUUID(), type: 'site.checkIn', data: { attendees: i + 1 } }),
    })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await command(a.url, i)).status, (await command(b.url, i)).status)
    // Sixteen commands, ten in the link's budget: not ten on each process.
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(6)
  }, 60_000)

  it('a Redis killed or frozen never fails a budget check, and the shared count resumes', async () => {
    const shared = redisBudgets(redis.url, { prefix: 'outage-test:', timeoutMs: 200 })
    stops.push(() => shared.close())
    const budgets = new Budgets({ command: { points: 3, seconds: 60 } }, { limiter: shared.limiter })
    const second = redisBudgets(redis.url, { prefix: 'outage-test:' })
    stops.push(() => second.close())
    const other = new Budgets({ command: { points: 3, seconds: 60 } }, { limiter: second.limiter })
    await expect.poll(() => shared.ready() && second.ready(), { timeout: 5000 }).toBe(true)
    expect((await budgets.take('command', 'link')).ok).toBe(true)
    expect((await other.take('command', 'link')).ok).toBe(true)
    await redis.stop({ hard: true })
    // Killed: this process counts alone, and answers.
    const down = (await Promise.all([1, 2, 3, 4].map(() => budgets.take('command', 'link')))).map((r) => r.ok)
    // Three points in this process's memory. One may be spent already: on a loaded machine the
    // take before the kill can find Redis slower than the 200 ms timeout and be counted here.
    const allowed = down.filter(Boolean).length
    expect(allowed).toBeGreaterThanOrEqual(2)
    expect(allowed).toBeLessThanOrEqual(3)
    expect(down).toEqual(down.map((_, i) => i < allowed))
    await redis.start()
    await expect.poll(() => shared.ready(), { timeout: 10_000 }).toBe(true)
    redis.pause()
    // Frozen: the check answers from memory within its timeout.
    const t0 = performance.now()
    expect((await budgets.take('command', 'frozen')).ok).toBe(true)
    expect(performance.now() - t0).toBeLessThan(2000)
    redis.resume()
    // Back: both processes count in Redis again (its append-only file kept the two taken before).
    await expect.poll(() => shared.ready() && second.ready(), { timeout: 10_000 }).toBe(true)
    expect((await other.take('command', 'after')).ok).toBe(true)
    expect((await budgets.take('command', 'after')).ok).toBe(true)
    expect((await other.take('command', 'after')).ok).toBe(true)
    expect((await budgets.take('command', 'after')).ok).toBe(false)
  }, 60_000)
})
