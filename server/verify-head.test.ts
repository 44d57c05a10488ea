/**
 * `npm run verify -- --head <seq>:<hash>` (scripts/verify.ts) on real SQLite data folders, run as
 * the command people run: a rewritten chain with a rewritten head file, and a log cut by 763
 * events with its head file deleted, both pass the start-up check and the store's verify (the
 * head file is on the same disk) and both fail against the head written down; the honest folder
 * passes and is left byte for byte as it was.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NewEvent } from '../shared/events.js'
import { smallConference } from './test/harness.js'
import { startRedis } from './test/redis-server.js'
import { openRedisStore } from './store/redis.js'
import { eventHash } from './store/hash-chain.js'
import { HEAD_FILE, writeHeadFile } from './store/head-file.js'
import { checkIntegrity } from './store/integrity.js'
import { openSqliteStore, SQLITE_FILE } from './store/sqlite.js'
import { builtArgs } from './test/built.js'

const root = mkdtempSync(path.join(tmpdir(), 'diemcau-verify-'))
const honest = path.join(root, 'honest')
const EVENTS = 800
let written: { seq: number; hash: string }

const checkIn = (attendees: number): NewEvent => ({ type: 'site.checkedIn', data: { siteId: 'd1', attendees } })

beforeAll(async () => {
  const store = openSqliteStore(honest)
  await store.append('test-conf', 0, smallConference())
  for (let seq = 2; seq < EVENTS; seq++) await store.append('test-conf', seq, [checkIn(seq)])
  written = await store.head('test-conf')
  await store.close()
  expect(written.seq).toBe(EVENTS)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

const copyOf = (name: string) => {
  const dir = path.join(root, name)
  cpSync(honest, dir, { recursive: true })
  return dir
}

/** Runs the script as `npm run verify` does: its exit code and what it printed. */
function verify(dataDir: string, head: string, redisUrl = ''): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...builtArgs('verify'), '--head', head], { env: { ...process.env, DATA_DIR: dataDir, REDIS_URL: redisUrl } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code) : 0, out: `${stdout}${stderr}`.trim() })
    })
  })
}

/** What the server's own checks say of a folder: the start-up check and the store's verify. */
async function serverChecks(dir: string) {
  const store = openSqliteStore(dir)
  try {
    return { startup: (await checkIntegrity(dir, store, path.join(dir, 'access-links.json'))).problem, verify: await store.verify('test-conf') }
  } finally {
    await store.close()
  }
}

/** The folder's files and their bytes; SQLite's own -wal and -shm (a reader may create them empty) aside. */
const bytes = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => !/-(wal|shm)$/.test(f)).map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]))

describe('npm run verify -- --head <seq>:<hash>', () => {
  it('passes the honest folder, says what it checked, and writes nothing there', async () => {
    const before = bytes(honest)
    const r = await verify(honest, `${written.seq}:${written.hash}`)
    expect(r.code).toBe(0)
    expect(r.out).toContain(`${EVENTS} sự kiện`)
    expect(r.out).toContain(`seq ${EVENTS} mang đúng mã ${written.hash}`)
    expect(r.out).toMatch(/\/ The log matches the head written down/)
    expect(bytes(honest)).toEqual(before)
    // A head written down earlier in the day: the log has gone on since, which is no fault.
    const store = openSqliteStore(copyOf('earlier'))
    const earlier = await store.read('test-conf', 399, 1)
    await store.close()
    const e = await verify(path.join(root, 'earlier'), `400:${earlier[0]?.hash ?? ''}`)
    expect(e.code).toBe(0)
    expect(e.out).toContain(`có thêm ${EVENTS - 400} sự kiện sau đó`)
  })

  it('fails a chain rewritten from seq 10 with its head file rewritten to match, which the server’s own checks accept', async () => {
    const dir = copyOf('rewritten')
    const db = new Database(path.join(dir, SQLITE_FILE))
    const rows = db.prepare<[], { seq: number; type: string; at: string; data: string; hash: string }>("SELECT seq, type, at, data, hash FROM events WHERE conference_id = 'test-conf' ORDER BY seq").all()
    const update = db.prepare<[string, string, string, number], void>("UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE conference_id = 'test-conf' AND seq = ?")
    let prev = rows[8]?.hash ?? ''
    db.transaction(() => {
      for (const r of rows.slice(9)) {
        const data = r.seq === 10 ? JSON.stringify({ siteId: 'd1', attendees: 9999 }) : r.data
        const hash = eventHash(prev, r.seq, r.type, r.at, data)
        update.run(data, prev, hash, r.seq)
        prev = hash
      }
    })()
    db.close()
    writeHeadFile(dir, { 'test-conf': { seq: EVENTS, hash: prev } })
    expect(await serverChecks(dir)).toEqual({ startup: null, verify: { ok: true, events: EVENTS } })

    const r = await verify(dir, `${written.seq}:${written.hash}`)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^Nhật ký hội nghị test-conf .*sự kiện seq 800 mang mã .*không phải mã đã ghi.*viết lại\. \/ Event seq 800 carries another hash than the one written down: the log was rewritten\.$/)
    expect(r.out.split('\n')).toHaveLength(1)
  })

  it('fails a log cut by 763 events with its head file deleted, which the server’s own checks accept', async () => {
    const dir = copyOf('truncated')
    const db = new Database(path.join(dir, SQLITE_FILE))
    db.prepare("DELETE FROM commands WHERE conference_id = 'test-conf' AND seq > ?").run(EVENTS - 763)
    db.prepare("DELETE FROM events WHERE conference_id = 'test-conf' AND seq > ?").run(EVENTS - 763)
    db.close()
    unlinkSync(path.join(dir, HEAD_FILE))
    expect(await serverChecks(dir)).toEqual({ startup: null, verify: { ok: true, events: EVENTS - 763 } })

    const r = await verify(dir, `${written.seq}:${written.hash}`)
    expect(r.code).toBe(1)
    expect(r.out).toBe(
      `Nhật ký hội nghị test-conf trong ${path.join(dir, SQLITE_FILE)} chỉ đến seq 37, ngắn hơn đầu đã ghi (seq 800): nhật ký đã bị cắt bớt. ` +
        '/ The log ends at seq 37, before the head written down (seq 800): it was cut short.',
    )
  })

  it('fails an edited event that was not re-chained, naming its seq', async () => {
    const dir = copyOf('edited')
    const db = new Database(path.join(dir, SQLITE_FILE))
    db.prepare("UPDATE events SET data = ? WHERE conference_id = 'test-conf' AND seq = 500").run(JSON.stringify({ siteId: 'd1', attendees: 1 }))
    db.close()
    const r = await verify(dir, `${written.seq}:${written.hash}`)
    expect(r.code).toBe(1)
    expect(r.out).toContain('bị đứt từ sự kiện seq 500')
  })

  it('refuses a head not written as <seq>:<hash>, and a folder without a database, saying what to do', async () => {
    const empty = mkdtempSync(path.join(root, 'empty-'))
    const [short, zero, none] = await Promise.all([
      verify(honest, `800:${written.hash.slice(0, 16)}`),
      verify(honest, `0:${written.hash}`),
      verify(empty, `${written.seq}:${written.hash}`),
    ])
    for (const r of [short, zero]) {
      expect(r.code).toBe(2)
      expect(r.out).toMatch(/^Hãy cho biết đầu nhật ký đã ghi lại: .* \/ Give the head you wrote down/)
    }
    expect(none.code).toBe(2)
    expect(none.out).toContain(`Không có cơ sở dữ liệu ${path.join(empty, SQLITE_FILE)}`)
    expect(readdirSync(empty)).toEqual([])
  }, 120_000)
})

describe('npm run verify with REDIS_URL: a cluster’s log in Redis', () => {
  it('passes the honest log, and fails it re-chained or cut short', async () => {
    const redis = await startRedis()
    try {
      // Writing the log is this test's set-up, not its subject: a loaded machine's fsync gets time.
      const store = await openRedisStore({ url: redis.url, commandTimeoutMs: 10_000 })
      await store.append('test-conf', 0, smallConference())
      for (let seq = 2; seq < 120; seq++) await store.append('test-conf', seq, [checkIn(seq)])
      const head = await store.head('test-conf')
      await store.close()
      const ok = await verify(root, `${head.seq}:${head.hash}`, redis.url)
      expect(ok.code, ok.out).toBe(0)
      expect(ok.out).toContain(`Nhật ký hội nghị test-conf trong Redis 127.0.0.1:`)
      expect(ok.out).toContain(`seq 120 mang đúng mã ${head.hash}`)

      // Re-chained from seq 10 with another count, its head key rewritten to match.
      const raw = createClient({ url: redis.url })
      await raw.connect()
      const key = 'diemcau:c:test-conf:log'
      const entries = (await raw.xRange(key, '-', '+')) ?? []
      await raw.del(key)
      let prev = ''
      for (const e of entries) {
        const f = { ...(e.message as Record<string, string>) }
        const seq = Number(e.id.split('-')[0])
        if (seq === 10) f['d'] = JSON.stringify({ siteId: 'd1', attendees: 9999 })
        if (seq >= 10) {
          f['ph'] = prev
          f['h'] = eventHash(prev, seq, f['t'] ?? '', f['at'] ?? '', f['d'] ?? '')
        }
        prev = f['h'] ?? ''
        await raw.xAdd(key, e.id, f)
      }
      await raw.hSet('diemcau:c:test-conf:head', { seq: '120', hash: prev })
      const rewritten = await verify(root, `${head.seq}:${head.hash}`, redis.url)
      expect(rewritten.code).toBe(1)
      expect(rewritten.out).toContain('the log was rewritten')

      // Cut after seq 37.
      for (let seq = 38; seq <= 120; seq++) await raw.xDel(key, `${seq}-0`)
      await raw.close()
      const cut = await verify(root, `${head.seq}:${head.hash}`, redis.url)
      expect(cut.code).toBe(1)
      expect(cut.out).toContain('chỉ đến seq 37, ngắn hơn đầu đã ghi (seq 120)')
    } finally {
      await redis.dispose()
    }
  }, 120_000)
})
