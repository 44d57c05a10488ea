/**
 * The link store's health counts: with the conference log on one real redis-server and the access
 * links on another, stopping only the links' Redis makes GET /api/health answer 503 (and a read
 * answer 503 with `server.storeUnavailable`) and tells every page `unavailable`; starting it again brings both back by themselves.
 */
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { issueLinks } from '../access/links.js'
import { createApp, type App } from '../app.js'
import { smallConference, until, type Client } from '../test/harness.js'
import { healthOf, openPage } from '../test/outage.js'
import { startRedis, type TestRedis } from '../test/redis-server.js'
import type { LinkStore } from './link-store.js'
import { openRedisLinkStore } from './redis-links.js'
import { openRedisStore, type RedisEventStore } from './redis.js'

const redises: TestRedis[] = []
const clients: Client[] = []
let app: App | undefined
let stores: (RedisEventStore | LinkStore)[] = []
afterAll(async () => {
  for (const c of clients) c.disconnect()
  await app?.close()
  for (const s of stores) await s.close()
  for (const r of redises) await r.dispose()
})

describe('the access links in health', () => {
  it('a link store that cannot be reached is an outage: 503 and `unavailable`, then 200 and `ok` by themselves', async () => {
    const [logRedis, linkRedis] = [await startRedis(), await startRedis()]
    redises.push(logRedis, linkRedis)
    const store = await openRedisStore({ url: logRedis.url })
    const links = await openRedisLinkStore({ url: linkRedis.url })
    stores = [store, links]
    app = createApp({ store, links, feed: store.feed })
    await new Promise<void>((resolve) => app?.httpServer.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`
    await app.service.appendSystem('test-conf', smallConference('test-conf'), 'seed')
    const issued = await issueLinks(links, (await app.service.state('test-conf')).state, 'http://test')
    const page = openPage(url, issued.viewer.token, clients)
    await page.ready
    expect(await healthOf(url)).toBe(200)

    await linkRedis.stop({ hard: true })
    await until(() => page.statuses.at(-1)?.store === 'unavailable', 5000)
    expect(store.health()).toEqual({ ok: true })
    expect(await healthOf(url)).toBe(503)
    // A read whose link cannot be checked meanwhile is told to wait, in the coded error, not failed.
    const read = await fetch(`${url}/api/conferences/test-conf/state`, { headers: { authorization: `Bearer ${issued.host.token}` } })
    expect(read.status).toBe(503)
    expect(read.headers.get('retry-after')).toBe('2')
    expect(await read.json()).toMatchObject({ ok: false, error: { code: 'internal', reason: 'server.storeUnavailable' }, retryAfterMs: 2000 })

    await linkRedis.start()
    await until(() => page.statuses.at(-1)?.store === 'ok', 10_000)
    expect(await healthOf(url)).toBe(200)
    expect(page.statuses.map((s) => s.store)).toEqual(['ok', 'unavailable', 'ok'])
  })
})
