import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running
afterEach(async () => server?.stop())

const call = async (method: string, url: string, token?: string, body?: string) => {
  const res = await fetch(url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('HTTP mirror', () => {
  it('answers health without a token', async () => {
    server = await startServer()
    expect(await call('GET', `${server.url}/api/health`)).toEqual({ status: 200, body: { ok: true } })
  })

  it('serves the state to any role of the conference, the event log to the host only, and refuses others', async () => {
    server = await startServer()
    const base = `${server.url}/api/conferences/test-conf`
    const state = await call('GET', `${base}/state`, server.links.viewer.token)
    expect(state.status).toBe(200)
    expect(state.body['seq']).toBe(2)
    expect((state.body['state'] as { title: string }).title).toBe('Hội nghị tổng kết')
    const events = await call('GET', `${base}/events?since=1`, server.links.host.token)
    expect((events.body['events'] as { seq: number }[]).map((e) => e.seq)).toEqual([2])
    expect(await call('GET', `${base}/events?since=1`, defined(server.links.sites[0]).token)).toMatchObject({ status: 403, body: { ok: false, error: { code: 'forbidden' } } })
    expect((await call('GET', `${base}/events?since=abc`, server.links.host.token)).body).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect((await call('GET', `${base}/state`)).status).toBe(401)
    expect((await call('GET', `${base}/state`, 'forged-token')).status).toBe(401)
    expect((await call('GET', `${server.url}/api/conferences/other/state`, server.links.host.token)).status).toBe(403)
  })

  it('takes commands with the socket envelope and answers the same way', async () => {
    server = await startServer()
    const url = `${server.url}/api/conferences/test-conf/commands`
    const id = crypto.randomUUID()
    const ok = await call('POST', url, server.links.host.token, JSON.stringify({ id, type: 'conference.start', data: {} }))
    expect(ok).toEqual({ status: 200, body: { ok: true, seq: 4 } })
    expect((await call('POST', url, server.links.host.token, JSON.stringify({ id, type: 'conference.start', data: {} }))).body).toEqual({ ok: true, seq: 4, duplicate: true })
    const again = await call('POST', url, server.links.host.token, JSON.stringify({ id: crypto.randomUUID(), type: 'conference.start', data: {} }))
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const forbidden = await call('POST', url, server.links.viewer.token, JSON.stringify({ id: crypto.randomUUID(), type: 'conference.end', data: {} }))
    expect(forbidden.status).toBe(403)
    const notJson = await call('POST', url, server.links.host.token, '{"id":')
    expect(notJson).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid' } } })
    expect((await server.app.service.state('test-conf')).seq).toBe(4)
  })

  it('verifies the hash chain of the log', async () => {
    server = await startServer()
    const v = await call('GET', `${server.url}/api/conferences/test-conf/verify`, server.links.host.token)
    expect(v.body).toEqual({ ok: true, events: 2 })
  })
})
