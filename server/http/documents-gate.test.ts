/**
 * The documents behind the gate, against the real server: wrong tokens and forged links spend
 * the address's guesses like on every other route (a live token still opens), and rendering a
 * PDF spends a read of the link's budget (a signed link's: its address's).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type Running } from '../test/harness.js'

let server: Running | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const status = async (s: Running, path: string, token?: string) =>
  (await fetch(`${s.url}/api/conferences/test-conf${path}`, { method: path.endsWith('/links') ? 'POST' : 'GET', headers: token ? { authorization: `Bearer ${token}` } : {} })).status

describe('documents through the gate', () => {
  it('spends a guess per unknown token or forged link; past them, those wait and a live token still opens', async () => {
    server = await startServer({ app: { budgets: { guess: { points: 4, seconds: 60 } } } })
    const s = server
    expect(await status(s, '/report.pdf', `wrong-${'x'.repeat(30)}`)).toBe(401)
    expect(await status(s, '/pledges/blocA.pdf', `wrong-again-${'x'.repeat(30)}`)).toBe(401)
    expect(await status(s, `/report.pdf?exp=9999999999&sig=${'0'.repeat(64)}`)).toBe(403)
    expect(await status(s, '/report.pdf?exp=1&sig=zz')).toBe(403)
    expect(await status(s, `/report.pdf?exp=9999999999&sig=${'1'.repeat(64)}`)).toBe(429)
    expect(await status(s, '/report.pdf', `wrong-later-${'x'.repeat(30)}`)).toBe(429)
    expect(await status(s, '/documents/links', s.links.host.token)).toBe(200)
  })

  it('rendering a PDF spends a read of the link’s budget', async () => {
    server = await startServer({ app: { budgets: { read: { points: 2, seconds: 60 } } } })
    const s = server
    const host = s.links.host.token
    expect(await status(s, '/report.pdf', host)).toBe(200)
    expect(await status(s, '/pledges/blocA.pdf', host)).toBe(200)
    const third = await fetch(`${s.url}/api/conferences/test-conf/report.pdf`, { headers: { authorization: `Bearer ${host}` } })
    expect(third.status).toBe(429)
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another link keeps its own reads.
    expect(await status(s, '/pledges/blocA.pdf', s.links.sites[0]?.token)).toBe(200)
  })
})
