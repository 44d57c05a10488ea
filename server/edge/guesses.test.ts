/**
 * Guessing costs only the guesser, against the real server and real socket.io clients: a live
 * link is admitted whatever its address has spent; revoked, reissued and expired links are told
 * their reason and never counted; only unknown tokens spend the address's guesses.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { hashToken } from '../access/tokens.js'
import { firstSync, startServer, type Running } from '../test/harness.js'

let server: Running | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const CONF = '/api/conferences/test-conf'
const me = async (s: Running, token: string) => {
  const r = await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })
  const body = (await r.json()) as { error?: { reason?: string } }
  return { status: r.status, reason: body.error?.reason }
}
/** The reason a handshake was refused with (its `data`), or 'admitted'. */
const handshake = async (s: Running, token: string) => {
  const c = s.connect(token)
  try {
    await firstSync(c)
    return 'admitted'
  } catch (e) {
    return (e as Error & { data?: { reason?: string } }).data?.reason ?? (e as Error).message
  } finally {
    c.disconnect()
  }
}
const linkId = async (s: Running, token: string) => {
  const link = await s.linkStore.findLink(hashToken(token))
  if (!link) throw new Error('no such link')
  return link.id
}

describe('token guesses', () => {
  it('revoked and expired links are told why, as often as they retry, and spend no guess', async () => {
    server = await startServer()
    const s = server
    const viewer = s.links.viewer.token
    const site = s.links.sites[0]?.token ?? ''
    await s.linkStore.revokeLink('test-conf', await linkId(s, viewer), new Date().toISOString())
    await s.linkStore.setLinkExpiry('test-conf', await linkId(s, site), new Date(Date.now() - 1000).toISOString())
    // A hall screen left open on a dead link retries for minutes: far more than the ten guesses.
    for (let i = 0; i < 15; i++) {
      expect(await me(s, viewer)).toEqual({ status: 401, reason: 'token.revoked' })
      expect(await me(s, site)).toEqual({ status: 401, reason: 'token.expired' })
    }
    expect(await handshake(s, viewer)).toBe('token.revoked')
    expect(await handshake(s, site)).toBe('token.expired')
    // The address has all ten guesses: ten unknown tokens are refused as unknown, the eleventh for rate.
    for (let i = 0; i < 10; i++) expect(await me(s, `unknown-${i}-${'x'.repeat(30)}`)).toEqual({ status: 401, reason: 'token.unknown' })
    expect(await me(s, `unknown-more-${'x'.repeat(30)}`)).toEqual({ status: 429, reason: 'rate.limited' })
    // Still told their reason, not refused for rate: they are known records.
    expect(await me(s, viewer)).toEqual({ status: 401, reason: 'token.revoked' })
    expect(await handshake(s, site)).toBe('token.expired')
  })

  it('a live link is admitted over HTTP and sockets from an address whose guesses are spent', async () => {
    server = await startServer()
    const s = server
    for (let i = 0; i < 10; i++) expect((await me(s, `guess-${i}-${'x'.repeat(30)}`)).status).toBe(401)
    expect(await handshake(s, `guess-socket-${'x'.repeat(30)}`)).toBe('rate.limited')
    expect((await me(s, `guess-again-${'x'.repeat(30)}`)).status).toBe(429)
    expect(await me(s, s.links.host.token)).toEqual({ status: 200, reason: undefined })
    expect((await fetch(`${s.url}${CONF}/state`, { headers: { authorization: `Bearer ${s.links.viewer.token}` } })).status).toBe(200)
    expect(await handshake(s, s.links.host.token)).toBe('admitted')
    expect(await handshake(s, s.links.viewer.token)).toBe('admitted')
  })

  it('a reissued link is told to use the new one and spends no guess', async () => {
    server = await startServer()
    const s = server
    const old = s.links.sites[1]?.token ?? ''
    const fresh = await fetch(`${s.url}${CONF}/links/${await linkId(s, old)}/reissue`, { method: 'POST', headers: { authorization: `Bearer ${s.links.host.token}`, 'content-type': 'application/json' }, body: '{}' })
    expect(fresh.status).toBe(201)
    for (let i = 0; i < 12; i++) expect(await me(s, old)).toEqual({ status: 401, reason: 'token.reissued' })
    expect(await me(s, `unknown-${'x'.repeat(30)}`)).toEqual({ status: 401, reason: 'token.unknown' })
  })
})
