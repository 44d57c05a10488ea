/**
 * What a page says to the server and hears back on its socket, over either transport Socket.IO
 * uses (long polling first, then the WebSocket): the events the specs wait on instead of a sleep,
 * e.g. "the page has taken all its clock samples" or "the tablet has sent the signature again".
 * Attach it before the page opens its socket (`openPage(…, { onPage: recordSocket })`).
 */
import type { Page } from '@playwright/test'

/** A Socket.IO EVENT packet the page sent: its name, its first argument and its ack id. */
export interface SentEvent {
  event: string
  data: unknown
  ackId?: number
}

export interface SocketLog {
  sent: SentEvent[]
  /** The ack ids the server has answered. */
  answered: Set<number>
  /** How many `event` packets have been sent, and how many of them answered. */
  count: (event: string, where?: (data: unknown) => boolean) => { sent: number; answered: number }
}

// Engine.IO "message" (4), then Socket.IO EVENT (2) or ACK (3), an optional ack id, the JSON array.
const PACKET = /^4([23])(\d*)(\[[\s\S]*\])$/

/** Starts recording `page`'s Socket.IO packets; returns the log, filled as they go. */
export function recordSocket(page: Page): SocketLog {
  const sent: SentEvent[] = []
  const answered = new Set<number>()
  const read = (payload: string | Buffer, outgoing: boolean) => {
    if (typeof payload !== 'string') return
    // A long-polling body may carry several packets, separated by the record separator.
    for (const text of payload.split('\x1e')) {
      const m = PACKET.exec(text)
      if (!m) continue
      const ackId = m[2] ? Number(m[2]) : undefined
      if (outgoing && m[1] === '2') {
        const [event, data] = JSON.parse(m[3] ?? '[]') as [string, unknown]
        sent.push({ event, data, ackId })
      } else if (!outgoing && m[1] === '3' && ackId !== undefined) answered.add(ackId)
    }
  }
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => read(f.payload, true))
    ws.on('framereceived', (f) => read(f.payload, false))
  })
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.url().includes('/socket.io/')) read(req.postData() ?? '', true)
  })
  page.on('response', (res) => {
    if (res.request().method() === 'GET' && res.url().includes('/socket.io/')) void res.text().then((t) => read(t, false), () => undefined)
  })
  return {
    sent,
    answered,
    count: (event, where = () => true) => {
      const mine = sent.filter((p) => p.event === event && where(p.data))
      return { sent: mine.length, answered: mine.filter((p) => p.ackId !== undefined && answered.has(p.ackId)).length }
    },
  }
}

/**
 * The clock samples a page takes (client/composables/useConferenceSync.ts): 5 as it connects,
 * then bursts of 8 at 1.5, 4 and 8 s; its estimate has settled once all of them are answered.
 */
export const SETTLED_CLOCK_SAMPLES = 5 + 3 * 8
