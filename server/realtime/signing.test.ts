/**
 * The signing ceremony against the real server: simultaneous attempts, void and re-sign, and
 * live ink relayed to every screen but never stored.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { InkBatch } from '../../shared/protocol.js'
import { PLEDGE_A, sha256 } from '../../shared/testing/tiny-conference.js'
import { firstSync, send, startServer, until, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const loop = (cx: number): [number, number, number][][] => [Array.from({ length: 40 }, (_, i) => [cx + 0.1 * Math.cos(i / 5) + i * 0.004, 0.5 + 0.1 * Math.sin(i / 3), i * 16])]

async function openSigning(s: Running) {
  const h = s.connect(s.links.host.token)
  await firstSync(h)
  expect(await send(h, 'conference.start', {})).toMatchObject({ ok: true })
  expect(await send(h, 'pledge.openSigning', {})).toMatchObject({ ok: true })
  return h
}

describe('signing against the real server', () => {
  it('20 simultaneous attempts for one bloc give exactly one signature', async () => {
    // Twenty pads on one signer link: more than its cap of open sockets allows a real bloc head.
    server = await startServer({ app: { socketCaps: { signer: 20 } } })
    await openSigning(server)
    const pads = Array.from({ length: 20 }, () => defined(server).connect(defined(defined(server).links.signers[0]).token))
    await Promise.all(pads.map(firstSync))
    const acks = await Promise.all(pads.map((p, i) => send(p, 'pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: loop(0.2 + i * 0.01) })))
    expect(acks.filter((a) => a.ok)).toHaveLength(1)
    expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'conflict')).toBe(true)
    const events = await server.store.read('test-conf', 0)
    expect(events.filter((e) => e.type === 'pledge.signed')).toHaveLength(1)
  })

  it('a voided signature stays in the history and the bloc signs again', async () => {
    server = await startServer()
    const h = await openSigning(server)
    const pad = server.connect(defined(server.links.signers[0]).token)
    await firstSync(pad)
    expect(await send(pad, 'pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: loop(0.3) })).toMatchObject({ ok: true })
    expect(await send(pad, 'pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: loop(0.4) })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await send(h, 'pledge.void', { blocId: 'blocA', reason: 'Ký nhầm người' })).toMatchObject({ ok: true })
    expect(await send(pad, 'pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: loop(0.4) })).toMatchObject({ ok: true })
    const state = (await (await fetch(`${server.url}/api/conferences/test-conf/state`, { headers: { authorization: `Bearer ${server.links.viewer.token}` } })).json()) as { state: { blocs: { signature?: unknown; voided?: { reason: string }[] }[] } }
    expect(defined(state.state.blocs[0]).signature).toBeDefined()
    expect(defined(state.state.blocs[0]).voided?.map((v) => v.reason)).toEqual(['Ký nhầm người'])
  })

  it('live ink reaches every screen but the pad, is never stored, and only while the bloc may sign', async () => {
    server = await startServer()
    const h = server.connect(server.links.host.token)
    await firstSync(h)
    await send(h, 'conference.start', {})
    const site = server.connect(defined(server.links.sites[1]).token)
    const viewer = server.connect(server.links.viewer.token)
    const pad = server.connect(defined(server.links.signers[0]).token)
    const other = server.connect(defined(server.links.signers[1]).token)
    await Promise.all([site, viewer, pad, other].map(firstSync))
    const seen: InkBatch[][] = [[], [], [], []]
    ;[h, site, viewer, pad].forEach((c, i) => c.on('ink', (b) => defined(seen[i]).push(b)))
    const batch: InkBatch = { blocId: 'blocA', stroke: 0, points: [[0.1, 0.2, 0], [0.15, 0.22, 16]] }
    pad.emit('ink', batch) // signing not open yet: dropped
    await send(h, 'pledge.openSigning', {})
    const seqBefore = (await server.store.head('test-conf')).seq
    pad.emit('ink', batch)
    other.emit('ink', batch) // another bloc's pad may not draw for blocA: dropped
    pad.emit('ink', { ...batch, points: [[2, 0, 0]] }) // outside the pad: dropped
    await until(() => defined(seen[0]).length === 1 && defined(seen[1]).length === 1 && defined(seen[2]).length === 1)
    await new Promise((r) => setTimeout(r, 150))
    for (const s of seen.slice(0, 3)) expect(s).toEqual([expect.objectContaining({ blocId: 'blocA', stroke: 0, points: batch.points })])
    expect(seen[3]).toEqual([])
    expect((await server.store.head('test-conf')).seq).toBe(seqBefore)
  })
})
