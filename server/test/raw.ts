/**
 * Test support: clients that misbehave on purpose. A raw Engine.IO/Socket.IO WebSocket (frames
 * written by hand, reading stoppable), raw HTTP requests (pipelined, truncated, oversized), and
 * memory sampling of this process (the server under test runs in it).
 */
import { connect as tcp, type Socket as TcpSocket } from 'node:net'
import { request } from 'node:http'
import WebSocket from 'ws'

export interface RawSocket {
  ws: WebSocket
  /** Text frames received, in order (binary frames as '<binary>'). */
  frames: string[]
  opened: Promise<void>
  closed: Promise<number>
  isClosed(): boolean
  /** Sends Socket.IO CONNECT with this auth. */
  connect(auth: object): void
  /** Sends an event with an ack id: `42<id>["name",payload]`. */
  emit(name: string, payload: unknown, ackId: number): void
  /** Stops reading from the TCP socket (the server's writes pile up), while still answering pings blindly. */
  stopReading(): void
  close(): void
}

export function rawSocket(base: string, query: Record<string, string> = {}, headers: Record<string, string> = {}): RawSocket {
  const qs = new URLSearchParams({ EIO: '4', transport: 'websocket', ...query })
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/socket.io/?${qs}`, { headers, maxPayload: 64 * 1024 * 1024 })
  const frames: string[] = []
  let closed = false
  let blindPong: ReturnType<typeof setInterval> | undefined
  ws.on('message', (d, binary) => {
    const text = binary ? '<binary>' : d.toString()
    frames.push(text)
    if (text === '2') ws.send('3')
  })
  ws.on('error', () => undefined)
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)))
    ws.once('error', reject)
  })
  opened.catch(() => undefined)
  const closedP = new Promise<number>((resolve) => ws.once('close', (code) => {
    closed = true
    clearInterval(blindPong)
    resolve(code)
  }))
  return {
    ws,
    frames,
    opened,
    closed: closedP,
    isClosed: () => closed,
    connect: (auth) => ws.send(`40${JSON.stringify(auth)}`),
    emit: (name, payload, ackId) => ws.send(`42${ackId}${JSON.stringify([name, payload])}`),
    stopReading() {
      const sock = (ws as unknown as { _socket: TcpSocket })._socket
      sock.pause()
      sock.resume = () => sock
      // An attacker keeps the connection alive without reading: pongs sent blind.
      blindPong = setInterval(() => {
        if (ws.readyState === WebSocket.OPEN) ws.send('3')
      }, 500)
    },
    close() {
      clearInterval(blindPong)
      ws.terminate()
    },
  }
}

/** Heap and off-heap bytes of this process (the server under test lives here). */
export function memoryNow(): number {
  const m = process.memoryUsage()
  return m.heapUsed + m.external + m.arrayBuffers
}

/** Samples `memoryNow` every 50 ms while `during` runs; the peak above the starting value. */
export async function peakGrowth(during: () => Promise<void>): Promise<number> {
  const start = memoryNow()
  let peak = start
  const t = setInterval(() => (peak = Math.max(peak, memoryNow())), 50)
  try {
    await during()
  } finally {
    clearInterval(t)
  }
  peak = Math.max(peak, memoryNow())
  return peak - start
}

/** A raw TCP connection to the server, for pipelining and truncated requests. */
export function rawTcp(base: string): Promise<TcpSocket> {
  const u = new URL(base)
  return new Promise((resolve, reject) => {
    const s = tcp(Number(u.port), u.hostname, () => resolve(s))
    s.once('error', reject)
  })
}

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * One HTTP request with full control of headers and body; a connection the server closes before
 * answering resolves with status 0.
 */
export function rawRequest(base: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer> {
  const u = new URL(base)
  return new Promise((resolve) => {
    const req = request({ host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', () => resolve({ status: 0, headers: {}, body: '' }))
    if (opts.body !== undefined) req.end(opts.body)
    else req.end()
  })
}

/** Percentile `p` (0..1) of `xs`. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0
}
