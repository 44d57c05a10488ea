/**
 * The public joins at hall speed, with real socket.io clients from one address: 500 phones on
 * the viewer link all join within 5 s under the default budgets; open sockets are capped per
 * address and per link, and a socket beyond a cap is refused with `rate_limited` and a wait.
 */
import { io } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { firstSync, startServer, type Client, type Running } from '../test/harness.js'

let server: Running | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

type Refused = { code?: string; reason?: string; retryAfterMs?: number }
const refusal = (c: Client) => firstSync(c).then(() => null, (e: Error & { data?: Refused }) => e.data ?? { code: e.message })

describe('a hall on one address', () => {
  it('admits 500 phones on the viewer link from one address at once, none refused, in under 5 s of CPU, on the default budgets', async () => {
    server = await startServer()
    const s = server
    // One phone first, as the hall's own screen would be: the snapshot is encoded and the code warm.
    await firstSync(s.connect(s.links.viewer.token))
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    const phones = Array.from({ length: 500 }, () => s.connect(s.links.viewer.token))
    const joined = await Promise.all(phones.map((c) => firstSync(c).then((f) => f.welcome.actor.role)))
    const ms = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    const cpuMs = (cpu.user + cpu.system) / 1000
    // The server and the 500 clients share this process: what joining costs is its CPU time, which
    // a loaded test machine does not stretch as it stretches the wall clock.
    process.stderr.write(`500 phones joined in ${Math.round(ms)} ms wall, ${Math.round(cpuMs)} ms CPU\n`)
    expect(joined.filter((r) => r === 'viewer')).toHaveLength(500)
    expect(cpuMs).toBeLessThan(5000)
  }, 180_000)

  it('caps open sockets per viewer link@address and per address, refusing beyond with rate_limited, and frees a place when one closes', async () => {
    server = await startServer({ app: { socketCaps: { viewer: 3, address: 6, site: 2 } } })
    const s = server
    const viewers = [0, 1, 2].map(() => s.connect(s.links.viewer.token))
    await Promise.all(viewers.map(firstSync))
    const fourth = await refusal(s.connect(s.links.viewer.token))
    expect(fourth).toMatchObject({ code: 'rate_limited', reason: 'rate.limited' })
    expect(fourth?.retryAfterMs).toBeGreaterThan(0)
    // A browser's handshake carries the token in its query: counted the same way.
    const query = io(s.url, { query: { token: s.links.viewer.token }, transports: ['websocket'], reconnection: false, forceNew: true })
    s.clients.push(query)
    expect(await refusal(query)).toMatchObject({ code: 'rate_limited' })
    // A site link has its own cap: two open, the third refused.
    const site = s.links.sites[0]?.token ?? ''
    await Promise.all([s.connect(site), s.connect(site)].map(firstSync))
    expect(await refusal(s.connect(site))).toMatchObject({ code: 'rate_limited' })
    // Five open from the address: the host's sixth fits, a seventh socket of any link does not.
    await firstSync(s.connect(s.links.host.token))
    expect(await refusal(s.connect(s.links.host.token))).toMatchObject({ code: 'rate_limited', reason: 'rate.limited' })
    // A phone leaves: its place is free again.
    viewers[0]?.disconnect()
    await expect.poll(() => refusal(s.connect(s.links.viewer.token)), { timeout: 5000 }).toBeNull()
  })
})
