/**
 * npx tsx bench/farm-check.ts: checks the farm client's path for large messages against a real
 * Socket.IO server: a large `events` message arrives as a LazyMessage whose parse is the message
 * sent and whose first seq is its first event's; a small one, a binary snapshot and an ack take
 * the client's own path; the heartbeat keeps the client connected meanwhile.
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { deflateSync } from 'node:zlib'
import { Server } from 'socket.io'
import { connectOne, holds } from './farm-client.js'
import { LAZY_BYTES, LazyMessage } from './lazy-parser.js'

const http = createServer()
const io = new Server(http, { serveClient: false, pingInterval: 200, pingTimeout: 400 })
const award = (i: number) => ({ id: `a${i}`, name: `Nguyễn Thị Ánh Tuyết ${i}`, unit: 'Sở Giáo dục và Đào tạo' })
const big = { events: [{ seq: 41, type: 'award.announced', at: '2026-12-06T00:00:00Z', data: { awards: Array.from({ length: 3000 }, (_, i) => award(i)) } }] }
const small = { events: [{ seq: 42, type: 'award.announced', at: '2026-12-06T00:00:00Z', data: { awardIds: ['a1'] } }] }
const state = { awards: [award(1), award(2)] }
io.on('connection', (socket) => {
  socket.on('clock', (_req: unknown, ack: (a: unknown) => void) => ack({ serverTime: Date.now() }))
  socket.on('join', () => socket.emit('snapshot', { seq: 40, encoding: 'deflate', packed: deflateSync(JSON.stringify(state)) }))
})
await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
const socket = await connectOne(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {})
try {
  const got: unknown[] = []
  const snapshot = new Promise<{ packed: Uint8Array }>((r) => socket.once('snapshot', r))
  socket.on('events', (m: unknown) => got.push(m))
  socket.emit('join')
  assert.equal(holds(await snapshot), 2, 'the binary snapshot is inflated and parsed')
  io.emit('events', big)
  io.emit('events', small)
  await new Promise<void>((r) => setTimeout(r, 1000))
  assert.equal(got.length, 2)
  const [lazy, plain] = got
  assert.ok(lazy instanceof LazyMessage, 'the large message is taken as bytes')
  assert.ok(lazy.byteLength > LAZY_BYTES)
  assert.equal(lazy.firstSeq(), 41)
  assert.deepEqual(lazy.parse(), big)
  assert.deepEqual(plain, small, 'a small message takes the client\'s own path')
  assert.equal(typeof ((await socket.timeout(1000).emitWithAck('clock', {})) as { serverTime: number }).serverTime, 'number', 'acks work')
  assert.ok(socket.connected, 'the heartbeat kept the client connected')
  console.log('farm client: large messages as bytes, the rest as the client takes them: ok')
} finally {
  socket.disconnect()
  await new Promise<void>((r) => io.close(() => r()))
}
