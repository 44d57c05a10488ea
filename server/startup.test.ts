/**
 * Start-up against a real data directory, with real server processes: one writer per DATA_DIR, and
 * refusals (one plain sentence, a non-zero exit) for an unusable directory and a damaged, emptied
 * or WAL-truncated database; an edited snapshot found and rebuilt; a truncated links file survived
 * without printing a secret. With REDIS_URL, a Redis not there yet is waited for, said every 5 s,
 * and refused in one sentence once the wait is over.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConferenceState } from '../shared/domain.js'
import type { AccessLinks } from './access/links.js'
import { SQLITE_FILE, stateHash } from './store/sqlite.js'
import { freePort } from './test/process.js'
import { defined } from '../shared/testing/defined.js'
import { builtArgs } from './test/built.js'
import { hasRedisServer, startRedis } from './test/redis-server.js'

const root = mkdtempSync(path.join(tmpdir(), 'diemcau-startup-'))
const seeded = path.join(root, 'seeded')
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
})

interface Proc { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> }

async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<Proc> {
  const port = await freePort()
  const child = spawn(process.execPath, builtArgs('main'), {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  defined(child.stdout).on('data', (d) => (output += d))
  defined(child.stderr).on('data', (d) => (output += d))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return { child, port, output: () => output, exited }
}

/** Waits for health 200, or throws with the output when the process exits first. */
async function untilServing(p: Proc): Promise<void> {
  const deadline = Date.now() + 90_000
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`server exited ${p.child.exitCode}: ${p.output()}`)
    const up = await fetch(`http://127.0.0.1:${p.port}/api/health`).then((r) => r.ok, () => false)
    if (up) return
    if (Date.now() > deadline) throw new Error(`server did not start: ${p.output()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Runs a server that must refuse to start: its exit code and what it said. */
async function refusal(dataDir: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const p = await spawnServer(dataDir, env)
  const code = await Promise.race([p.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000))])
  if (code === 'timeout') {
    p.child.kill('SIGKILL')
    throw new Error(`the server did not refuse within 60 s: ${p.output()}`)
  }
  return { code, output: p.output() }
}

async function stopGracefully(p: Proc): Promise<void> {
  p.child.kill('SIGTERM')
  await p.exited
}

const copyOf = (name: string) => {
  const dir = path.join(root, name)
  cpSync(seeded, dir, { recursive: true })
  return dir
}
const links = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'access-links.json'), 'utf8')) as AccessLinks
const stateOf = async (p: Proc, l: AccessLinks) => {
  const res = await fetch(`http://127.0.0.1:${p.port}/api/conferences/${l.conferenceId}/state`, { headers: { authorization: `Bearer ${l.host.token}` } })
  return (await res.json()) as { seq: number; state: ConferenceState }
}
const command = (p: Proc, l: AccessLinks, type: string, data: unknown) =>
  fetch(`http://127.0.0.1:${p.port}/api/conferences/${l.conferenceId}/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${l.host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: crypto.randomUUID(), type, data }),
  }).then((r) => r.json() as Promise<{ ok: boolean; seq?: number }>)

beforeAll(async () => {
  const first = await spawnServer(seeded)
  await untilServing(first)
  await stopGracefully(first)
}, 120_000)

describe('one server per data directory', () => {
  it('refuses a second server on the same DATA_DIR, and a holder killed with -9 does not block the next', async () => {
    const dir = copyOf('two')
    const a = await spawnServer(dir)
    await untilServing(a)
    const b = await refusal(dir)
    expect(b.code).not.toBe(0)
    expect(b.output).toContain(dir)
    expect(b.output).toContain('Another Điểm Cầu server is using this data directory')
    expect(b.output).toContain(`pid ${a.child.pid}`)
    // The first keeps serving.
    expect((await fetch(`http://127.0.0.1:${a.port}/api/health`)).status).toBe(200)
    a.child.kill('SIGKILL')
    await a.exited
    const c = await spawnServer(dir)
    await untilServing(c)
    await stopGracefully(c)
  }, 240_000)
})

describe('refusals at start', () => {
  it('refuses an unusable DATA_DIR at once, without spinning', async () => {
    const started = Date.now()
    const r = await refusal('/proc/diemcau-x')
    expect(r.code).not.toBe(0)
    expect(r.output).toContain('/proc/diemcau-x')
    expect(r.output).toContain('set DATA_DIR to a writable directory')
    expect(Date.now() - started).toBeLessThan(60_000)
  }, 70_000)

  it('refuses a database with garbage bytes in the middle, naming the file', async () => {
    const dir = copyOf('garbage')
    const file = path.join(dir, SQLITE_FILE)
    const size = statSync(file).size
    const fd = openSync(file, 'r+')
    const garbage = Buffer.alloc(4096)
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251
    writeSync(fd, garbage, 0, garbage.length, Math.floor(size / 2 / 4096) * 4096)
    closeSync(fd)
    const r = await refusal(dir)
    expect(r.code).not.toBe(0)
    expect(r.output).toContain(file)
    expect(r.output).toMatch(/bị hỏng|không mở được/i)
    expect(r.output).toContain('restore')
  }, 70_000)

  it('refuses a zero-byte database beside an existing links file instead of seeding a new conference', async () => {
    const dir = copyOf('emptied')
    const file = path.join(dir, SQLITE_FILE)
    writeFileSync(file, '')
    for (const f of [`${file}-wal`, `${file}-shm`]) if (existsSync(f)) unlinkSync(f)
    const r = await refusal(dir)
    expect(r.code).not.toBe(0)
    expect(r.output).toContain(file)
    expect(r.output).toContain('0 bytes')
    expect(statSync(file).size).toBe(0)
  }, 70_000)

  it('refuses a log shorter than what was acknowledged (the -wal lost after kill -9)', async () => {
    const dir = copyOf('wal-lost')
    const l = links(dir)
    const p = await spawnServer(dir)
    await untilServing(p)
    const { state } = await stateOf(p, l)
    const acks = [await command(p, l, 'conference.start', {})]
    for (const a of state.awards.slice(0, 10)) acks.push(await command(p, l, 'award.announce', { awardIds: [a.id] }))
    expect(acks.every((a) => a.ok)).toBe(true)
    p.child.kill('SIGKILL')
    await p.exited
    const file = path.join(dir, SQLITE_FILE)
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0)
    unlinkSync(`${file}-wal`)
    const r = await refusal(dir)
    expect(r.code).not.toBe(0)
    expect(r.output).toContain(`seq ${defined(acks.at(-1)).seq}`)
    expect(r.output).toContain(`${file}-wal`)
  }, 120_000)
})

describe('found and repaired at start', () => {
  it('finds a snapshot row edited by hand (its hash recomputed too), drops it and serves the state the log rebuilds', async () => {
    const dir = copyOf('snapshot')
    const raw = new Database(path.join(dir, SQLITE_FILE))
    const row = raw.prepare('SELECT conference_id, state FROM snapshots').get() as { conference_id: string; state: string }
    const edited = JSON.stringify({ ...(JSON.parse(row.state) as ConferenceState), title: 'Hội nghị giả mạo' })
    raw.prepare('UPDATE snapshots SET state = ?, state_hash = ? WHERE conference_id = ?').run(edited, stateHash(edited), row.conference_id)
    raw.close()
    const p = await spawnServer(dir)
    await untilServing(p)
    expect(p.output()).toContain('did not match the log')
    const { state } = await stateOf(p, links(dir))
    expect(state.title).not.toBe('Hội nghị giả mạo')
    expect(state.title).toBe((JSON.parse(row.state) as ConferenceState).title)
    await stopGracefully(p)
  }, 120_000)

  it('survives a truncated links file without printing any part of a token, and keeps it 0600 (production prints no token)', async () => {
    const dir = copyOf('links')
    const file = path.join(dir, 'access-links.json')
    const before = readFileSync(file, 'utf8')
    const old = links(dir)
    writeFileSync(file, before.slice(0, Math.floor(before.length / 2)))
    const p = await spawnServer(dir, { NODE_ENV: 'production' })
    await untilServing(p)
    const out = p.output()
    expect(out).toContain('damaged or incomplete')
    const fresh = links(dir)
    for (const l of [old.host, old.viewer, ...old.sites, ...old.signers, fresh.host, fresh.viewer, ...fresh.sites, ...fresh.signers]) {
      expect(out).not.toContain(l.token.slice(0, 8))
    }
    expect(statSync(file).mode & 0o777).toBe(0o600)
    // Both the old and the new host link open the conference.
    expect((await stateOf(p, old)).state.id).toBe(old.conferenceId)
    expect((await stateOf(p, fresh)).state.id).toBe(old.conferenceId)
    await stopGracefully(p)
  }, 120_000)
})

describe.skipIf(!hasRedisServer())('Redis not there at start', () => {
  it('waits for it, saying so, and serves once it comes', async () => {
    const redis = await startRedis()
    try {
      await redis.stop()
      const p = await spawnServer(path.join(root, 'redis-late'), { REDIS_URL: redis.url, REDIS_START_WAIT_MS: '60000' })
      const deadline = Date.now() + 30_000
      while (!p.output().includes('Đang chờ Redis tại REDIS_URL')) {
        if (p.child.exitCode !== null || Date.now() > deadline) throw new Error(`no word of the wait: ${p.output()}`)
        await new Promise((r) => setTimeout(r, 100))
      }
      await redis.start()
      await untilServing(p)
      await stopGracefully(p)
    } finally {
      await redis.dispose()
    }
  }, 120_000)

  it('refuses in one plain sentence once its wait is over, and a wait that is not a number at once', async () => {
    const redis = await startRedis()
    try {
      await redis.stop()
      const started = Date.now()
      const { code, output } = await refusal(path.join(root, 'redis-never'), { REDIS_URL: redis.url, REDIS_START_WAIT_MS: '6000' })
      expect(code).toBe(1)
      expect(Date.now() - started).toBeGreaterThanOrEqual(6000)
      expect(output).toContain('Đang chờ Redis tại REDIS_URL')
      expect(output).toContain('Không kết nối được Redis tại REDIS_URL')
      expect(output).toContain('Redis did not answer within 6000 ms')
      const wrong = await refusal(path.join(root, 'redis-wait-wrong'), { REDIS_URL: redis.url, REDIS_START_WAIT_MS: 'soon' })
      expect(wrong.code).toBe(1)
      expect(wrong.output).toContain('REDIS_START_WAIT_MS must be a number of milliseconds, not "soon"')
      const zero = await refusal(path.join(root, 'redis-timeout-wrong'), { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '0' })
      expect(zero.code).toBe(1)
      expect(zero.output).toContain('REDIS_COMMAND_TIMEOUT_MS must be a number of milliseconds above 0, not "0"')
    } finally {
      await redis.dispose()
    }
  }, 120_000)
})
