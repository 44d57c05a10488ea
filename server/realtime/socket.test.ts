import { afterEach, describe, expect, it } from 'vitest'
import { TINY_AWARDS } from '../../shared/testing/tiny-conference.js'
import type { ConferenceEvent } from '../../shared/events.js'
import type { Presence } from '../../shared/protocol.js'
import { firstSync, recordEvents, send, startServer, until, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running
afterEach(async () => server?.stop())

describe('socket protocol against the real server', () => {
  it('gives every role a welcome naming it and a snapshot; sites, viewers and signers share one sealed state', async () => {
    server = await startServer()
    const { host, viewer, sites, signers } = server.links
    const tokens = [host.token, viewer.token, defined(sites[1]).token, defined(signers[0]).token]
    const got = await Promise.all(tokens.map((t) => firstSync(server.connect(t))))
    expect(got.map((g) => g.welcome.actor.role)).toEqual(['host', 'viewer', 'site', 'signer'])
    expect(defined(got[2]).welcome.actor.siteId).toBe('d1')
    expect(defined(got[3]).welcome.actor.blocId).toBe('blocA')
    for (const g of got) {
      expect(g.snapshot?.seq).toBe(2)
      expect(g.snapshot?.state.awards).toHaveLength(4)
      expect(g.snapshot?.state.sites).toEqual(defined(got[0]).snapshot?.state.sites)
    }
    expect(defined(got[0]).snapshot?.state.awards.map((a) => a.recipientName)).toEqual(TINY_AWARDS.map((a) => a.recipientName))
    for (const g of got.slice(1)) {
      expect(g.snapshot?.state).toEqual(defined(got[1]).snapshot?.state)
      expect(g.snapshot?.state.awards.every((a) => a.sealed && a.recipientName === '')).toBe(true)
    }
  })

  it('refuses a handshake without a token or with an unknown one, saying why', async () => {
    server = await startServer()
    const errorOf = (token: string) =>
      new Promise<string>((resolve) => server.connect(token).once('connect_error', (e) => resolve(e.message)))
    expect(await errorOf('')).toMatch(/missing token/)
    expect(await errorOf('not-a-real-token-at-all')).toBe('unknown or revoked token')
  })

  it('delivers host commands to 50 clients, all in the same order', async () => {
    server = await startServer()
    const clients = Array.from({ length: 50 }, (_, i) => server.connect(i % 2 ? server.links.viewer.token : defined(server.links.sites[i % 3]).token))
    await Promise.all(clients.map(firstSync))
    const logs = clients.map(recordEvents)
    const host = server.connect(server.links.host.token)
    await firstSync(host)
    const acks = []
    acks.push(await send(host, 'conference.start', {}))
    for (const id of ['a1', 'a2', 'a3']) acks.push(await send(host, 'award.announce', { awardIds: [id], revealInMs: 0 }))
    acks.push(await send(host, 'agenda.next', {}))
    expect(acks.every((a) => a.ok)).toBe(true)
    const last = defined(acks.at(-1))
    await until(() => logs.every((l) => l.at(-1)?.seq === (last.ok ? last.seq : -1)))
    const order = (l: ConferenceEvent[]) => l.map((e) => `${e.seq}:${e.type}`).join(',')
    expect(order(defined(logs[0]))).toBe('3:conference.started,4:agenda.itemStarted,5:award.announced,6:award.announced,7:award.announced,8:agenda.itemStarted')
    for (const l of logs) expect(order(l)).toBe(order(defined(logs[0])))
  })

  it('appends a retried command id once and answers the retry with the first seq', async () => {
    server = await startServer()
    const site = server.connect(defined(server.links.sites[1]).token)
    await firstSync(site)
    const id = crypto.randomUUID()
    const first = await send(site, 'site.checkIn', { attendees: 120 }, id)
    const retry = await send(site, 'site.checkIn', { attendees: 999 }, id)
    expect(first).toEqual({ ok: true, seq: 3 })
    expect(retry).toEqual({ ok: true, seq: 3, duplicate: true })
    const room = await server.app.service.state('test-conf')
    expect(room.seq).toBe(3)
    expect(room.state.sites.find((s) => s.id === 'd1')?.checkIn?.attendees).toBe(120)
  })

  it('answers each malformed payload with invalid, naming the field, and changes nothing', async () => {
    server = await startServer()
    const host = server.connect(server.links.host.token)
    await firstSync(host)
    const before = structuredClone((await server.app.service.state('test-conf')).state)
    const bad: [unknown, RegExp][] = [
      [null, /payload|expected object/i],
      ['conference.start', /expected object/i],
      [{ id: crypto.randomUUID(), type: 'conference.explode', data: {} }, /^type/],
      [{ id: 'short', type: 'conference.start', data: {} }, /^id/],
      [{ id: crypto.randomUUID(), type: 'conference.start' }, /^data/],
      [{ id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: [] } }, /data\.awardIds/],
      [{ id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: ['a1'], revealInMs: -5 } }, /data\.revealInMs/],
      [{ id: crypto.randomUUID(), type: 'agenda.goto', data: { itemId: 'x y' } }, /data\.itemId/],
      [{ id: crypto.randomUUID(), type: 'conference.start', data: { extra: 1 } }, /data/],
      [{ id: crypto.randomUUID(), type: 'award.retract', data: { awardId: 'a1', reason: '' } }, /data\.reason/],
    ]
    for (const [payload, field] of bad) {
      const ack = await host.timeout(5000).emitWithAck('command', payload as never)
      expect(ack.ok).toBe(false)
      if (!ack.ok) {
        expect(ack.error.code).toBe('invalid')
        expect(ack.error.message).toMatch(field)
      }
    }
    const after = await server.app.service.state('test-conf')
    expect(after.seq).toBe(2)
    expect(after.state).toEqual(before)
  })

  it('refuses host commands from a site and a viewer with forbidden', async () => {
    server = await startServer()
    const site = server.connect(defined(server.links.sites[1]).token)
    const viewer = server.connect(server.links.viewer.token)
    const signer = server.connect(defined(server.links.signers[0]).token)
    await Promise.all([site, viewer, signer].map(firstSync))
    for (const c of [site, viewer]) {
      const ack = await send(c, 'conference.start', {})
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    const other = await send(signer, 'pledge.sign', { blocId: 'blocB', contentHash: 'a'.repeat(64), strokes: [[[0.1, 0.1, 0]]] })
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect((await server.app.service.state('test-conf')).seq).toBe(2)
  })

  it('sends a returning client exactly the events it missed', async () => {
    server = await startServer()
    const host = server.connect(server.links.host.token)
    await firstSync(host)
    await send(host, 'conference.start', {})
    const site = server.connect(defined(server.links.sites[2]).token)
    const { snapshot } = await firstSync(site)
    const lastSeq = defined(snapshot).seq
    site.disconnect()
    await send(host, 'award.announce', { awardIds: ['a4'] })
    await send(host, 'agenda.next', {})
    const back = await firstSync(server.connect(defined(server.links.sites[2]).token, { lastSeq }))
    expect(back.snapshot).toBeUndefined()
    expect(defined(back.events).map((e) => e.seq)).toEqual([lastSeq + 1, lastSeq + 2])
    expect(defined(back.events).map((e) => e.type)).toEqual(['award.announced', 'agenda.itemStarted'])
  })

  it('answers sync with the events after since, and clock with the server time', async () => {
    server = await startServer()
    const host = server.connect(server.links.host.token)
    await firstSync(host)
    await send(host, 'conference.start', {})
    const answer = await host.timeout(5000).emitWithAck('sync', { since: 1 })
    expect(answer.ok && 'events' in answer && answer.events.map((e: { seq: number }) => e.seq)).toEqual([2, 3, 4])
    const badSync = await host.timeout(5000).emitWithAck('sync', { since: -1 })
    expect(badSync).toMatchObject({ ok: false, error: { code: 'invalid' } })
    const t0 = Date.now()
    const clock = await host.timeout(5000).emitWithAck('clock', { t0 })
    expect(clock.t0).toBe(t0)
    expect(Math.abs(clock.serverTime - Date.now())).toBeLessThan(1000)
  })

  it('broadcasts presence: which sites are online and how many are watching', async () => {
    server = await startServer()
    const host = server.connect(server.links.host.token)
    await firstSync(host)
    const latest: { p?: Presence } = {}
    host.on('presence', (p) => (latest.p = p))
    const site = server.connect(defined(server.links.sites[1]).token)
    await firstSync(site)
    await Promise.all([1, 2, 3].map(() => firstSync(server.connect(server.links.viewer.token))))
    await until(() => latest.p?.viewers === 3 && latest.p.sites['d1']?.online === true)
    expect(defined(latest.p).sites['d2']).toBeUndefined()
    expect(defined(latest.p).online).toBe(5)
    await site.timeout(5000).emitWithAck('clock', { t0: Date.now(), rttMs: 42 })
    await until(() => latest.p?.sites['d1']?.rttMs === 42)
    site.disconnect()
    await until(() => latest.p?.sites['d1']?.online === false)
  })

  it('refuses a flood of commands with rate_limited and keeps serving', async () => {
    server = await startServer()
    const site = server.connect(defined(server.links.sites[1]).token)
    await firstSync(site)
    const acks = await Promise.all(Array.from({ length: 80 }, (_, i) => send(site, 'site.checkIn', { attendees: i })))
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate_limited').length
    expect(limited).toBeGreaterThan(0)
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(40)
    expect((await server.app.service.state('test-conf')).seq).toBe(2 + acks.filter((a) => a.ok).length)
  })
})
