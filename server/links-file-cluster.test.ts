/**
 * The cluster's access-links.json gets the links issued from the host console whichever process
 * answered: two real server processes (server/main.ts with REDIS_URL) on one real redis-server,
 * each with its own data directory, as on two machines. The one that did not seed the demo has
 * no links file; a link it issues or reissues is written to the seeder's file (through a Redis
 * pub/sub channel, server/access/links-file.ts), and the token written there opens the conference.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccessLinks } from './access/links.js'
import { hashToken } from './access/tokens.js'
import { freePort, startServerProcess } from './test/process.js'
import { startRedis, type TestRedis } from './test/redis-server.js'
import { defined } from '../shared/testing/defined.js'

const dirs: [string, string] = [mkdtempSync(path.join(tmpdir(), 'diemcau-linksfile-a-')), mkdtempSync(path.join(tmpdir(), 'diemcau-linksfile-b-'))]
const children: ChildProcess[] = []
let redis: TestRedis

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL')
  await redis?.dispose()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const readFile = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as AccessLinks
const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? ''

describe('a link issued from the console of a process without the links file', () => {
  it('is written to the cluster’s access-links.json, issued or reissued', async () => {
    const ports = [await freePort(), await freePort()] as const
    await Promise.all(ports.map((port, i) => startServerProcess(port, { DATA_DIR: defined(dirs[i]), PUBLIC_URL: `http://127.0.0.1:${port}`, REDIS_URL: redis.url }, children, 90_000)))
    const files = dirs.map((d) => path.join(d, 'access-links.json'))
    const seeder = existsSync(defined(files[0])) ? 0 : 1
    const file = defined(files[seeder])
    const other = defined(ports[1 - seeder])
    expect(existsSync(defined(files[1 - seeder]))).toBe(false)
    const before = readFile(file)
    const api = (p: string, body: unknown) => fetch(`http://127.0.0.1:${other}/api/conferences/${before.conferenceId}${p}`, {
      method: 'POST', headers: { authorization: `Bearer ${before.host.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    })

    // Reissued on the other process: the seeder's file holds the new secret for that site, in place of the old one.
    const site = defined(before.sites[2])
    const reissued = await api(`/links/${hashToken(site.token).slice(0, 16)}/reissue`, {})
    expect(reissued.status).toBe(201)
    const { url } = (await reissued.json()) as { url: string }
    await expect.poll(() => readFile(file).sites.find((s) => s.siteId === site.siteId)?.token, { timeout: 10_000 }).toBe(tokenOf(url))
    expect(readFile(file).sites).toHaveLength(before.sites.length)

    // A new viewer link issued there replaces the viewer's entry; the token written opens the conference on either process.
    const issued = await api('/links', { role: 'viewer' })
    expect(issued.status).toBe(201)
    const viewer = tokenOf(((await issued.json()) as { url: string }).url)
    await expect.poll(() => readFile(file).viewer.token, { timeout: 10_000 }).toBe(viewer)
    for (const port of ports) {
      const me = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { authorization: `Bearer ${readFile(file).viewer.token}` } })
      expect(me.status).toBe(200)
    }
    // Still no second file: the cluster has one.
    expect(existsSync(defined(files[1 - seeder]))).toBe(false)
    expect(readFile(file).host.token).toBe(before.host.token)
  }, 180_000)
})
