/**
 * The access links of a cluster: two real server processes (server/main.ts with REDIS_URL) on one
 * real redis-server, each with a DIFFERENT data directory, as on two machines. Only Redis is
 * shared: the demo's links (access-links.json of the process that seeded) open both; a document
 * link signed by one downloads from the other; a link revoked on one is refused on the other,
 * over HTTP and on its sockets; no second set of links is issued.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccessLinks } from './access/links.js'
import { hashToken } from './access/tokens.js'
import { firstSync, until, type Client } from './test/harness.js'
import { freePort, startServerProcess } from './test/process.js'
import { startRedis, type TestRedis } from './test/redis-server.js'
import { defined } from '../shared/testing/defined.js'

const dirs: [string, string] = [mkdtempSync(path.join(tmpdir(), 'diemcau-links-a-')), mkdtempSync(path.join(tmpdir(), 'diemcau-links-b-'))]
const children: ChildProcess[] = []
const clients: Client[] = []
let redis: TestRedis

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  for (const c of clients) c.disconnect()
  for (const c of children) c.kill('SIGKILL')
  await redis?.dispose()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const connect = (port: number, token: string): Client => {
  const c: Client = io(`http://127.0.0.1:${port}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true })
  clients.push(c)
  return c
}
/** Resolves true when the socket is admitted, false when the handshake is refused. */
const admitted = (c: Client) => new Promise<boolean>((resolve) => {
  c.once('connect', () => resolve(true))
  c.once('connect_error', () => resolve(false))
})
const me = (port: number, token: string) => fetch(`http://127.0.0.1:${port}/api/me`, { headers: { authorization: `Bearer ${token}` } })

describe('two processes, two data directories, one Redis', () => {
  it('share the links and the documents key through Redis alone', async () => {
    const ports = [await freePort(), await freePort()] as const
    // Started together: one seeds the demo and issues its links in its own DATA_DIR; the other issues none.
    await Promise.all(ports.map((port, i) => startServerProcess(port, { DATA_DIR: defined(dirs[i]), PUBLIC_URL: `http://127.0.0.1:${port}`, REDIS_URL: redis.url }, children, 90_000)))
    const files = [path.join(dirs[0], 'access-links.json'), path.join(dirs[1], 'access-links.json')] as const
    expect(files.filter((f) => existsSync(f))).toHaveLength(1)
    const seeder = existsSync(files[0]) ? 0 : 1
    const [p1, p2] = seeder === 0 ? ports : [ports[1], ports[0]]
    const links = JSON.parse(readFileSync(defined(files[seeder]), 'utf8')) as AccessLinks
    const conferenceId = links.conferenceId
    // The documents key is in Redis, not in either data directory.
    for (const d of dirs) expect(existsSync(path.join(d, 'document-links.key'))).toBe(false)

    // The demo's tokens from the seeder's file work on both, over HTTP and on sockets.
    const everyToken = [links.host, links.viewer, ...(links.overlay ? [links.overlay] : []), ...links.sites, ...links.signers].map((l) => l.token)
    for (const port of ports) {
      for (const token of [links.host.token, defined(links.sites[0]).token, defined(links.signers[0]).token]) {
        expect((await me(port, token)).status).toBe(200)
      }
      const site = connect(port, defined(links.sites[1]).token)
      // Listened for from the start: the welcome may come while the handshake's answer is awaited.
      const synced = firstSync(site)
      expect(await admitted(site)).toBe(true)
      expect((await synced).welcome.actor).toMatchObject({ conferenceId, role: 'site', siteId: defined(links.sites[1]).siteId })
    }
    // One set of links for the cluster: the second process listed the seeder's, and issued none of its own.
    const host = { authorization: `Bearer ${links.host.token}` }
    const listed = (await (await fetch(`http://127.0.0.1:${p2}/api/conferences/${conferenceId}/links`, { headers: host })).json()) as { links: { id: string }[] }
    expect(listed.links.map((l) => l.id).sort()).toEqual(everyToken.map((t) => hashToken(t).slice(0, 16)).sort())

    // A document link signed by process 1 downloads from process 2 (and the other way round).
    for (const [signer, server] of [[p1, p2], [p2, p1]] as const) {
      const made = await fetch(`http://127.0.0.1:${signer}/api/conferences/${conferenceId}/documents/links`, { method: 'POST', headers: host })
      expect(made.status).toBe(200)
      const { pledges, report } = (await made.json()) as { pledges: Record<string, string>; report: string }
      const pdf = await fetch(`http://127.0.0.1:${server}${report}`)
      expect(pdf.status).toBe(200)
      expect(pdf.headers.get('content-type')).toBe('application/pdf')
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
      const pledge = defined(Object.values(pledges)[0])
      expect((await fetch(`http://127.0.0.1:${server}${pledge}`)).status).toBe(200)
      // A signature not made with the shared key is refused there all the same.
      const forged = pledge.replace(/sig=([0-9a-f])/, (_, d: string) => `sig=${d === 'a' ? 'b' : 'a'}`)
      expect((await fetch(`http://127.0.0.1:${server}${forged}`)).status).toBe(403)
    }

    // A site link revoked on process 1: its socket on process 2 closes, and process 2 refuses it from then on.
    const revoked = defined(links.sites[2])
    const onSecond = connect(p2, revoked.token)
    expect(await admitted(onSecond)).toBe(true)
    let closed = false
    onSecond.on('disconnect', () => (closed = true))
    const revoke = await fetch(`http://127.0.0.1:${p1}/api/conferences/${conferenceId}/links/${hashToken(revoked.token).slice(0, 16)}/revoke`, {
      method: 'POST', headers: { ...host, 'content-type': 'application/json' }, body: '{}',
    })
    expect(revoke.status).toBe(200)
    await until(() => closed, 5000)
    const refused = await me(p2, revoked.token)
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/revoked/)
    expect(await admitted(connect(p2, revoked.token))).toBe(false)
    expect(await admitted(connect(p1, revoked.token))).toBe(false)
    // The other links are untouched, on both.
    for (const port of ports) expect((await me(port, defined(links.sites[3]).token)).status).toBe(200)
  }, 180_000)
})
