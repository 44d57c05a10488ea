/**
 * Large batches packed: the demo's every award announced in one command reaches a viewer that
 * asked for `eventsEncoding: 'deflate'` as tens of KB, not the 860 KB of its JSON, and folds to
 * the same state as a viewer that takes it plain. Real server, real demo volume, real socket.io clients.
 */
import { inflateSync } from 'node:zlib'
import { io as connect } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { stateFor } from '../../shared/audience.js'
import type { ConferenceState } from '../../shared/domain.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import type { EventsMessage, HandshakeAuth } from '../../shared/protocol.js'
import { defined } from '../../shared/testing/defined.js'
import { demoEvents, DEMO_CONFERENCE_ID } from '../seed/demo.js'
import { firstSync, send, startServer, unpack, until, type Client, type Running } from '../test/harness.js'

let server: Running | undefined
/**
 * The clients share this process with the server: folding 3,000 events in them pauses the
 * server's heartbeat too, and on a loaded machine that pause outlasts the 3 s ping timeout. The
 * subject here is the batch's bytes and state, not the heartbeat (server/realtime/presence.test.ts).
 */
const app = { pingTimeoutMs: 30_000 }
afterEach(async () => {
  await server?.stop()
  server = undefined
})

/** A page's view of the log: its snapshot, then every batch folded in seq order, and the bytes its socket read. */
function page(running: Running, auth: HandshakeAuth) {
  const c: Client = connect(running.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true })
  running.clients.push(c)
  const seen = { state: null as ConferenceState | null, seq: 0, bytes: 0, packed: 0, plain: 0 }
  c.io.on('open', () => {
    c.io.engine.on('packet', (p) => {
      const d: unknown = p.data
      seen.bytes += typeof d === 'string' ? Buffer.byteLength(d) : d instanceof ArrayBuffer || ArrayBuffer.isView(d) ? d.byteLength : 0
    })
  })
  c.on('snapshot', (s) => {
    const snap = unpack(s)
    seen.state = snap.state
    seen.seq = snap.seq
  })
  c.on('events', (m: EventsMessage) => {
    const events: ConferenceEvent[] = 'packed' in m ? JSON.parse(inflateSync(m.packed).toString('utf8')) : m.events
    if ('packed' in m) seen.packed++
    else seen.plain++
    for (const e of events) {
      if (e.seq !== seen.seq + 1 || !seen.state) continue
      seen.state = evolve(seen.state, e)
      seen.seq = e.seq
    }
  })
  return { c, seen }
}

describe('large event batches', () => {
  it('reach a viewer that asked deflated, once per batch, and fold to the same state as the plain ones', { timeout: 60_000 }, async () => {
    server = await startServer({ events: demoEvents(), app })
    const { host, viewer } = server.links
    const h = server.connect(host.token)
    await firstSync(h)
    expect(await send(h, 'conference.start', {})).toMatchObject({ ok: true })
    const { state } = await server.app.service.state(DEMO_CONFERENCE_ID)
    const awardIds = state.awards.map((a) => a.id)
    expect(awardIds.length).toBeGreaterThan(2900)

    const packed = page(server, { token: viewer.token, snapshotEncoding: 'deflate', eventsEncoding: 'deflate' })
    const plain = page(server, { token: viewer.token, snapshotEncoding: 'deflate' })
    const seq0 = (await server.app.service.state(DEMO_CONFERENCE_ID)).seq
    await until(() => packed.seen.seq === seq0 && plain.seen.seq === seq0, 10_000)
    const before = { packed: packed.seen.bytes, plain: plain.seen.bytes }

    const ack = await send(h, 'award.announce', { awardIds, revealInMs: 0 })
    expect(ack).toMatchObject({ ok: true })
    const seq = (await server.app.service.state(DEMO_CONFERENCE_ID)).seq
    await until(() => packed.seen.seq === seq && plain.seen.seq === seq, 20_000)

    const packedBytes = packed.seen.bytes - before.packed
    const plainBytes = plain.seen.bytes - before.plain
    // The plain batch is the JSON of every award's display data; packed, tens of KB.
    expect(plainBytes).toBeGreaterThan(500_000)
    expect(packedBytes).toBeLessThan(100_000)
    expect(packed.seen.packed).toBe(1)
    expect(plain.seen.packed).toBe(0)
    // Both fold to what the server holds for the public, to the last award.
    const expected = stateFor((await server.app.service.state(DEMO_CONFERENCE_ID)).state, 'public')
    expect(packed.seen.state).toEqual(expected)
    expect(plain.seen.state).toEqual(expected)
    expect(defined(packed.seen.state).awards.filter((a) => a.announcedAt).length).toBe(awardIds.length)
  })

  it('go plain when small, even to a page that asked, and a page that reconnects behind a large batch gets it packed', { timeout: 60_000 }, async () => {
    server = await startServer({ events: demoEvents(), app })
    const { host, viewer } = server.links
    const h = server.connect(host.token)
    await firstSync(h)
    const seq0 = (await server.app.service.state(DEMO_CONFERENCE_ID)).seq
    const packed = page(server, { token: viewer.token, snapshotEncoding: 'deflate', eventsEncoding: 'deflate' })
    await until(() => packed.seen.seq === seq0, 10_000)
    expect(await send(h, 'conference.start', {})).toMatchObject({ ok: true })
    await until(() => packed.seen.seq > seq0)
    expect(packed.seen.packed).toBe(0)

    const { state, seq: seq1 } = await server.app.service.state(DEMO_CONFERENCE_ID)
    expect(await send(h, 'award.announce', { awardIds: state.awards.map((a) => a.id), revealInMs: 0 })).toMatchObject({ ok: true })
    const seq = (await server.app.service.state(DEMO_CONFERENCE_ID)).seq
    // A page that was at seq1 when the batch went out: its catch-up is the batch, deflated.
    const late = page(server, { token: viewer.token, eventsEncoding: 'deflate', lastSeq: seq1 })
    late.seen.seq = seq1
    late.seen.state = stateFor(state, 'public')
    await until(() => late.seen.seq === seq && packed.seen.seq === seq, 20_000)
    expect(late.seen.packed).toBe(1)
    expect(late.seen.bytes).toBeLessThan(100_000)
    expect(late.seen.state).toEqual(packed.seen.state)
  })
})
