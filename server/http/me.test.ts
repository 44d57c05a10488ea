import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running
afterEach(async () => server?.stop())

const me = async (token?: string) => {
  const res = await fetch(`${server.url}/api/me`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('GET /api/me', () => {
  it('names the role and subject of each access link, and nothing of others', async () => {
    server = await startServer()
    const { links } = server
    expect(await me(links.host.token)).toEqual({ status: 200, body: { ok: true, actor: { conferenceId: 'test-conf', role: 'host' } } })
    expect((await me(links.viewer.token)).body).toEqual({ ok: true, actor: { conferenceId: 'test-conf', role: 'viewer' } })
    const site = defined(links.sites[0])
    expect((await me(site.token)).body).toEqual({ ok: true, actor: { conferenceId: 'test-conf', role: 'site', siteId: site.siteId } })
    const signer = defined(links.signers[0])
    expect((await me(signer.token)).body).toEqual({ ok: true, actor: { conferenceId: 'test-conf', role: 'signer', blocId: signer.blocId } })
    expect(await me()).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthorized' } } })
    expect((await me('forged-token')).status).toBe(401)
  })
})
