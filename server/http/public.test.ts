/**
 * The read tier against the real server: the public snapshot of a seq as immutable bytes, the
 * current seq cached a second, and a page that joins from them takes only what came after on its socket.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { stateFor } from '../../shared/audience.js'
import { TINY_AWARDS } from '../../shared/testing/tiny-conference.js'
import { firstSync, send, startServer, type Running } from '../test/harness.js'

let server: Running | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const base = (s: Running) => `${s.url}/api/conferences/test-conf/public`
const bearer = (token: string, more: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${token}`, ...more } })

/** A server whose viewer read `latest` (its seq), after which the host opened the conference (the log at `now`). */
async function startedAfterLatest() {
  const running = await startServer()
  server = running
  const { viewer, host } = running.links
  const { seq } = (await (await fetch(`${base(running)}/latest`, bearer(viewer.token))).json()) as { seq: number }
  const h = running.connect(host.token)
  await firstSync(h)
  expect(await send(h, 'conference.start', {})).toMatchObject({ ok: true })
  const { seq: now } = await running.app.service.state('test-conf')
  return { running, viewer, seq, now }
}

describe('the read tier', () => {
  it('names the current seq for a second and serves its public state as immutable deflated bytes', async () => {
    server = await startServer()
    const { viewer } = server.links
    const latest = await fetch(`${base(server)}/latest`, bearer(viewer.token))
    expect(latest.status).toBe(200)
    expect(latest.headers.get('cache-control')).toBe('public, max-age=1')
    const { seq, url } = (await latest.json()) as { seq: number; url: string }
    const current = await server.app.service.state('test-conf')
    expect(seq).toBe(current.seq)
    expect(url).toBe(`/api/conferences/test-conf/public/${seq}`)

    const res = await fetch(`${server.url}${url}`, bearer(viewer.token))
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('content-encoding')).toBe('deflate')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    expect(res.headers.get('x-conference-seq')).toBe(String(seq))
    const text = await res.text()
    expect(JSON.parse(text)).toEqual(stateFor(current.state, 'public'))
    // Sealed until announced, as on the socket.
    for (const a of TINY_AWARDS) expect(text).not.toContain(a.recipientName)

    const etag = res.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"\d+-[\w-]+-d"$/)
    const again = await fetch(`${server.url}${url}`, bearer(viewer.token, { 'if-none-match': etag }))
    expect(again.status).toBe(304)
    const plain = await fetch(`${server.url}${url}`, bearer(viewer.token, { 'accept-encoding': 'identity' }))
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(plain.headers.get('etag')).not.toBe(etag)
    expect(await plain.text()).toBe(text)
  })

  it('keeps a seq after the log moves on, refuses one it does not hold without letting it be cached, and checks the token', async () => {
    const { running, viewer, seq, now } = await startedAfterLatest()
    expect(now).toBeGreaterThan(seq)
    expect((await fetch(`${base(running)}/${seq}`, bearer(viewer.token))).status).toBe(200)
    expect(JSON.parse(await (await fetch(`${base(running)}/${now}`, bearer(viewer.token))).text())).toMatchObject({ status: 'live' })

    const ahead = await fetch(`${base(running)}/${now + 5}`, bearer(viewer.token))
    expect(ahead.status).toBe(404)
    expect(ahead.headers.get('cache-control')).toBe('no-store')
    expect(await ahead.json()).toMatchObject({ ok: false, error: { code: 'not_found' } })
    const bad = await fetch(`${base(running)}/abc`, bearer(viewer.token))
    expect(bad.status).toBe(400)
    expect((await fetch(`${base(running)}/${now}`)).status).toBe(401)
    expect((await fetch(`${running.url}/api/conferences/other/public/latest`, bearer(viewer.token))).status).toBe(403)
  })

  it('a page that joins from the read tier takes only the events after its seq on the socket', async () => {
    const { running, viewer, seq, now } = await startedAfterLatest()
    const v = running.connect(viewer.token, { lastSeq: seq, snapshotEncoding: 'deflate' })
    const got = await firstSync(v)
    expect(got.snapshot).toBeUndefined()
    expect(got.events?.map((e) => e.seq)).toEqual(Array.from({ length: now - seq }, (_, i) => seq + 1 + i))
  })
})
