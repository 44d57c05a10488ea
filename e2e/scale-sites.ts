/**
 * Hundreds of sites' screens played by real socket.io clients from the test process (not
 * browsers): each connects with its own site link, reports a round trip and clock offset as a
 * page does, and may check in or report a problem. For the host console at a national scale.
 */
import { io, type Socket } from 'socket.io-client'
import { randomUUID } from 'node:crypto'
import { expect, type Page } from './fixtures.js'
import type { Ack } from '../shared/errors.js'
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol.js'
import { defined } from '../shared/testing/defined.js'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

export interface SimSite {
  siteId: string
  client: Client
  command: (type: string, data: unknown) => Promise<Ack>
  close: () => void
}

/** Connects one site's screen; resolves once the server has sent its first snapshot. */
export function connectSite(base: string, link: { siteId: string; token: string }): Promise<SimSite> {
  const client: Client = io(base, {
    auth: { token: link.token, snapshotEncoding: 'deflate' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  })
  const command = (type: string, data: unknown) =>
    new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`site ${link.siteId}: ${type} unanswered after 30 s`)), 30_000)
      client.emit('command', { id: randomUUID(), type, data } as never, (ack: Ack) => {
        clearTimeout(timer)
        resolve(ack)
      })
    })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`site ${link.siteId} got no snapshot`)), 30_000)
    client.once('connect_error', (err) => {
      clearTimeout(timer)
      reject(new Error(`site ${link.siteId}: ${err.message}`))
    })
    client.once('snapshot', () => {
      clearTimeout(timer)
      // One clock sample, as a page sends a few seconds after it connects: the board shows its round trip and offset.
      client.emit('clock', { t0: Date.now(), rttMs: 20 + (link.siteId.length % 40), offsetMs: (link.siteId.length % 7) * 90 - 270 }, () => {})
      resolve({ siteId: link.siteId, client, command, close: () => client.disconnect() })
    })
  })
}

/** Connects `links` a batch at a time (a server takes a storm of handshakes, but not all at once from one address). */
export async function connectSites(base: string, links: { siteId: string; token: string }[], batch = 25): Promise<SimSite[]> {
  const out: SimSite[] = []
  for (let i = 0; i < links.length; i += batch) out.push(...(await Promise.all(links.slice(i, i + batch).map((l) => connectSite(base, l)))))
  return out
}

export interface SeededBoard {
  sites: SimSite[]
  /** What the board must then say. */
  expected: { total: number; online: number; offline: number; problems: number; attendees: number; checkedIn: number; ready: number }
  /** The sites with a problem, in the order they reported it. */
  problemIds: string[]
}

const PROBLEMS = [
  'Mất tiếng tại hội trường, đang kiểm tra bộ trộn âm',
  'Hình bị giật, đường truyền chậm',
  'Máy chiếu hỏng, đang thay máy dự phòng',
  'Micro không dây bị rè',
  'Mất điện, đang chạy máy phát',
  'Không vào được phòng họp trực tuyến',
]

/**
 * The board of a national conference an hour before the start: of `links` (the server's sites,
 * in its order), the first `online + dropped` connect, `dropped` of them drop again; two in three
 * of those connected check in; four connected and two never connected sites report a problem.
 */
export async function seedBoard(base: string, conferenceId: string, links: { siteId: string; token: string }[], opts = { online: 290, dropped: 10 }): Promise<SeededBoard> {
  const connected = links.slice(0, opts.online + opts.dropped)
  const t0 = Date.now()
  const sites = await connectSites(base, connected)
  const t1 = Date.now()
  let attendees = 0
  let checkedIn = 0
  const checkIns = sites.flatMap((s, i) => (i % 3 === 2 ? [] : [{ s, n: 15 + ((i * 7) % 60) }]))
  for (let i = 0; i < checkIns.length; i += 20) {
    const acks = await Promise.all(checkIns.slice(i, i + 20).map(({ s, n }) => s.command('site.checkIn', { attendees: n })))
    const refused = acks.find((a) => !a.ok)
    if (refused) throw new Error(`a check-in was refused: ${JSON.stringify(refused)}`)
  }
  for (const { n } of checkIns) attendees += n
  checkedIn = checkIns.length
  const problemIds: string[] = []
  const report = async (siteId: string, token: string, message: string) => {
    const res = await fetch(`${base}/api/conferences/${conferenceId}/commands`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: randomUUID(), type: 'site.reportIssue', data: { message } }),
    })
    const ack = (await res.json()) as Ack
    if (!ack.ok) throw new Error(`a problem report was refused: ${JSON.stringify(ack)}`)
    problemIds.push(siteId)
  }
  const withProblem = [40, 120, 210, 280, opts.online + opts.dropped + 150, links.length - 60].map((i) => defined(links[i]))
  for (const [i, l] of withProblem.entries()) await report(l.siteId, l.token, defined(PROBLEMS[i % PROBLEMS.length]))
  console.log(`[scale] ${sites.length} sites connected in ${t1 - t0} ms, ${checkIns.length} checked in and ${problemIds.length} problems in ${Date.now() - t1} ms`)
  const online = new Set(links.slice(0, opts.online).map((l) => l.siteId))
  const ready = checkIns.filter(({ s }) => online.has(s.siteId) && !problemIds.includes(s.siteId)).length
  const dropped = sites.splice(opts.online, opts.dropped)
  for (const s of dropped) s.close()
  return {
    sites,
    expected: { total: links.length, online: opts.online, offline: links.length - opts.online, problems: withProblem.length, attendees, checkedIn, ready },
    problemIds,
  }
}

/**
 * Opens the host console at `url` and waits for the board to know all `total` sites and `online`
 * of them online: the time that took, as the host waits for it.
 */
export async function openConsole(page: Page, url: string, total: number, online: number): Promise<number> {
  const t0 = Date.now()
  await page.goto(url)
  await expect(page.getByTestId('board-ready')).toHaveAttribute('data-total', String(total))
  await expect(page.getByTestId('board-online')).toHaveAttribute('data-online', String(online))
  await expect(page.locator('[data-testid^="site-row-"]').first()).toBeVisible()
  return Date.now() - t0
}
