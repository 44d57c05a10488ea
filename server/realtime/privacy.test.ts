/**
 * Private until revealed, confirmed reveals and deflated snapshots, against the real server
 * with real socket.io clients: the raw payloads a viewer or site receives are searched.
 */
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { RevealStat } from '../../shared/protocol.js'
import { TINY_AWARDS } from '../../shared/testing/tiny-conference.js'
import { firstSync, send, startServer, unpack, until, type Client, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const NAMES = TINY_AWARDS.map((a) => a.recipientName)

/** Every message a client receives, as text, in arrival order. */
function rawPayloads(c: Client): string[] {
  const seen: string[] = []
  c.onAny((event: string, ...args: unknown[]) => {
    seen.push(`${event} ${JSON.stringify(args, (_k, v: unknown) => (v && typeof v === 'object' && 'packed' in v ? { ...v, packed: '<binary>' } : v))}`)
  })
  return seen
}

describe('what sites and viewers receive before an announcement', () => {
  it('no unannounced recipient in a snapshot, an event or an HTTP answer; the announcement brings the name', async () => {
    server = await startServer()
    const { host, viewer, sites } = server.links
    const v = server.connect(viewer.token)
    const s = server.connect(defined(sites[1]).token)
    const raw = [...[v, s].map(rawPayloads)]
    const [vs, ss] = await Promise.all([firstSync(v), firstSync(s)])
    for (const got of [vs, ss]) for (const name of NAMES) expect(JSON.stringify(got.snapshot)).not.toContain(name)

    const h = server.connect(host.token)
    await firstSync(h)
    expect(await send(h, 'conference.start', {})).toMatchObject({ ok: true })
    expect(await send(h, 'award.announce', { awardIds: ['a1'], revealInMs: 0 })).toMatchObject({ ok: true })
    expect(await send(h, 'award.import', { awards: [{ id: 'a9', typeId: 'bk', recipientKind: 'individual', recipientName: 'Hoàng Thị Bí Mật' }] })).toMatchObject({ ok: true })
    await until(() => raw.every((r) => r.some((m) => m.includes('award.imported'))))

    for (const r of raw) {
      const all = r.join('\n')
      expect(all).toContain(NAMES[0]) // announced: travels with award.announced
      for (const name of [...NAMES.slice(1), 'Hoàng Thị Bí Mật']) expect(all).not.toContain(name)
    }

    const auth = { headers: { authorization: `Bearer ${viewer.token}` } }
    const state = await (await fetch(`${server.url}/api/conferences/test-conf/state`, auth)).text()
    // The event log over HTTP is the host's alone (issue 9).
    const events = await fetch(`${server.url}/api/conferences/test-conf/events?since=0`, auth)
    expect(events.status).toBe(403)
    expect(await events.text()).not.toContain(NAMES[1])
    for (const body of [state]) {
      expect(body).toContain(NAMES[0])
      for (const name of [...NAMES.slice(1), 'Hoàng Thị Bí Mật']) expect(body).not.toContain(name)
    }
    const hostState = await (await fetch(`${server.url}/api/conferences/test-conf/state`, { headers: { authorization: `Bearer ${host.token}` } })).text()
    for (const name of [...NAMES, 'Hoàng Thị Bí Mật']) expect(hostState).toContain(name)
  })

  it('a deflated snapshot is the same state as a plain one, in fewer bytes', async () => {
    server = await startServer()
    const plain = await firstSync(server.connect(server.links.viewer.token))
    const c = server.connect(server.links.viewer.token, { snapshotEncoding: 'deflate' })
    const packed = await new Promise<unknown>((resolve) => c.once('snapshot', resolve))
    expect(packed).toMatchObject({ encoding: 'deflate', seq: defined(plain.snapshot).seq })
    const unpacked = unpack(packed as Parameters<typeof unpack>[0])
    expect(unpacked.state).toEqual(defined(plain.snapshot).state)
  })
})

describe('confirmed reveals', () => {
  it('the host sees how many sites showed an announcement and the spread of their instants', async () => {
    server = await startServer()
    const { host, sites, viewer } = server.links
    const h = server.connect(host.token)
    const stats: RevealStat[][] = []
    h.on('reveals', (r) => stats.push(r.announcements))
    await firstSync(h)
    const pages = [server.connect(defined(sites[1]).token), server.connect(defined(sites[2]).token), server.connect(viewer.token)]
    await Promise.all(pages.map(firstSync))
    await send(h, 'conference.start', {})
    const ack = await send(h, 'award.announce', { awardIds: ['a1', 'a2'], revealInMs: 200 })
    expect(ack).toMatchObject({ ok: true })
    await until(() => stats.at(-1)?.[0]?.awards === 2)
    const announced = defined(defined(stats.at(-1))[0]).revealAt
    defined(pages[0]).emit('revealed', { revealAt: announced, at: announced + 3 })
    defined(pages[1]).emit('revealed', { revealAt: announced, at: announced + 11 })
    defined(pages[1]).emit('revealed', { revealAt: announced, at: announced + 500 }) // a second report of one page is ignored
    defined(pages[2]).emit('revealed', { revealAt: announced, at: announced + 5 })
    defined(pages[2]).emit('revealed', { revealAt: 12345, at: 12346 }) // no such announcement
    await until(() => stats.at(-1)?.[0]?.clients === 3)
    expect(defined(stats.at(-1))[0]).toMatchObject({ revealAt: announced, awards: 2, sites: 2, clients: 3, firstAt: announced + 3, lastAt: announced + 11, spreadMs: 8 })
  })
})

describe('stored events of an older shape', () => {
  it('an award.announced of version 1 (ids only) still replays, and sites get its display data', async () => {
    server = await startServer()
    const { dataDir, links } = server
    const h = server.connect(links.host.token)
    await firstSync(h)
    await send(h, 'conference.start', {})
    await send(h, 'award.announce', { awardIds: ['a3'], revealInMs: 0 })
    await server.stop({ keepData: true })
    server = undefined
    // Rewrite the stored announcement as the first version wrote it: no display data, v = 1.
    const db = new Database(`${dataDir}/diemcau.sqlite`)
    const row = db.prepare("SELECT seq, data FROM events WHERE type = 'award.announced'").get() as { seq: number; data: string }
    const { awardIds, revealAt } = JSON.parse(row.data) as { awardIds: string[]; revealAt: number }
    db.prepare('UPDATE events SET data = ?, v = 1 WHERE seq = ?').run(JSON.stringify({ awardIds, revealAt }), row.seq)
    db.prepare('DELETE FROM snapshots').run()
    db.close()

    server = await startServer({ dataDir })
    const v = server.connect(server.links.viewer.token, { lastSeq: 2 })
    const got = await firstSync(v)
    const announced = got.events?.find((e) => e.type === 'award.announced')
    expect(announced?.data).toMatchObject({ awardIds: ['a3'], awards: [{ id: 'a3', recipientName: NAMES[2] }] })
    const state = (await (await fetch(`${server.url}/api/conferences/test-conf/state`, { headers: { authorization: `Bearer ${server.links.host.token}` } })).json()) as { state: { awards: { id: string; announcedAt?: string }[] } }
    expect(state.state.awards.find((a) => a.id === 'a3')?.announcedAt).toBeDefined()
  })
})
