/**
 * Outgoing bounds: a client too far behind in reading is dropped (it catches up by `lastSeq` on
 * reconnect), and so is one that has not taken a byte of a large backlog for a while.
 */
import { performance } from 'node:perf_hooks'
import { log } from '../log.js'
import type { AppServer, AppSocket } from './app-server.js'

export const MAX_BACKLOG_BYTES = 4 * 1024 * 1024
export const STALL_BYTES = 512 * 1024
export const STALL_MS = 20_000
/** A snapshot is in flight while this much waits for the client: no second one until it is taken. */
export const SNAPSHOT_IN_FLIGHT_BYTES = 64 * 1024

export interface SlowClientBounds {
  maxBacklogBytes: number
  stallBytes: number
  stallMs: number
}

/** The WebSocket under a socket, when it has one (engine.io does not type it). */
function wsOf(socket: AppSocket): object | undefined {
  const transport: object = socket.conn.transport
  const ws = 'socket' in transport ? transport.socket : undefined
  return typeof ws === 'object' && ws !== null ? ws : undefined
}

/** Bytes waiting to reach this socket's client: in the WebSocket's buffer and in engine.io's queue. */
export function bufferedBytes(socket: AppSocket): number {
  const ws = wsOf(socket)
  let n = ws && 'bufferedAmount' in ws && typeof ws.bufferedAmount === 'number' ? ws.bufferedAmount : 0
  // engine.io's queue of packets not yet written: private in its types.
  const queue: unknown = Reflect.get(socket.conn, 'writeBuffer')
  const packets: unknown[] = Array.isArray(queue) ? queue : []
  for (const p of packets) {
    const d = typeof p === 'object' && p !== null && 'data' in p ? p.data : undefined
    n += typeof d === 'string' ? d.length : d instanceof Uint8Array ? d.byteLength : d instanceof ArrayBuffer ? d.byteLength : 16
  }
  return n
}

/** Sweeps every socket once a second; returns what stops it and forgets a socket that left. */
export function watchSlowClients(io: AppServer, limits: Partial<SlowClientBounds> = {}): { forget(id: string): void; stop(): void } {
  const bounds: SlowClientBounds = { maxBacklogBytes: MAX_BACKLOG_BYTES, stallBytes: STALL_BYTES, stallMs: STALL_MS, ...limits }
  const stalled = new Map<string, { bytes: number; since: number }>()
  const drop = (socket: AppSocket, bytes: number) => {
    const actor = socket.data.actor
    log.warn({ role: actor?.role, conferenceId: actor?.conferenceId, bufferedBytes: bytes }, 'slow client dropped: it catches up by lastSeq when it reconnects')
    stalled.delete(socket.id)
    socket.disconnect(true)
    // The transport's buffers go with it: a client that does not read does not hold them.
    const ws = wsOf(socket)
    if (ws && 'terminate' in ws && typeof ws.terminate === 'function') ws.terminate()
  }
  const sweep = setInterval(() => {
    const t = performance.now()
    for (const socket of io.of('/').sockets.values()) {
      const bytes = bufferedBytes(socket)
      if (bytes > bounds.maxBacklogBytes) {
        drop(socket, bytes)
        continue
      }
      if (bytes < bounds.stallBytes) {
        stalled.delete(socket.id)
        continue
      }
      const prev = stalled.get(socket.id)
      if (!prev || bytes < prev.bytes) stalled.set(socket.id, { bytes, since: prev && bytes < prev.bytes ? t : prev?.since ?? t })
      else if (t - prev.since > bounds.stallMs) drop(socket, bytes)
    }
  }, 1000)
  sweep.unref()
  return { forget: (id) => stalled.delete(id), stop: () => clearInterval(sweep) }
}
