/**
 * The floor, in its own process: a bare Socket.IO server with the app's heartbeat settings and
 * nothing else (no token, no store, no rooms). Started by bench/target.ts; answers over IPC
 * 'usage', 'memory' (bench/hooks.ts) and 'setSnapshot' (the bytes to hand a joining client).
 *   - a client connecting with auth { join: 'tiny' } gets a tiny snapshot; { join: 'same' } the
 *     deflated bytes last set (the app's public snapshot, passed on by the bench);
 *   - a 'command' { message } is broadcast to every client as 'events', exactly as given (the
 *     message the app sent for the same round), and acked with its first event's seq;
 *   - an 'ink' batch is relayed to every other client, volatile, as the app relays a pad's.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { usageHooks } from './hooks.js'
import { ready, serve } from './ipc.js'

const http = createServer()
// The app's own heartbeat (server/app.ts): a floor that drops nobody the app would keep is no floor.
const io = new Server(http, { serveClient: false, pingInterval: 1500, pingTimeout: 3000 })
let same: { seq: number; packed: Buffer } | null = null
const TINY = { seq: 1, serverTime: 0, state: { id: 'bare', title: 'bare', awards: [] } }

io.on('connection', (socket) => {
  const join = (socket.handshake.auth as { join?: unknown }).join
  if (join === 'tiny') socket.emit('snapshot', { ...TINY, serverTime: Date.now() })
  if (join === 'same' && same) socket.emit('snapshot', { seq: same.seq, serverTime: Date.now(), encoding: 'deflate', packed: same.packed })
  socket.on('ink', (batch: unknown) => socket.broadcast.volatile.emit('ink', batch))
  socket.on('command', (cmd: { message?: { events?: { seq?: unknown }[] } }, ack: unknown) => {
    if (!cmd.message) return
    io.emit('events', cmd.message)
    if (typeof ack === 'function') ack({ ok: true, seq: cmd.message.events?.[0]?.seq })
  })
})
await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))

const hooks = usageHooks(io)
serve({
  usage: hooks.usage,
  memory: hooks.memory,
  setSnapshot: (m) => {
    const packed = m.packed
    if (!(packed instanceof Uint8Array) || typeof m.seq !== 'number') throw new Error('setSnapshot needs seq and packed')
    same = { seq: m.seq, packed: Buffer.from(packed) }
    return true
  },
})
ready({ port: (http.address() as AddressInfo).port })
