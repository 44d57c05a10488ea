/**
 * One contract for every LinkStore: the same tests run against SQLite (a temp data directory)
 * and Redis (a real redis-server on a free port with `appendfsync always`). Then what each keeps
 * from before the links had a store of their own: SQLite's document-links.key file, Redis's keys.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from 'redis'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startRedis, type TestRedis } from '../test/redis-server.js'
import type { LinkStore } from './link-store.js'
import { linkKeys, openRedisLinkStore } from './redis-links.js'
import { openSqliteLinkStore } from './sqlite-links.js'
import { openSqliteStore } from './sqlite.js'
import { defined } from '../../shared/testing/defined.js'

interface Backend {
  name: string
  setup(): Promise<void>
  teardown(): Promise<void>
  /** A store on the same data as the others this test opened (another process would open this one). */
  open(): Promise<LinkStore>
  /** Cleans what one test left. */
  reset(): Promise<void>
}

function sqliteBackend(): Backend {
  let dir = ''
  return {
    name: 'sqlite',
    async setup() {},
    async teardown() {},
    async reset() {
      if (dir) rmSync(dir, { recursive: true, force: true })
      dir = ''
    },
    async open() {
      dir ||= mkdtempSync(join(tmpdir(), 'diemcau-links-'))
      return openSqliteLinkStore(dir)
    },
  }
}

function redisBackend(): Backend {
  let redis: TestRedis
  let n = 0
  let prefix = ''
  return {
    name: 'redis',
    async setup() {
      redis = await startRedis()
    },
    async teardown() {
      await redis.dispose()
    },
    async reset() {
      prefix = ''
    },
    async open() {
      prefix ||= `l${++n}:`
      return openRedisLinkStore({ url: redis.url, prefix })
    },
  }
}

describe.each([sqliteBackend(), redisBackend()])('LinkStore contract: $name', (backend) => {
  let store: LinkStore
  const others: LinkStore[] = []
  const another = async () => {
    const s = await backend.open()
    others.push(s)
    return s
  }
  beforeAll(() => backend.setup())
  afterAll(() => backend.teardown())
  beforeEach(async () => {
    store = await backend.open()
  })
  afterEach(async () => {
    for (const s of others.splice(0)) await s.close()
    await store.close()
    await backend.reset()
  })

  describe('tokens', () => {
    it('round-trips a grant by its hash and leaves absent fields out', async () => {
      await store.saveToken('h'.repeat(64), { conferenceId: 'c1', role: 'site', siteId: 's1', label: 'Huyện A' })
      await store.saveToken('g'.repeat(64), { conferenceId: 'c1', role: 'host' })
      expect(await store.findToken('h'.repeat(64))).toEqual({ conferenceId: 'c1', role: 'site', siteId: 's1', label: 'Huyện A' })
      expect(await store.findToken('g'.repeat(64))).toEqual({ conferenceId: 'c1', role: 'host' })
      expect(await store.findToken('x'.repeat(64))).toBeNull()
      expect(await store.findLink('x'.repeat(64))).toBeNull()
    })

    it('replaces the grant on a second save of the same hash', async () => {
      await store.saveToken('h'.repeat(64), { conferenceId: 'c1', role: 'site', siteId: 's1', label: 'Huyện A' })
      await store.saveToken('h'.repeat(64), { conferenceId: 'c1', role: 'signer', blocId: 'b1' })
      expect(await store.findToken('h'.repeat(64))).toEqual({ conferenceId: 'c1', role: 'signer', blocId: 'b1' })
      expect(await store.listLinks('c1')).toHaveLength(1)
    })

    it('saves a national conference\'s links in one go, each as saveToken would, listed in order', async () => {
      const hash = (i: number) => i.toString(16).padStart(64, '0')
      const tokens = Array.from({ length: 3_400 }, (_, i) => ({ tokenHash: hash(i), grant: { conferenceId: 'c1', role: 'site' as const, siteId: `s${i}`, label: `Xã ${i}` } }))
      await store.saveTokens([{ tokenHash: 'h'.repeat(64), grant: { conferenceId: 'c1', role: 'host' } }, ...tokens])
      const listed = await store.listLinks('c1')
      expect(listed).toHaveLength(3_401)
      expect(listed[0]).toMatchObject({ id: 'h'.repeat(16), role: 'host' })
      expect(listed.at(-1)).toMatchObject({ id: hash(3_399).slice(0, 16), siteId: 's3399', label: 'Xã 3399' })
      expect(await store.findToken(hash(1_234))).toEqual({ conferenceId: 'c1', role: 'site', siteId: 's1234', label: 'Xã 1234' })
      expect(typeof listed[1]?.createdAt).toBe('string')
    })

    it('is seen at once by another connection to the same data (another process)', async () => {
      const other = await another()
      await store.saveToken('h'.repeat(64), { conferenceId: 'c1', role: 'viewer' })
      expect(await other.findToken('h'.repeat(64))).toEqual({ conferenceId: 'c1', role: 'viewer' })
      expect(await other.revokeLink('c1', 'h'.repeat(16), '2025-01-01T00:00:00.000Z')).toBe(true)
      expect((await store.findLink('h'.repeat(64)))?.revokedAt).toBe('2025-01-01T00:00:00.000Z')
    })
  })

  describe('links', () => {
    it('are listed without secrets, oldest first, per conference', async () => {
      await store.saveToken('b'.repeat(64), { conferenceId: 'c1', role: 'site', siteId: 's1', label: 'Huyện Ninh Hải' }, { createdAt: '2026-11-27T07:00:01.000Z' })
      await store.saveToken('a'.repeat(64), { conferenceId: 'c1', role: 'host' }, { createdAt: '2026-11-27T07:00:00.000Z' })
      await store.saveToken('c'.repeat(64), { conferenceId: 'c2', role: 'host' }, { createdAt: '2026-11-27T06:00:00.000Z' })
      const listed = await store.listLinks('c1')
      expect(listed).toEqual([
        { id: 'a'.repeat(16), conferenceId: 'c1', role: 'host', createdAt: '2026-11-27T07:00:00.000Z' },
        { id: 'b'.repeat(16), conferenceId: 'c1', role: 'site', siteId: 's1', label: 'Huyện Ninh Hải', createdAt: '2026-11-27T07:00:01.000Z' },
      ])
      expect(JSON.stringify(listed)).not.toContain('a'.repeat(17))
      expect(await store.listLinks('nobody')).toEqual([])
    })

    it('are revoked, expired, reissued and touched', async () => {
      const a = 'a'.repeat(64)
      const b = 'b'.repeat(64)
      await store.saveToken(a, { conferenceId: 'c1', role: 'host' }, { createdAt: '2025-01-01T00:00:00.000Z' })
      await store.saveToken(b, { conferenceId: 'c1', role: 'site', siteId: 's1' }, { createdAt: '2025-01-02T00:00:00.000Z', expiresAt: '2030-01-01T00:00:00.000Z' })
      await store.saveToken('c'.repeat(64), { conferenceId: 'c2', role: 'host' })
      expect((await store.listLinks('c1')).map((l) => l.id)).toEqual(['a'.repeat(16), 'b'.repeat(16)])

      expect(await store.setLinkExpiry('c1', 'a'.repeat(16), '2029-01-01T00:00:00.000Z')).toBe(true)
      expect((await store.findLink(a))?.expiresAt).toBe('2029-01-01T00:00:00.000Z')
      expect(await store.setLinkExpiry('c1', 'a'.repeat(16), null)).toBe(true)
      expect((await store.findLink(a))?.expiresAt).toBeUndefined()
      // Another conference's host cannot touch this conference's links.
      expect(await store.setLinkExpiry('c2', 'a'.repeat(16), null)).toBe(false)
      expect(await store.revokeLink('c2', 'a'.repeat(16), '2025-03-01T00:00:00.000Z')).toBe(false)

      await store.touchLink('a'.repeat(16), '2025-02-01T00:00:00.000Z')
      expect((await store.findLink(a))?.lastUsedAt).toBe('2025-02-01T00:00:00.000Z')

      expect(await store.revokeLink('c1', 'a'.repeat(16), '2025-03-01T00:00:00.000Z')).toBe(true)
      expect(await store.revokeLink('c1', 'a'.repeat(16), '2025-03-02T00:00:00.000Z')).toBe(false)
      expect((await store.findLink(a))?.revokedAt).toBe('2025-03-01T00:00:00.000Z')
      expect(await store.setLinkExpiry('c1', 'a'.repeat(16), '2029-01-01T00:00:00.000Z')).toBe(false)
      // Revoked links still resolve: the caller tells a revoked link from an unknown one.
      expect(await store.findToken(a)).toEqual({ conferenceId: 'c1', role: 'host' })

      const fresh = 'f'.repeat(64)
      const reissued = await store.reissueLink('c1', 'b'.repeat(16), fresh, '2025-04-01T00:00:00.000Z')
      expect(reissued).toEqual({ id: 'f'.repeat(16), conferenceId: 'c1', role: 'site', siteId: 's1', createdAt: '2025-04-01T00:00:00.000Z', expiresAt: '2030-01-01T00:00:00.000Z' })
      expect((await store.findLink(b))?.revokedAt).toBe('2025-04-01T00:00:00.000Z')
      expect(await store.reissueLink('c1', 'b'.repeat(16), 'e'.repeat(64), '2025-04-02T00:00:00.000Z')).toBeNull()
      expect(await store.findLink('e'.repeat(64))).toBeNull()
      expect((await store.listLinks('c1')).map((l) => l.id)).toEqual(['a'.repeat(16), 'b'.repeat(16), 'f'.repeat(16)])
    })

    it('reissued after their expiry passed, get none', async () => {
      await store.saveToken('b'.repeat(64), { conferenceId: 'c1', role: 'viewer' }, { expiresAt: '2025-01-01T00:00:00.000Z' })
      const fresh = await store.reissueLink('c1', 'b'.repeat(16), 'f'.repeat(64), '2025-02-01T00:00:00.000Z')
      expect(fresh?.expiresAt).toBeUndefined()
    })

    it('whose expiry falls in a window are found, in any conference, live ones only', async () => {
      const h = (c: string) => c.repeat(64)
      await store.saveToken(h('1'), { conferenceId: 'c1', role: 'viewer' }, { expiresAt: '2025-06-01T10:00:00.000Z' })
      await store.saveToken(h('2'), { conferenceId: 'c2', role: 'viewer' }, { expiresAt: '2025-06-01T10:00:05.000Z' })
      await store.saveToken(h('3'), { conferenceId: 'c1', role: 'viewer' }, { expiresAt: '2025-06-01T11:00:00.000Z' })
      await store.saveToken(h('4'), { conferenceId: 'c1', role: 'viewer' }, { expiresAt: '2025-06-01T10:00:02.000Z' })
      await store.revokeLink('c1', '4'.repeat(16), '2025-06-01T09:00:00.000Z')
      await store.setLinkExpiry('c1', '3'.repeat(16), '2025-06-01T10:00:03.000Z')
      const ids = await store.expiringLinks('2025-06-01T10:00:00.000Z', '2025-06-01T10:00:05.000Z')
      expect(ids.sort()).toEqual(['2'.repeat(16), '3'.repeat(16)])
      expect(await store.expiringLinks('2025-06-01T09:00:00.000Z', '2025-06-01T10:00:00.000Z')).toEqual(['1'.repeat(16)])
    })
  })

  describe('secrets', () => {
    it('are 32 random bytes, made once and the same on every later ask, from every connection', async () => {
      const first = await store.secret('document-links')
      expect(first).toHaveLength(32)
      expect(first.equals(Buffer.alloc(32))).toBe(false)
      expect((await store.secret('document-links')).equals(first)).toBe(true)
      expect((await (await another()).secret('document-links')).equals(first)).toBe(true)
      expect((await store.secret('other-key')).equals(first)).toBe(false)
    })

    it('asked first by several connections at once, are one secret', async () => {
      const stores = [store, await another(), await another(), await another()]
      const secrets = await Promise.all(stores.map((s) => s.secret('raced')))
      for (const s of secrets) expect(s.toString('hex')).toBe(defined(secrets[0]).toString('hex'))
    })

    it('refuse a name that could leave their file or key', async () => {
      for (const bad of ['../escape', 'a/b', '', 'UPPER', 'x'.repeat(65)]) await expect(store.secret(bad)).rejects.toThrow(/lower-case letters/)
    })
  })

  describe('reopening', () => {
    it('finds the links and the secrets again', async () => {
      await store.saveToken('t'.repeat(64), { conferenceId: 'c1', role: 'host' })
      const secret = await store.secret('document-links')
      await store.close()
      store = await backend.open()
      expect(await store.findToken('t'.repeat(64))).toEqual({ conferenceId: 'c1', role: 'host' })
      expect((await store.secret('document-links')).equals(secret)).toBe(true)
    })
  })
})

describe('the SQLite link store', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps the documents key where it was: DATA_DIR/document-links.key, hex, mode 0600, an existing one used as is', async () => {
    dir = mkdtempSync(join(tmpdir(), 'diemcau-links-'))
    const existing = 'ab'.repeat(32)
    writeFileSync(join(dir, 'document-links.key'), existing + '\n', { mode: 0o600 })
    const links = openSqliteLinkStore(dir)
    expect((await links.secret('document-links')).toString('hex')).toBe(existing)
    const made = await links.secret('another-key')
    expect(readFileSync(join(dir, 'another-key.key'), 'utf8').trim()).toBe(made.toString('hex'))
    expect(statSync(join(dir, 'another-key.key')).mode & 0o777).toBe(0o600)
    await links.close()
  })

  it('refuses a key file that does not hold 32 bytes, saying what to do', async () => {
    dir = mkdtempSync(join(tmpdir(), 'diemcau-links-'))
    writeFileSync(join(dir, 'document-links.key'), 'abcd\n')
    const links = openSqliteLinkStore(dir)
    await expect(links.secret('document-links')).rejects.toThrow(/document-links\.key does not hold a 32-byte secret in hex; delete it/)
    await links.close()
  })

  it('shares the database file with the event store: the links written before the split are read', async () => {
    dir = mkdtempSync(join(tmpdir(), 'diemcau-links-'))
    const events = openSqliteStore(dir)
    const links = openSqliteLinkStore(dir)
    await events.append('c1', 0, [{ type: 'conference.started', data: {} }])
    await links.saveToken('a'.repeat(64), { conferenceId: 'c1', role: 'host' })
    await events.close()
    // Works again: the first command after the resume may still meet the limit on a loaded machine
    // (a CI run: Redis, just woken beside the whole suite, answered after 300 ms), not the later ones.
    await expect.poll(() => links.findToken('a'.repeat(64)).catch(() => null), { timeout: 10_000 }).toEqual({ conferenceId: 'c1', role: 'host' })
    await links.close()
  })
})

describe('the Redis link store', () => {
  let redis: TestRedis
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis.dispose())

  it('reads links kept under the keys the event store used before the split', async () => {
    const prefix = 'old:'
    const keys = linkKeys(prefix)
    expect([keys.tokenPrefix, keys.links('c1'), keys.linkIds, keys.expiries]).toEqual(['old:token:', 'old:c:c1:links', 'old:link-ids', 'old:link-expiries'])
    const raw = createClient({ url: redis.url })
    await raw.connect()
    const hash = '9'.repeat(64)
    await raw.hSet(`old:token:${hash}`, { conferenceId: 'c1', role: 'site', siteId: 's1', label: 'Huyện A', createdAt: '2025-01-01T00:00:00.000Z' })
    await raw.rPush('old:c:c1:links', hash)
    await raw.hSet('old:link-ids', '9'.repeat(16), hash)
    const links = await openRedisLinkStore({ url: redis.url, prefix })
    expect(await links.listLinks('c1')).toEqual([{ id: '9'.repeat(16), conferenceId: 'c1', role: 'site', siteId: 's1', label: 'Huyện A', createdAt: '2025-01-01T00:00:00.000Z' }])
    expect(await links.revokeLink('c1', '9'.repeat(16), '2025-02-01T00:00:00.000Z')).toBe(true)
    expect(await raw.hGet(`old:token:${hash}`, 'revokedAt')).toBe('2025-02-01T00:00:00.000Z')
    // The documents key is one Redis key, which every process of the cluster reads.
    const secret = await links.secret('document-links')
    expect(await raw.get('old:secret:document-links')).toBe(secret.toString('hex'))
    await links.close()
    await raw.close()
  })

  it('fails within its timeout when Redis does not answer, and works again when it does', async () => {
    const links = await openRedisLinkStore({ url: redis.url, prefix: 'frozen:', commandTimeoutMs: 300 })
    await links.saveToken('a'.repeat(64), { conferenceId: 'c1', role: 'host' })
    redis.pause()
    try {
      await expect(links.findLink('a'.repeat(64))).rejects.toMatchObject({ code: 'store_unavailable' })
      await expect(links.secret('document-links')).rejects.toMatchObject({ code: 'store_unavailable' })
    } finally {
      redis.resume()
    }
    // Works again: the first command after the resume may still meet the limit on a loaded machine
    // (a CI run: Redis, just woken beside the whole suite, answered after 300 ms), not the later ones.
    await expect.poll(() => links.findToken('a'.repeat(64)).catch(() => null), { timeout: 10_000 }).toEqual({ conferenceId: 'c1', role: 'host' })
    await links.close()
  })
})
