/**
 * Test harness: the real server on port 0 against a real SQLite file in a temp dir,
 * driven by real socket.io clients. No mocks.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { io as connect, type Socket } from 'socket.io-client'
import { createHash } from 'node:crypto'
import type { ConferenceEvent, NewEvent, Snapshot } from '../../shared/events.js'
import type { ClientToServerEvents, ServerToClientEvents, Welcome } from '../../shared/protocol.js'
import { createApp, type App } from '../app.js'
import { issueLinks, type AccessLinks } from '../access/links.js'
import { openSqliteStore } from '../store/sqlite.js'
import type { EventStore } from '../store/event-store.js'

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** A small conference: hub + 2 districts, 3 agenda items, 2 award types, 6 awards, 2 blocs. */
export function smallConference(id = 'test-conf'): NewEvent[] {
  const pledge = (name: string) => `GIAO ƯỚC THI ĐUA NĂM 2023\n${name}\n1. Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc.`
  return [
    {
      type: 'conference.created',
      data: {
        id,
        title: 'Hội nghị thử nghiệm',
        sites: [
          { id: 'hub', name: 'Điểm cầu tỉnh', kind: 'hub' },
          { id: 'ninh-hai', name: 'Huyện Ninh Hải', kind: 'district', parentId: 'hub' },
          { id: 'bac-ai', name: 'Huyện Bác Ái', kind: 'district', parentId: 'hub' },
        ],
        agenda: [
          { id: 'opening', title: 'Khai mạc', kind: 'opening' },
          { id: 'awards', title: 'Trao Cờ thi đua', kind: 'awards' },
          { id: 'signing', title: 'Ký kết giao ước thi đua', kind: 'signing' },
        ],
        awardTypes: [
          { id: 'co-thi-dua', name: 'Cờ thi đua', recipientKind: 'collective' },
          { id: 'chien-si', name: 'Chiến sĩ thi đua cấp tỉnh', recipientKind: 'individual' },
        ],
        blocs: ['khoi-kinh-te', 'khoi-van-hoa'].map((b) => {
          const text = pledge(b)
          return { id: b, name: `Khối ${b}`, headUnit: `Sở ${b}`, signerName: 'Nguyễn Văn A', pledge: { text, contentHash: sha256(text) } }
        }),
      },
    },
    {
      type: 'award.imported',
      data: {
        awards: Array.from({ length: 6 }, (_, i) => ({
          id: `a${i + 1}`,
          typeId: i < 3 ? 'co-thi-dua' : 'chien-si',
          recipientKind: i < 3 ? ('collective' as const) : ('individual' as const),
          recipientName: i < 3 ? `UBND xã Phước ${i}` : `Trần Thị Hương ${i}`,
          siteId: 'ninh-hai',
        })),
      },
    },
  ]
}

export interface Running {
  app: App
  store: EventStore
  dataDir: string
  url: string
  links: AccessLinks
  clients: Client[]
  connect(token: string, opts?: { lastSeq?: number }): Client
  stop(opts?: { keepData?: boolean }): Promise<void>
}

export async function startServer(opts: { dataDir?: string; events?: NewEvent[] } = {}): Promise<Running> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'diemcau-test-'))
  const store = openSqliteStore(dataDir)
  const app = createApp({ store })
  const events = opts.events ?? smallConference()
  const first = events[0]
  if (first?.type !== 'conference.created') throw new Error('the first event must create the conference')
  const room = await app.service.room(first.data.id)
  if (room.seq === 0) await app.service.appendSystem(first.data.id, events, 'seed')
  const links = await issueLinks(store, room.state, 'http://test')
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`
  const clients: Client[] = []
  return {
    app, store, dataDir, url, links, clients,
    connect(token, o = {}) {
      const c: Client = connect(url, { auth: { token, ...o }, transports: ['websocket'], reconnection: false, forceNew: true })
      clients.push(c)
      return c
    },
    async stop(o = {}) {
      for (const c of clients) c.disconnect()
      await app.close()
      await store.close()
      if (!o.keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Resolves with the first snapshot (or catch-up events) a client receives after connecting. */
export function firstSync(c: Client): Promise<{ welcome: Welcome; snapshot?: Snapshot; events?: ConferenceEvent[] }> {
  return new Promise((resolve, reject) => {
    let welcome: Welcome | undefined
    c.once('connect_error', reject)
    c.once('welcome', (w) => (welcome = w))
    c.once('snapshot', (snapshot) => resolve({ welcome: welcome!, snapshot }))
    c.once('events', ({ events }) => resolve({ welcome: welcome!, events }))
  })
}

/** Collects every live `events` message of a client. */
export function recordEvents(c: Client): ConferenceEvent[] {
  const seen: ConferenceEvent[] = []
  c.on('events', ({ events }) => seen.push(...events))
  return seen
}

export function send(c: Client, type: string, data: unknown, id: string = crypto.randomUUID()) {
  return c.timeout(5000).emitWithAck('command', { id, type, data })
}

export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}
