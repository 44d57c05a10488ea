import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Actor } from '../../shared/domain.js'
import type { ConferenceEvent } from '../../shared/events.js'
import Database from 'better-sqlite3'
import { openSqliteStore, SQLITE_FILE } from '../store/sqlite.js'
import type { EventStore } from '../store/event-store.js'
import { smallConference } from '../test/harness.js'
import { ConferenceService } from './service.js'
import { defined } from '../../shared/testing/defined.js'

const dirs: string[] = []
const stores: EventStore[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function open(dir?: string) {
  const dataDir = dir ?? mkdtempSync(path.join(tmpdir(), 'diemcau-service-'))
  if (!dir) dirs.push(dataDir)
  const store = openSqliteStore(dataDir)
  stores.push(store)
  return { dataDir, store }
}

const host: Actor = { conferenceId: 'test-conf', role: 'host' }
const site: Actor = { conferenceId: 'test-conf', role: 'site', siteId: 'd1' }
const cmd = (type: string, data: unknown) => ({ id: crypto.randomUUID(), type, data })

describe('ConferenceService', () => {
  it('publishes each appended batch once, in order, after it is durable', async () => {
    const { store } = open()
    const published: ConferenceEvent[] = []
    const service = new ConferenceService({ store, onAppended: (_id, events) => published.push(...events) })
    await service.appendSystem('test-conf', smallConference(), 'seed')
    const ack = await service.handle(host, cmd('conference.start', {}))
    expect(ack).toEqual({ ok: true, seq: 4 })
    expect(published.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect((await store.read('test-conf', 2)).map((e) => e.type)).toEqual(['conference.started', 'agenda.itemStarted'])
  })

  it('re-reads and re-decides when another writer appended first', async () => {
    const { dataDir, store } = open()
    const a = new ConferenceService({ store })
    await a.appendSystem('test-conf', smallConference(), 'seed')
    await a.handle(host, cmd('conference.start', {}))
    // A second process on the same log: its append makes a's cached seq stale.
    const b = new ConferenceService({ store: open(dataDir).store })
    expect(await b.handle(host, cmd('award.announce', { awardIds: ['a1'] }))).toMatchObject({ ok: true, seq: 5 })
    // a decides on stale state, conflicts, catches up, and re-decides: a1 is now already announced.
    expect(await a.handle(host, cmd('award.announce', { awardIds: ['a1'] }))).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await a.handle(host, cmd('award.announce', { awardIds: ['a2'] }))).toEqual({ ok: true, seq: 6 })
    const room = await a.state('test-conf')
    expect(room.state.awards.filter((x) => x.announcedAt).map((x) => x.id)).toEqual(['a1', 'a2'])
    expect(await store.verify('test-conf')).toEqual({ ok: true, events: 6 })
  })

  it('snapshots every N events, so a restart loads the snapshot and replays only the tail', async () => {
    const { dataDir, store } = open()
    const service = new ConferenceService({ store, snapshotEvery: 50 })
    await service.appendSystem('test-conf', smallConference(), 'seed')
    for (let i = 0; i < 120; i++) expect((await service.handle(site, cmd('site.checkIn', { attendees: i }))).ok).toBe(true)
    const snap = await store.loadSnapshot('test-conf')
    expect(defined(snap).seq).toBeGreaterThanOrEqual(100)
    expect(defined(snap).seq).toBeLessThan(122)
    await store.close()
    stores.splice(stores.indexOf(store), 1)
    const reopened = new ConferenceService({ store: open(dataDir).store })
    const room = await reopened.state('test-conf')
    expect(room.seq).toBe(122)
    expect(room.state.sites.find((s) => s.id === 'd1')?.checkIn?.attendees).toBe(119)
    // Events just before the snapshot are still at hand for returning clients.
    expect((await reopened.events('test-conf', 95, 'host')).map((e) => e.seq)).toEqual(Array.from({ length: 27 }, (_, i) => 96 + i))
  })

  it('runs concurrent commands of one conference one at a time, each seeing the last', async () => {
    const { store } = open()
    const service = new ConferenceService({ store })
    await service.appendSystem('test-conf', smallConference(), 'seed')
    await service.handle(host, cmd('conference.start', {}))
    const acks = await Promise.all(['a1', 'a1', 'a2', 'a2', 'a3'].map((id) => service.handle(host, cmd('award.announce', { awardIds: [id] }))))
    expect(acks.map((a) => a.ok)).toEqual([true, false, true, false, true])
    expect(acks.filter((a) => a.ok).map((a) => (a.ok ? a.seq : 0))).toEqual([5, 6, 7])
  })

  it('upcasts an old event against the state just before it, not the current one', async () => {
    const { dataDir, store } = open()
    const a = new ConferenceService({ store })
    await a.appendSystem('test-conf', smallConference(), 'seed')
    // Announced when award zz was not in the catalog (a version-1 event names only ids) …
    await a.appendSystem('test-conf', [{ type: 'award.announced', data: { awardIds: ['zz'], revealAt: 1, awards: [] } }])
    // … then imported: the current catalog has it, the catalog before the announcement had not.
    await a.appendSystem('test-conf', [{ type: 'award.imported', data: { awards: [{ id: 'zz', typeId: 'bk', recipientKind: 'individual', recipientName: 'Người sau' }] } }])
    const raw = new Database(path.join(dataDir, SQLITE_FILE))
    raw.prepare('UPDATE events SET v = 1, data = ? WHERE seq = 3').run(JSON.stringify({ awardIds: ['zz'], revealAt: 1 }))
    raw.close()
    // A restart loads the snapshot (seq 4) and reads the events before it from the log.
    const b = new ConferenceService({ store: open(dataDir).store })
    const announced = (await b.events('test-conf', 0, 'host')).find((e) => e.seq === 3)
    expect(announced).toMatchObject({ type: 'award.announced', data: { awardIds: ['zz'], awards: [] } })
    const history = await b.history('test-conf')
    expect(history.events.find((e) => e.seq === 3)).toMatchObject({ data: { awards: [] } })
    expect(history.head.seq).toBe(4)
  })
})
