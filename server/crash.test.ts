/**
 * Durability: kill -9 the real server process after acknowledged commands, restart it on the
 * same DATA_DIR, and find every acknowledged event still there.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ConferenceState } from '../shared/domain.js'
import type { AccessLinks } from './access/links.js'
import { firstSync, send, type Client } from './test/harness.js'
import { freePort, startServerProcess } from './test/process.js'
import { io } from 'socket.io-client'
import { defined } from '../shared/testing/defined.js'

const dataDir = mkdtempSync(path.join(tmpdir(), 'diemcau-crash-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

const startProcess = (port: number): Promise<ChildProcess> =>
  startServerProcess(port, { DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}` }, children)

describe('crash safety', () => {
  it('keeps every acknowledged event across kill -9 and a restart', async () => {
    const port = await freePort()
    const first = await startProcess(port)
    const links = JSON.parse(readFileSync(path.join(dataDir, 'access-links.json'), 'utf8')) as AccessLinks
    const connect = (token: string): Client => io(`http://127.0.0.1:${port}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true })
    const host = connect(links.host.token)
    const site = connect(defined(links.sites[1]).token)
    // Both listen before either is awaited: a snapshot that lands first must not be missed.
    const [{ snapshot }] = await Promise.all([firstSync(host), firstSync(site)])
    const awardIds = defined(snapshot).state.awards.slice(0, 30).map((a) => a.id)
    const acked: number[] = []
    const start = await send(host, 'conference.start', {})
    if (start.ok) acked.push(start.seq)
    // Many commands in flight at once, then the kill right after the last ack.
    const acks = await Promise.all([
      ...awardIds.map((id) => send(host, 'award.announce', { awardIds: [id] })),
      send(site, 'site.checkIn', { attendees: 87 }),
    ])
    for (const a of acks) if (a.ok) acked.push(a.seq)
    first.kill('SIGKILL')
    await new Promise((r) => first.once('exit', r))
    expect(acked).toHaveLength(32)

    await startProcess(port)
    const res = await fetch(`http://127.0.0.1:${port}/api/conferences/${links.conferenceId}/state`, { headers: { authorization: `Bearer ${links.host.token}` } })
    const { seq, state } = (await res.json()) as { seq: number; state: ConferenceState }
    expect(seq).toBeGreaterThanOrEqual(Math.max(...acked))
    expect(state.status).toBe('live')
    for (const id of awardIds) expect(state.awards.find((a) => a.id === id)?.announcedAt).toBeTruthy()
    expect(state.sites.find((s) => s.id === defined(links.sites[1]).siteId)?.checkIn?.attendees).toBe(87)
    const verify = await fetch(`http://127.0.0.1:${port}/api/conferences/${links.conferenceId}/verify`, { headers: { authorization: `Bearer ${links.host.token}` } })
    expect(await verify.json()).toEqual({ ok: true, events: seq })
    // The links written on first start still open the conference after the restart.
    const again = await firstSync(connect(defined(links.sites[1]).token))
    expect(again.snapshot?.seq).toBe(seq)
    host.disconnect()
    site.disconnect()
  }, 120_000)
})
