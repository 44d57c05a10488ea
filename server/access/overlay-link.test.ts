/**
 * The video mixer's overlay link, against the real server and real socket.io clients: issued
 * beside the viewer's (and added to a links file written before it existed), read-only, sealed
 * like the viewer's, not counted as an audience.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TINY_AWARDS } from '../../shared/testing/tiny-conference.js'
import { firstSync, send, startServer, until, type Running } from '../test/harness.js'
import { openSqliteLinkStore } from '../store/sqlite-links.js'
import { formatLinks, readLinks, rebase, withOverlay, writeLinks, type AccessLinks } from './links.js'
import { hashToken, resolveToken } from './tokens.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

describe('the overlay link', () => {
  it('is issued with the others, opens /overlay, and resolves to the read-only overlay role', async () => {
    server = await startServer()
    const { overlay } = server.links
    expect(overlay?.url).toBe(`http://test/overlay?token=${encodeURIComponent(defined(overlay).token)}`)
    const check = await resolveToken(server.linkStore, defined(overlay).token)
    expect(check).toMatchObject({ ok: true, actor: { role: 'overlay', conferenceId: 'test-conf' } })
    expect(formatLinks(server.links)).toContain('/overlay?token=')
  })

  it('receives what a viewer does (no unannounced recipient) and may send no command', async () => {
    server = await startServer()
    const o = server.connect(defined(server.links.overlay).token)
    const { welcome, snapshot } = await firstSync(o)
    expect(welcome.actor.role).toBe('overlay')
    const names = TINY_AWARDS.map((a) => a.recipientName)
    for (const name of names) expect(JSON.stringify(snapshot)).not.toContain(name)
    for (const [type, data] of [['conference.start', {}], ['site.checkIn', { attendees: 3 }], ['award.announce', { awardIds: ['a1'] }]] as const) {
      expect(await send(o, type, data)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect((await server.app.service.state('test-conf')).seq).toBe(2)
  })

  it('is not counted among the people watching', async () => {
    server = await startServer()
    const h = server.connect(server.links.host.token)
    await firstSync(h)
    let latest = { watching: -1, online: -1 }
    h.on('presence', (p) => (latest = p))
    const o = server.connect(defined(server.links.overlay).token)
    await firstSync(o)
    await until(() => latest.online === 2)
    expect(latest.watching).toBe(0)
  })
})

describe('a links file from before the overlay', () => {
  it('gets an overlay link on the next start, keeping every other link', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diemcau-overlay-'))
    const store = openSqliteLinkStore(dir)
    try {
      const old: AccessLinks = {
        conferenceId: 'c1', host: { url: 'http://a/host?token=h', token: 'h' }, viewer: { url: 'http://a/view?token=v', token: 'v' },
        sites: [{ siteId: 's1', name: 'Huyện A', url: 'http://a/site?token=s', token: 's' }], signers: [],
      }
      writeLinks(dir, old)
      const read = defined(readLinks(dir))
      expect(read.overlay).toBeUndefined()
      const added = await withOverlay(store, rebase(read, 'http://b:3000'), 'http://b:3000')
      expect(added.host).toEqual({ url: 'http://b:3000/host?token=h', token: 'h' })
      expect(added.sites).toEqual([{ siteId: 's1', name: 'Huyện A', url: 'http://b:3000/site?token=s', token: 's' }])
      const overlay = defined(added.overlay)
      expect(overlay.url).toBe(`http://b:3000/overlay?token=${overlay.token}`)
      expect(await store.findToken(hashToken(overlay.token))).toMatchObject({ conferenceId: 'c1', role: 'overlay' })
      // A second start keeps it.
      expect(await withOverlay(store, added, 'http://b:3000')).toBe(added)
    } finally {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
