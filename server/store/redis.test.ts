/**
 * What only the Redis store has: durability across a restart of a real redis-server (killed with
 * SIGKILL, `appendfsync always`), failing fast while Redis is down and recovering by itself, the
 * feed resuming after a restart, and the cross-process lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NewEvent } from '../../shared/events.js'
import { startRedis, type TestRedis } from '../test/redis-server.js'
import type { StoredEvent } from './event-store.js'
import { openRedisStore, type RedisEventStore } from './redis.js'
import { defined } from '../../shared/testing/defined.js'

const checkIn = (i: number): NewEvent => ({ type: 'site.checkedIn', data: { siteId: `s${i}`, attendees: i } })

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis.dispose())

const open = (prefix: string) => openRedisStore({ url: redis.url, prefix })

describe('Redis store', () => {
  it('keeps every acknowledged event through a SIGKILL and restart of redis-server', async () => {
    const store = await open('durable:')
    let seq = 0
    for (let i = 0; i < 50; i++) {
      const r = await store.append('c1', seq, [checkIn(i)], { commandId: `cmd-${i}` })
      if (!r.ok || 'duplicate' in r) throw new Error('append refused')
      seq = defined(r.events.at(-1)).seq
    }
    const head = await store.head('c1')
    await store.close()
    await redis.stop({ hard: true })
    await redis.start()
    const again = await open('durable:')
    expect(await again.head('c1')).toEqual(head)
    expect((await again.read('c1', 0)).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect(await again.commandSeq('c1', 'cmd-49')).toBe(50)
    expect(await again.verify('c1')).toEqual({ ok: true, events: 50 })
    // After the restart Redis has lost its script cache: appending loads the script again.
    expect((await again.append('c1', 50, [checkIn(50)])).ok).toBe(true)
    await again.close()
  })

  it('fails within a second while Redis is down, says so, and recovers by itself when it returns', async () => {
    const store = await open('down:')
    expect((await store.append('c1', 0, [checkIn(0)])).ok).toBe(true)
    expect(store.health()).toEqual({ ok: true })
    await redis.stop()
    const t0 = performance.now()
    await expect(store.append('c1', 1, [checkIn(1)])).rejects.toThrow()
    expect(performance.now() - t0).toBeLessThan(1000)
    await expect(store.read('c1', 0)).rejects.toThrow()
    expect(store.health().ok).toBe(false)
    await redis.start()
    await until(async () => (await store.append('c1', 1, [checkIn(1)]).catch(() => null))?.ok === true)
    expect(store.health()).toEqual({ ok: true })
    expect((await store.read('c1', 0)).map((e) => e.seq)).toEqual([1, 2])
    await store.close()
  })

  it('fails within a second when Redis hangs without closing the connection', async () => {
    const store = await open('hung:')
    expect((await store.append('c1', 0, [checkIn(0)])).ok).toBe(true)
    redis.pause()
    try {
      const t0 = performance.now()
      await expect(store.append('c1', 1, [checkIn(1)], { commandId: 'during' })).rejects.toThrow()
      expect(performance.now() - t0).toBeLessThan(1500)
      expect(store.health().ok).toBe(false)
    } finally {
      redis.resume()
    }
    // The retry with the same id is answered once, whether or not the hung write went through.
    await until(async () => (await store.append('c1', 1, [checkIn(1)], { commandId: 'during' }).catch(() => null))?.ok === true)
    expect((await store.read('c1', 0)).map((e) => e.seq)).toEqual([1, 2])
    await store.close()
  })

  it('feeds a follower what another connection appends, also after Redis restarts', async () => {
    const writer = await open('feed:')
    const reader = await open('feed:')
    const seen: StoredEvent[] = []
    reader.feed.follow('c1', 0, (events) => seen.push(...events))
    await writer.append('c1', 0, [checkIn(0), checkIn(1)])
    await until(async () => seen.length === 2)
    await redis.stop()
    await redis.start()
    await until(async () => (await writer.append('c1', 2, [checkIn(2)]).catch(() => null))?.ok === true)
    await until(async () => seen.length === 3)
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3])
    await writer.close()
    await reader.close()
  })

  it('feeds a process its own appends at their answer, once each, in order with another process\'s', async () => {
    // The order is the subject, not the time: a loaded machine's fsync gets 10 s per append.
    const a = await openRedisStore({ url: redis.url, prefix: 'own:', commandTimeoutMs: 10_000 })
    const b = await openRedisStore({ url: redis.url, prefix: 'own:', commandTimeoutMs: 10_000 })
    const heardA: number[] = []
    const heardB: number[] = []
    a.feed.follow('c1', 0, (events) => heardA.push(...events.map((e) => e.seq)))
    b.feed.follow('c1', 0, (events) => heardB.push(...events.map((e) => e.seq)))
    // Heard by the appending process before its append answers: no Redis read in between.
    expect((await a.append('c1', 0, [checkIn(0), checkIn(1)])).ok).toBe(true)
    expect(heardA).toEqual([1, 2])
    // Another process appends; A's next append waits behind it in A's read, so A hears 3 before 4.
    expect((await b.append('c1', 2, [checkIn(2)])).ok).toBe(true)
    expect((await a.append('c1', 3, [checkIn(3)])).ok).toBe(true)
    for (let i = 4; i < 40; i++) expect((await (i % 2 ? a : b).append('c1', i, [checkIn(i)])).ok).toBe(true)
    const all = Array.from({ length: 40 }, (_, i) => i + 1)
    await until(async () => heardA.length >= 40 && heardB.length >= 40)
    // Once each and in order: the read skipped what the answer had delivered.
    expect(heardA).toEqual(all)
    expect(heardB).toEqual(all)
    await a.close()
    await b.close()
  })

  it('checks a log longer to hash than a command may take, and does not call that an outage', async () => {
    const store = await openRedisStore({ url: redis.url, prefix: 'verify-long:', commandTimeoutMs: 100 })
    // 40 award lists of about 400 KB each: reading and hashing them all takes far more than 100 ms.
    const big = (i: number): NewEvent => ({
      type: 'award.imported',
      data: { awards: Array.from({ length: 2000 }, (_, k) => ({ id: `a${i}-${k}`, typeId: 'bk', recipientKind: 'individual' as const, recipientName: `Nguyễn Văn Thử Nghiệm Số ${i}-${k} của đơn vị kiểm tra độ dài nhật ký hội nghị` })) },
    })
    for (let i = 0; i < 40; i++) expect((await store.append('c1', i, [big(i)])).ok).toBe(true)
    const t0 = performance.now()
    expect(await store.verify('c1')).toMatchObject({ ok: true, events: 40 })
    expect(performance.now() - t0).toBeGreaterThan(100)
    expect(store.health().ok).toBe(true)
    await store.close()
  })

  it('runs one holder of a lock at a time across connections', async () => {
    const stores: RedisEventStore[] = await Promise.all([open('lock:'), open('lock:'), open('lock:')])
    let inside = 0
    let most = 0
    const order: number[] = []
    await Promise.all(
      stores.map((s, i) =>
        s.exclusive('seed', async () => {
          inside++
          most = Math.max(most, inside)
          await new Promise((r) => setTimeout(r, 50))
          order.push(i)
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
    expect(order.sort()).toEqual([0, 1, 2])
    await Promise.all(stores.map((s) => s.close()))
  })
})

async function until(cond: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}
