/**
 * Two services on one Redis, as two server processes would be: commands sent to both at once
 * get one total order, and each service publishes the same sequence, read from the log.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Actor } from '../../shared/domain.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { openRedisStore, type RedisEventStore } from '../store/redis.js'
import { smallConference, until } from '../test/harness.js'
import { startRedis, type TestRedis } from '../test/redis-server.js'
import { ConferenceService } from './service.js'

let redis: TestRedis
const stores: RedisEventStore[] = []
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  for (const s of stores) await s.close()
  await redis.dispose()
})

async function node() {
  const store = await openRedisStore({ url: redis.url, prefix: 'svc:' })
  stores.push(store)
  const published: ConferenceEvent[] = []
  const service = new ConferenceService({ store, feed: store.feed, onAppended: (_id, events) => published.push(...events) })
  return { service, published }
}

const host: Actor = { conferenceId: 'test-conf', role: 'host' }
const site = (siteId: string): Actor => ({ conferenceId: 'test-conf', role: 'site', siteId })
const cmd = (type: string, data: unknown, id: string = crypto.randomUUID()) => ({ id, type, data })

it('gives commands sent to two processes one order, published identically by both', async () => {
  const a = await node()
  const b = await node()
  await a.service.appendSystem('test-conf', smallConference(), 'seed')
  // b loads after a seeded: it starts from the log, then follows it.
  expect((await b.service.state('test-conf')).seq).toBe(2)
  expect(await b.service.handle(host, cmd('conference.start', {}))).toEqual({ ok: true, seq: 4 })

  const sent = Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).service.handle(site(i % 3 ? 'd1' : 'd2'), cmd('site.checkIn', { attendees: i + 1 })))
  const acks = await Promise.all(sent)
  expect(acks.filter((x) => !x.ok)).toEqual([])
  const seqs = acks.map((x) => (x.ok ? x.seq : 0)).sort((x, y) => x - y)
  expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 5))

  await until(() => a.published.length >= 44 && b.published.length >= 42)
  // a saw its own seed (1, 2) and everything after; b loaded at 2 and saw 3 on.
  expect(a.published.map((e) => e.seq)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1))
  expect(b.published.map((e) => e.seq)).toEqual(Array.from({ length: 42 }, (_, i) => i + 3))
  expect(b.published).toEqual(a.published.slice(2))
  const [sa, sb] = await Promise.all([a.service.state('test-conf'), b.service.state('test-conf')])
  expect(sa).toEqual(sb)
  expect(sa.seq).toBe(44)

  // A retry of an acknowledged command, at the other process, appends nothing.
  const id = crypto.randomUUID()
  const first = await a.service.handle(site('d1'), cmd('site.checkIn', { attendees: 7 }, id))
  const retry = await b.service.handle(site('d1'), cmd('site.checkIn', { attendees: 7 }, id))
  expect(first).toEqual({ ok: true, seq: 45 })
  expect(retry).toEqual({ ok: true, seq: 45, duplicate: true })
})
