/**
 * Access links from the host console, against the real server and real socket.io clients:
 * revoking closes the link's sockets (within 5 s), reissuing refuses the old secret and admits the
 * new one, expiry closes and refuses, the last host link cannot be revoked; and health turns 503
 * when appends fail.
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { linksFile, writeLinks, type AccessLinks } from '../access/links.js'
import { SQLITE_FILE } from '../store/sqlite.js'
import { firstSync, send, startServer, type Client, type Running } from '../test/harness.js'
import type { LinkView } from './links.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running
afterEach(async () => server?.stop())

const call = async (method: string, url: string, token?: string, body?: unknown) => {
  const res = await fetch(url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const base = () => `${server.url}/api/conferences/test-conf`
const list = async () => (await call('GET', `${base()}/links`, server.links.host.token)).body as { links: LinkView[]; self: string; missing: { role: string; siteId?: string }[] }
const linkOf = async (pred: (l: LinkView) => boolean) => defined((await list()).links.find(pred))
const tokenOf = (url: string) => defined(new URL(url).searchParams.get('token'))
/** Resolves with the ms from now until the client is disconnected by the server. */
const closedAfter = (c: Client) => {
  const t0 = performance.now()
  return new Promise<number>((resolve) => c.once('disconnect', () => resolve(performance.now() - t0)))
}
const refusedWith = (c: Client) => new Promise<string>((resolve) => c.once('connect_error', (e) => resolve(e.message)))
/** The reason a refused link's page reads: at the socket's CONNECT, and from GET /api/me. */
const reasonsFor = async (token: string) => {
  const c = server.connect(token)
  const socket = await new Promise<unknown>((resolve) => c.once('connect_error', (e) => resolve((e as Error & { data?: { reason?: unknown } }).data?.reason)))
  const me = await call('GET', `${server.url}/api/me`, token)
  return { socket, me: me.status === 401 ? (me.body['error'] as { reason?: string }).reason : `status ${me.status}` }
}

describe('access links', () => {
  it('lists every link to the host without a secret, and to nobody else', async () => {
    server = await startServer()
    const body = await list()
    expect(body.links.map((l) => l.role).sort()).toEqual(['host', 'overlay', 'signer', 'signer', 'site', 'site', 'site', 'viewer'])
    expect(body.links.every((l) => l.status === 'active' && l.createdAt)).toBe(true)
    const text = JSON.stringify(body)
    for (const l of [server.links.host, server.links.viewer, ...server.links.sites, ...server.links.signers]) expect(text).not.toContain(l.token)
    expect(body.self).toBe((await linkOf((l) => l.role === 'host')).id)
    expect(body.missing).toEqual([])
    expect((await call('GET', `${base()}/links`, defined(server.links.sites[0]).token)).status).toBe(403)
    expect((await call('GET', `${base()}/links`)).status).toBe(401)
  })

  it('closes the sockets of a revoked link within 5 s and refuses it from then on, over both transports', async () => {
    server = await startServer()
    const site = defined(server.links.sites[0])
    const c = server.connect(site.token)
    await firstSync(c)
    const link = await linkOf((l) => l.siteId === site.siteId)
    const closed = closedAfter(c)
    const revoked = await call('POST', `${base()}/links/${link.id}/revoke`, server.links.host.token, {})
    expect(revoked.status).toBe(200)
    expect((revoked.body['link'] as LinkView).status).toBe('revoked')
    expect(await closed).toBeLessThan(5000)
    const again = server.connect(site.token)
    expect(await refusedWith(again)).toContain('revoked')
    expect(await reasonsFor(site.token)).toEqual({ socket: 'token.revoked', me: 'token.revoked' })
    expect((await call('GET', `${base()}/state`, site.token)).status).toBe(401)
    // Its site is now without a link: the console offers to issue one.
    expect((await list()).missing).toEqual([{ role: 'site', siteId: site.siteId, name: link.name }])
    const issued = await call('POST', `${base()}/links`, server.links.host.token, { role: 'site', siteId: site.siteId })
    expect(issued.status).toBe(201)
    const fresh = server.connect(tokenOf(issued.body['url'] as string))
    expect((await firstSync(fresh)).welcome.actor).toMatchObject({ role: 'site', siteId: site.siteId })
  })

  it('reissues a link: the old secret is refused, the new one works and is written to the links file (0600)', async () => {
    server = await startServer()
    writeLinks(server.dataDir, server.links)
    const signer = defined(server.links.signers[0])
    const c = server.connect(signer.token)
    await firstSync(c)
    const closed = closedAfter(c)
    const link = await linkOf((l) => l.blocId === signer.blocId)
    const res = await call('POST', `${base()}/links/${link.id}/reissue`, server.links.host.token, {})
    expect(res.status).toBe(201)
    const url = res.body['url'] as string
    expect(new URL(url).pathname).toBe('/sign')
    const token = tokenOf(url)
    expect(token).not.toBe(signer.token)
    expect(await closed).toBeLessThan(5000)
    // The old page is told to use the new link, not that it was taken away.
    expect(await refusedWith(server.connect(signer.token))).toContain('replaced by a new one')
    expect(await reasonsFor(signer.token)).toEqual({ socket: 'token.reissued', me: 'token.reissued' })
    const fresh = server.connect(token)
    expect((await firstSync(fresh)).welcome.actor).toMatchObject({ role: 'signer', blocId: signer.blocId })
    expect((await call('GET', `${base()}/state`, token)).status).toBe(200)
    const file = JSON.parse(readFileSync(linksFile(server.dataDir), 'utf8')) as AccessLinks
    expect(file.signers.find((s) => s.blocId === signer.blocId)?.token).toBe(token)
    expect(statSync(linksFile(server.dataDir)).mode & 0o777).toBe(0o600)
    // The list still holds no secret, old or new.
    const text = JSON.stringify(await list())
    expect(text).not.toContain(token)
    expect(text).not.toContain(signer.token)
  })

  it('never leaves the conference without a host link, and asks before revoking the one in use', async () => {
    server = await startServer()
    const own = await linkOf((l) => l.role === 'host')
    const only = await call('POST', `${base()}/links/${own.id}/revoke`, server.links.host.token, { confirm: true })
    expect(only).toMatchObject({ status: 409, body: { ok: false, error: { code: 'conflict' } } })
    expect((await call('POST', `${base()}/links/${own.id}/expiry`, server.links.host.token, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() })).status).toBe(409)
    const second = await call('POST', `${base()}/links`, server.links.host.token, { role: 'host' })
    expect(second.status).toBe(201)
    const secondToken = tokenOf(second.body['url'] as string)
    const unconfirmed = await call('POST', `${base()}/links/${own.id}/revoke`, server.links.host.token, {})
    expect(unconfirmed.status).toBe(409)
    expect((unconfirmed.body['error'] as { message: string }).message).toContain('confirm')
    const host = server.connect(server.links.host.token)
    await firstSync(host)
    const closed = closedAfter(host)
    expect((await call('POST', `${base()}/links/${own.id}/revoke`, server.links.host.token, { confirm: true })).status).toBe(200)
    expect(await closed).toBeLessThan(5000)
    // The other host link is now the last one.
    const remaining = (await call('GET', `${base()}/links`, secondToken)).body as { links: LinkView[]; self: string }
    expect(remaining.links.filter((l) => l.role === 'host' && l.status === 'active').map((l) => l.id)).toEqual([remaining.self])
    expect((await call('POST', `${base()}/links/${remaining.self}/revoke`, secondToken, { confirm: true })).status).toBe(409)
  })

  it('closes and then refuses a link whose expiry passes', async () => {
    server = await startServer()
    const viewer = server.connect(server.links.viewer.token)
    await firstSync(viewer)
    const link = await linkOf((l) => l.role === 'viewer')
    const closed = closedAfter(viewer)
    const expiresAt = new Date(Date.now() + 1000).toISOString()
    expect((await call('POST', `${base()}/links/${link.id}/expiry`, server.links.host.token, { expiresAt })).status).toBe(200)
    // The sweep runs every 2 s: closed within 1 s of expiry plus one sweep.
    expect(await closed).toBeLessThan(5000)
    expect(await refusedWith(server.connect(server.links.viewer.token))).toContain('expired')
    expect(await reasonsFor(server.links.viewer.token)).toEqual({ socket: 'token.expired', me: 'token.expired' })
    expect(await reasonsFor('no-such-token')).toEqual({ socket: 'token.unknown', me: 'token.unknown' })
    expect((await linkOf((l) => l.id === link.id)).status).toBe('expired')
    expect((await call('POST', `${base()}/links/${link.id}/expiry`, server.links.host.token, { expiresAt: 'tomorrow' })).status).toBe(400)
  })

  it('counts wrong tokens on the links routes against the per-address guesses, one budget with the API and the sockets', async () => {
    server = await startServer()
    // Six wrong tokens here and four on the API spend the address's ten guesses a minute.
    for (let i = 0; i < 6; i++) expect((await call('GET', `${base()}/links`, `wrong-${i}`)).status).toBe(401)
    for (let i = 0; i < 4; i++) expect((await call('GET', `${server.url}/api/me`, `wrong-api-${i}`)).status).toBe(401)
    const blocked = await fetch(`${base()}/links`, { headers: { authorization: 'Bearer wrong-again' } })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await blocked.json()).toMatchObject({ ok: false, error: { code: 'rate_limited', reason: 'rate.limited' } })
    // Spent here, refused everywhere: the API, a revoke with a wrong token, and the socket handshake.
    expect((await call('GET', `${server.url}/api/me`, 'wrong-later')).status).toBe(429)
    expect((await call('POST', `${base()}/links/0123456789abcdef/revoke`, 'wrong-post', {})).status).toBe(429)
    expect(await refusedWith(server.connect('wrong-socket'))).toMatch(/too many refused access links/)
    // A live link is admitted whatever its address has spent: the host's own link keeps working.
    expect((await call('GET', `${base()}/links`, server.links.host.token)).status).toBe(200)
    expect(await firstSync(server.connect(server.links.host.token))).toMatchObject({ welcome: { actor: { role: 'host' } } })
  })

  it('answers the log head to the host', async () => {
    server = await startServer()
    const host = server.connect(server.links.host.token)
    await firstSync(host)
    expect((await send(host, 'conference.start', {})).ok).toBe(true)
    const res = await call('GET', `${base()}/head`, server.links.host.token)
    expect(res).toEqual({ status: 200, body: await server.store.head('test-conf') })
    expect((res.body['hash'] as string)).toMatch(/^[0-9a-f]{64}$/)
    expect((await call('GET', `${base()}/head`, server.links.viewer.token)).status).toBe(403)
  })
})

describe('health', () => {
  it('is 503 with a plain reason while appends fail, and 200 once they work again', async () => {
    server = await startServer()
    const host = server.connect(server.links.host.token)
    await firstSync(host)
    const raw = new Database(path.join(server.dataDir, SQLITE_FILE))
    try {
      raw.exec("CREATE TRIGGER full BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END")
      expect((await send(host, 'conference.start', {})).ok).toBe(false)
      const health = await call('GET', `${server.url}/api/health`)
      expect(health).toEqual({ status: 503, body: { ok: false, reason: 'the server cannot save commands right now' } })
      raw.exec('DROP TRIGGER full')
    } finally {
      raw.close()
    }
    expect((await send(host, 'conference.start', {})).ok).toBe(true)
    expect((await call('GET', `${server.url}/api/health`)).status).toBe(200)
  })
})
