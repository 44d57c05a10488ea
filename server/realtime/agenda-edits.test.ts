/**
 * Two host consoles edit the agenda at the same moment, over real sockets against the real
 * server: every edit either survives or is refused with a coded reason; none is lost silently,
 * and every console ends on the same agenda.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ConferenceState } from '../../shared/domain.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import type { Ack } from '../../shared/errors.js'
import { firstSync, send, startServer, until, type Client, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running
afterEach(async () => server?.stop())

/** A console: its socket and the state it folds from its snapshot and the live events, as a page does. */
async function console_(token: string): Promise<{ c: Client; state: () => ConferenceState; seq: () => number }> {
  const c = server.connect(token)
  let state: ConferenceState
  let seq: number
  const early: ConferenceEvent[] = []
  c.on('events', ({ events }) => {
    if (state === undefined) early.push(...events)
    else for (const e of events) if (e.seq === seq + 1) { state = evolve(state, e); seq = e.seq }
  })
  const first = await firstSync(c)
  state = defined(first.snapshot).state
  seq = defined(first.snapshot).seq
  for (const e of early) if (e.seq === seq + 1) { state = evolve(state, e); seq = e.seq }
  return { c, state: () => state, seq: () => seq }
}

const refused = (a: Ack) => (a.ok ? null : a.error)
const titles = (s: ConferenceState) => s.agenda.items.map((i) => i.title)

describe('two consoles edit the agenda at once', () => {
  it('the same item edited from both on the same revision: one edit lands, the other is refused as stale, never overwritten', async () => {
    server = await startServer()
    const a = await console_(server.links.host.token)
    const b = await console_(server.links.host.token)
    const [ra, rb] = await Promise.all([
      send(a.c, 'agenda.updateItem', { itemId: 'awards', rev: 1, title: 'Trao Cờ thi đua' }),
      send(b.c, 'agenda.updateItem', { itemId: 'awards', rev: 1, title: 'Khen thưởng tập thể', plannedMinutes: 20 }),
    ]) as [Ack, Ack]
    const oks = [ra, rb].filter((r) => r.ok)
    const errors = [ra, rb].map(refused).filter((e) => e !== null)
    expect(oks).toHaveLength(1)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'conflict', reason: 'agenda.stale', params: { rev: 2 } })
    expect(defined(errors[0]).message).toMatch(/changed by someone else/)
    const winner = ra.ok ? 'Trao Cờ thi đua' : 'Khen thưởng tập thể'
    await until(() => a.seq() === 3 && b.seq() === 3)
    for (const s of [a.state(), b.state()]) {
      expect(s.agenda.items[1]).toMatchObject({ title: winner, rev: 2 })
      expect(defined(s.agenda.items[1]).plannedMinutes).toBe(ra.ok ? undefined : 20)
    }
    // The refused console looks again (rev 2) and its edit then lands on top of the other.
    const loser = ra.ok ? b : a
    const again = await send(loser.c, 'agenda.updateItem', { itemId: 'awards', rev: 2, plannedMinutes: 25 }) as Ack
    expect(again.ok).toBe(true)
    await until(() => a.seq() === 4 && b.seq() === 4)
    expect(a.state().agenda.items[1]).toMatchObject({ title: winner, plannedMinutes: 25, rev: 3 })
    expect(b.state()).toEqual(a.state())
  })

  it('edits of different items, and additions, all survive', async () => {
    server = await startServer()
    const a = await console_(server.links.host.token)
    const b = await console_(server.links.host.token)
    const acks = await Promise.all([
      send(a.c, 'agenda.updateItem', { itemId: 'open', rev: 1, presenter: 'Ban Tổ chức' }),
      send(b.c, 'agenda.updateItem', { itemId: 'sign', rev: 1, plannedMinutes: 10 }),
      send(a.c, 'agenda.addItem', { title: 'Tham luận A', kind: 'speech', afterItemId: 'open' }),
      send(b.c, 'agenda.addItem', { title: 'Tham luận B', kind: 'speech' }),
    ]) as Ack[]
    expect(acks.map((x) => x.ok)).toEqual([true, true, true, true])
    await until(() => a.seq() === 6 && b.seq() === 6)
    const s = a.state()
    expect(s.agenda.items).toHaveLength(5)
    expect(titles(s)).toContain('Tham luận A')
    expect(titles(s)).toContain('Tham luận B')
    expect(s.agenda.items.find((i) => i.id === 'open')?.presenter).toBe('Ban Tổ chức')
    expect(s.agenda.items.find((i) => i.id === 'sign')?.plannedMinutes).toBe(10)
    expect(b.state()).toEqual(s)
  })

  it('two moves on the same order: one applies, the other is refused because the order changed', async () => {
    server = await startServer()
    const a = await console_(server.links.host.token)
    const b = await console_(server.links.host.token)
    const [ra, rb] = await Promise.all([
      send(a.c, 'agenda.moveItem', { itemId: 'sign', toIndex: 0, listRev: 1 }),
      send(b.c, 'agenda.moveItem', { itemId: 'open', toIndex: 2, listRev: 1 }),
    ]) as [Ack, Ack]
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1)
    expect(refused(ra.ok ? rb : ra)).toMatchObject({ code: 'conflict', reason: 'agenda.orderChanged' })
    await until(() => a.seq() === 3 && b.seq() === 3)
    expect(a.state().agenda.items.map((i) => i.id)).toEqual(ra.ok ? ['sign', 'open', 'awards'] : ['awards', 'sign', 'open'])
    expect(b.state().agenda).toEqual(a.state().agenda)
  })

  it('a removal racing an edit of the same item: one wins, the other is refused with a reason', async () => {
    server = await startServer()
    const a = await console_(server.links.host.token)
    const b = await console_(server.links.host.token)
    const [ra, rb] = await Promise.all([
      send(a.c, 'agenda.removeItem', { itemId: 'sign', rev: 1 }),
      send(b.c, 'agenda.updateItem', { itemId: 'sign', rev: 1, title: 'Ký kết giao ước thi đua năm 2026' }),
    ]) as [Ack, Ack]
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1)
    const error = defined(refused(ra.ok ? rb : ra))
    expect(error).toMatchObject(ra.ok ? { code: 'not_found', reason: 'agenda.noItem' } : { code: 'conflict', reason: 'agenda.stale' })
    await until(() => a.seq() === 3 && b.seq() === 3)
    expect(a.state().agenda.items.some((i) => i.id === 'sign')).toBe(!ra.ok)
    expect(b.state().agenda).toEqual(a.state().agenda)
  })

  it('refuses what no one may do, coded for the page: the current item, a viewer, a bad field', async () => {
    server = await startServer()
    const host = await console_(server.links.host.token)
    expect((await send(host.c, 'conference.start', {}) as Ack).ok).toBe(true)
    expect(refused(await send(host.c, 'agenda.removeItem', { itemId: 'open', rev: 1 }) as Ack)).toMatchObject({ code: 'conflict', reason: 'agenda.removeCurrent', params: { title: 'Khai mạc' } })
    const viewer = server.connect(server.links.viewer.token)
    await firstSync(viewer)
    expect(refused(await send(viewer, 'agenda.next', {}) as Ack)).toMatchObject({ code: 'forbidden', reason: 'role.forbidden', params: { role: 'viewer', command: 'agenda.next' } })
    const site = server.connect(defined(server.links.sites[1]).token)
    await firstSync(site)
    expect(refused(await send(site, 'site.checkIn', { attendees: 100_001 }) as Ack)).toMatchObject({ code: 'invalid', reason: 'field.tooBig', field: 'attendees', params: { max: 100_000 } })
    expect(refused(await send(host.c, 'agenda.addItem', { title: ' ', kind: 'speech' }) as Ack)).toMatchObject({ code: 'invalid', reason: 'field.empty', field: 'title' })
  })
})
