/**
 * Presence: the figures (unit, on the tracker) and how fast the host's board follows a site
 * that connects, drops and returns (integration: the real server, real socket.io clients, and a
 * TCP relay that can go silent the way a pulled cable does, with no FIN to announce it).
 */
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { io as connectIo } from 'socket.io-client'
import type { Actor } from '../../shared/domain.js'
import type { Presence } from '../../shared/protocol.js'
import { firstSync, startServer, until, type Client, type Running } from '../test/harness.js'
import { PresenceTracker } from './presence.js'
import { defined } from '../../shared/testing/defined.js'

const C = 'c1'
const host: Actor = { conferenceId: C, role: 'host' }
const signer: Actor = { conferenceId: C, role: 'signer', blocId: 'b1' }
const viewer: Actor = { conferenceId: C, role: 'viewer' }
const site = (siteId: string): Actor => ({ conferenceId: C, role: 'site', siteId })

describe('PresenceTracker figures', () => {
  it('counts people watching apart from the organisers’ devices', () => {
    const p = new PresenceTracker(() => undefined, 10_000)
    p.setSites(C, ['hub', 'd1', 'd2'])
    for (const a of [host, host, signer, viewer, viewer, viewer, site('d1'), site('d1'), site('hub')]) p.join(a)
    const now = p.current(C)
    expect(now).toMatchObject({ viewers: 3, watching: 6, organisers: 3, online: 9 })
    expect(now.sites['d1']).toMatchObject({ online: true, connections: 2 })
    expect(now.sites['d2']).toBeUndefined()
    p.leave(host)
    p.leave(viewer)
    expect(p.current(C)).toMatchObject({ viewers: 2, watching: 5, organisers: 2, online: 7 })
    p.stop()
  })

  it('keeps per site the round trip, clock offset and last sign of life on the server clock', () => {
    let t = Date.UTC(2025, 0, 10, 1, 0, 0)
    const p = new PresenceTracker(() => undefined, 10_000, () => t)
    p.setSites(C, ['d1'])
    p.join(site('d1'))
    t += 15_000
    p.clock(site('d1'), { rttMs: 41.6, offsetMs: -1234.4 })
    expect(p.current(C).sites['d1']).toEqual({ online: true, connections: 1, rttMs: 42, clockOffsetMs: -1234, lastSeenAt: new Date(t).toISOString() })
    // Nonsense is ignored, not stored.
    p.clock(site('d1'), { rttMs: -5, offsetMs: 'x' })
    expect(p.current(C).sites['d1']).toMatchObject({ rttMs: 42, clockOffsetMs: -1234 })
    t += 2_000
    p.leave(site('d1'))
    // Offline: no round trip or offset to show as if live; when it was last seen stays.
    expect(p.current(C).sites['d1']).toEqual({ online: false, connections: 0, lastSeenAt: new Date(t).toISOString() })
    p.stop()
  })

  it('broadcasts a change once per interval, and not for a round trip that barely moved', async () => {
    const sent: Presence[] = []
    const p = new PresenceTracker((_, x) => sent.push(x), 20)
    p.join(site('d1'))
    p.clock(site('d1'), { rttMs: 40 })
    await new Promise((r) => setTimeout(r, 60))
    expect(sent).toHaveLength(1)
    p.clock(site('d1'), { rttMs: 42 })
    await new Promise((r) => setTimeout(r, 60))
    expect(sent).toHaveLength(1)
    p.clock(site('d1'), { rttMs: 90 })
    await new Promise((r) => setTimeout(r, 60))
    expect(sent).toHaveLength(2)
    expect(defined(defined(sent[1]).sites['d1']).rttMs).toBe(90)
    p.stop()
  })
})

/** A TCP relay to the server that can go silent: it stops passing bytes without closing anything. */
async function relay(target: string): Promise<{ port: number; silence(): void; close(): void }> {
  const { hostname, port } = new URL(target)
  const pairs: [net.Socket, net.Socket][] = []
  let silent = false
  const server = net.createServer((a) => {
    const b = net.connect(Number(port), hostname)
    pairs.push([a, b])
    a.on('data', (d) => { if (!silent) b.write(d) })
    b.on('data', (d) => { if (!silent) a.write(d) })
    a.on('error', () => b.destroy())
    b.on('error', () => a.destroy())
    a.on('close', () => b.destroy())
    b.on('close', () => a.destroy())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as net.AddressInfo).port,
    silence: () => { silent = true },
    close: () => { for (const [a, b] of pairs) { a.destroy(); b.destroy() } server.close() },
  }
}

/** How long the host waits for presence to show a drop: 4.5 s of heartbeat, 0.25 s of coalescing, and room for a loaded machine. */
const OFFLINE_BOUND_MS = 8000

describe('presence on the host’s board (real server, real clients)', () => {
  let server: Running | undefined
  const extra: { close(): void }[] = []
  afterEach(async () => {
    extra.splice(0).forEach((x) => x.close())
    await server?.stop()
    server = undefined
  })

  function watch(hostClient: Client) {
    const seen: { p?: Presence; at: number }[] = []
    hostClient.on('presence', (p) => seen.push({ p, at: Date.now() }))
    return {
      latest: () => seen.at(-1)?.p,
      /** When presence first showed `siteId` as `online` after `since`. */
      when: async (siteId: string, online: boolean, since: number) => {
        await until(() => seen.some((s) => s.at >= since && s.p?.sites[siteId]?.online === online), OFFLINE_BOUND_MS + 2000)
        return defined(seen.find((s) => s.at >= since && s.p?.sites[siteId]?.online === online)).at - since
      },
    }
  }

  it('a site that closes its page is offline at once and its return is seen', async () => {
    server = await startServer()
    const h = server.connect(server.links.host.token)
    await firstSync(h)
    const board = watch(h)
    const token = defined(server.links.sites.find((s) => s.siteId === 'd1')).token
    const s1 = server.connect(token)
    await firstSync(s1)
    await board.when('d1', true, 0)
    await s1.timeout(5000).emitWithAck('clock', { t0: Date.now(), rttMs: 35, offsetMs: 812 })
    await until(() => board.latest()?.sites['d1']?.clockOffsetMs === 812)
    expect(defined(board.latest()).sites['d1']).toMatchObject({ online: true, rttMs: 35, clockOffsetMs: 812 })

    const closedAt = Date.now()
    s1.disconnect()
    const offlineMs = await board.when('d1', false, closedAt)
    expect(offlineMs).toBeLessThan(OFFLINE_BOUND_MS)
    const off = defined(defined(board.latest()).sites['d1'])
    expect(off.rttMs).toBeUndefined()
    expect(Date.parse(defined(off.lastSeenAt))).toBeGreaterThanOrEqual(closedAt - 1000)

    const back = Date.now()
    await firstSync(server.connect(token))
    expect(await board.when('d1', true, back)).toBeLessThan(OFFLINE_BOUND_MS)
    expect(board.latest()).toMatchObject({ watching: 1, organisers: 1 })
  })

  it('a site whose network goes silent (no close) shows offline within the heartbeat, and the host itself notices a silent server', async () => {
    server = await startServer()
    const h = server.connect(server.links.host.token)
    await firstSync(h)
    const board = watch(h)
    const r = await relay(server.url)
    extra.push(r)
    const token = defined(server.links.sites.find((s) => s.siteId === 'd2')).token
    const s2 = connectIo(`http://127.0.0.1:${r.port}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true })
    server.clients.push(s2)
    await firstSync(s2)
    await board.when('d2', true, 0)

    const droppedAt = Date.now()
    let clientSawDrop: number | undefined
    s2.on('disconnect', () => (clientSawDrop = Date.now() - droppedAt))
    r.silence()
    const offlineMs = await board.when('d2', false, droppedAt)
    console.log(`offline detection: the host's board showed a silent site offline after ${offlineMs} ms`)
    expect(offlineMs).toBeGreaterThan(1000) // it really was the heartbeat, not a close
    expect(offlineMs).toBeLessThan(OFFLINE_BOUND_MS)
    // The page behind the silent link learns it too, by the same heartbeat: it can say "offline".
    await until(() => clientSawDrop !== undefined, OFFLINE_BOUND_MS)
    console.log(`offline detection: the page behind the silent link noticed after ${clientSawDrop} ms`)
    expect(clientSawDrop).toBeLessThan(OFFLINE_BOUND_MS)
  }, 30_000)
})
