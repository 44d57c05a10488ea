/**
 * The store's own guards, on real SQLite files: event times that never go back, the log checked
 * against the head acknowledged in diemcau.head.json, snapshots that name their event and hash,
 * and health after a failed append. The access links' lifecycle: link-store.test.ts.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { initialState, STATE_VERSION } from '../../shared/domain.js'
import type { NewEvent } from '../../shared/events.js'
import { ConferenceService } from '../conference/service.js'
import { smallConference } from '../test/harness.js'
import type { EventStore } from './event-store.js'
import { HEAD_FILE, readHeadFile } from './head-file.js'
import { checkIntegrity, snapshotMismatch } from './integrity.js'
import { openSqliteStore, SQLITE_FILE } from './sqlite.js'
import { defined } from '../../shared/testing/defined.js'

let dir: string
let store: EventStore
const extra: EventStore[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'diemcau-integrity-'))
  store = openSqliteStore(dir)
})
afterEach(async () => {
  for (const s of extra.splice(0)) await s.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const checkIn = (attendees: number): NewEvent => ({ type: 'site.checkedIn', data: { siteId: 'd1', attendees } })

describe('event times', () => {
  it('never go back: an append stamped earlier than the head gets the head’s time', async () => {
    await store.append('c1', 0, [checkIn(1)], { at: '2026-11-27T08:00:30.000Z' })
    await store.append('c1', 1, [checkIn(2)], { at: '2026-11-27T08:00:00.000Z' })
    await store.append('c1', 2, [checkIn(3)], { at: '2026-11-27T08:01:30.000Z' })
    expect((await store.read('c1', 0)).map((e) => e.at)).toEqual(['2026-11-27T08:00:30.000Z', '2026-11-27T08:00:30.000Z', '2026-11-27T08:01:30.000Z'])
    expect((await store.verify('c1')).ok).toBe(true)
  })

  it('stay in order through the service when its clock steps back 30 s and forward 60 s; revealAt follows the server clock', async () => {
    let now = Date.parse('2026-11-27T08:00:00.000Z')
    const service = new ConferenceService({ store, now: () => now })
    const host = { conferenceId: 'test-conf', role: 'host' as const }
    await service.appendSystem('test-conf', smallConference(), 'seed')
    expect((await service.handle(host, { id: crypto.randomUUID(), type: 'conference.start', data: {} })).ok).toBe(true)
    const { state } = await service.state('test-conf')
    const [a1, a2] = state.awards
    now -= 30_000
    const back = await service.handle(host, { id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: [defined(a1).id] } })
    expect(back.ok).toBe(true)
    now += 90_000
    expect((await service.handle(host, { id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: [defined(a2).id] } })).ok).toBe(true)
    const events = await store.read('test-conf', 0)
    const times = events.map((e) => Date.parse(e.at))
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(defined(times[i - 1]))
    const announced = events.filter((e) => e.type === 'award.announced').map((e) => (e.data as { revealAt: number }).revealAt)
    // The reveal instants are on the server clock the clients measure, stepped or not.
    expect(announced[0]).toBe(Date.parse('2026-11-27T08:00:00.000Z') - 30_000 + 300)
    expect(announced[1]).toBe(Date.parse('2026-11-27T08:00:00.000Z') + 60_000 + 300)
  })
})

describe('the acknowledged head', () => {
  it('is written after every append and a log shorter than it fails verify (a lost -wal)', async () => {
    await store.append('c1', 0, [checkIn(1), checkIn(2)])
    // Make the first two events part of the main file, as a checkpoint would.
    const raw = new Database(join(dir, SQLITE_FILE))
    raw.pragma('wal_checkpoint(TRUNCATE)')
    raw.close()
    for (let i = 2; i < 6; i++) await store.append('c1', i, [checkIn(i + 1)])
    const head = await store.head('c1')
    expect(readHeadFile(dir).heads['c1']).toEqual(head)
    // A copy of the main file without its -wal: what a crash that loses the -wal leaves.
    const lost = mkdtempSync(join(tmpdir(), 'diemcau-lost-'))
    try {
      copyFileSync(join(dir, SQLITE_FILE), join(lost, SQLITE_FILE))
      copyFileSync(join(dir, HEAD_FILE), join(lost, HEAD_FILE))
      const short = openSqliteStore(lost)
      extra.push(short)
      expect((await short.head('c1')).seq).toBe(2)
      expect(await short.verify('c1')).toEqual({ ok: false, events: 2, acknowledged: { seq: 6, problem: 'shorter' } })
      const report = await checkIntegrity(lost, short, join(lost, 'access-links.json'))
      expect(report.problem).toContain('seq 6')
      expect(report.problem).toContain(`${join(lost, SQLITE_FILE)}-wal`)
    } finally {
      rmSync(lost, { recursive: true, force: true })
    }
  })

  it('tells a re-chained log from the one acknowledged', async () => {
    await store.append('c1', 0, [checkIn(1), checkIn(2), checkIn(3)])
    const raw = new Database(join(dir, SQLITE_FILE))
    raw.prepare("UPDATE events SET hash = ? WHERE conference_id = 'c1' AND seq = 3").run('f'.repeat(64))
    raw.close()
    expect((await store.verify('c1')).acknowledged).toEqual({ seq: 3, problem: 'diverged' })
  })
})

describe('snapshots', () => {
  it('are not loaded when their text was edited, nor when their event is no longer in the log', async () => {
    await store.append('c1', 0, [checkIn(1)])
    const state = { ...initialState('c1'), title: 'Hội nghị tổng kết' }
    await store.saveSnapshot('c1', 1, state, STATE_VERSION)
    expect((await store.loadSnapshot('c1'))?.state.title).toBe('Hội nghị tổng kết')
    const raw = new Database(join(dir, SQLITE_FILE))
    raw.prepare("UPDATE snapshots SET state = replace(state, 'tổng kết', 'giả') WHERE conference_id = 'c1'").run()
    expect(await store.loadSnapshot('c1')).toBeNull()
    raw.prepare("UPDATE snapshots SET state = ?, state_hash = NULL WHERE conference_id = 'c1'").run(JSON.stringify(state))
    expect((await store.loadSnapshot('c1'))?.state.title).toBe('Hội nghị tổng kết')
    raw.prepare("UPDATE events SET hash = ? WHERE conference_id = 'c1' AND seq = 1").run('e'.repeat(64))
    expect(await store.loadSnapshot('c1')).toBeNull()
    raw.close()
  })

  it('are compared with the state their log rebuilds', async () => {
    const service = new ConferenceService({ store, snapshotEvery: 1 })
    await service.appendSystem('test-conf', smallConference(), 'seed')
    const raw = new Database(join(dir, SQLITE_FILE))
    try {
      expect(snapshotMismatch(raw, 'test-conf')).toBeNull()
      const row = raw.prepare("SELECT state FROM snapshots WHERE conference_id = 'test-conf'").get() as { state: string }
      const edited = JSON.parse(row.state) as { awards: { recipientName: string }[] }
      defined(edited.awards[0]).recipientName = 'Người khác'
      raw.prepare("UPDATE snapshots SET state = ?, state_hash = NULL WHERE conference_id = 'test-conf'").run(JSON.stringify(edited))
      expect(snapshotMismatch(raw, 'test-conf')).toContain('differs from the state the log rebuilds')
    } finally {
      raw.close()
    }
  })
})

describe('health', () => {
  it('turns false after a failed append, and true again after one that works', async () => {
    await store.append('c1', 0, [checkIn(1)])
    expect(store.health()).toEqual({ ok: true })
    const raw = new Database(join(dir, SQLITE_FILE))
    raw.exec("CREATE TRIGGER full BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    await expect(store.append('c1', 1, [checkIn(2)])).rejects.toThrow()
    expect(store.health().ok).toBe(false)
    raw.exec('DROP TRIGGER full')
    raw.close()
    expect((await store.append('c1', 1, [checkIn(2)])).ok).toBe(true)
    expect(store.health()).toEqual({ ok: true })
  })
})
