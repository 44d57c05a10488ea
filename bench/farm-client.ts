/**
 * A farm client (bench/farm-worker.ts): a socket.io client connected as the pages connect
 * (bench/client.ts), taking large messages as bytes (bench/lazy-parser.ts); its clock estimate;
 * the check that a snapshot it got is the state.
 */
import { inflateRawSync, inflateSync } from 'node:zlib'
import { io, type Socket } from 'socket.io-client'
import { ClockEstimator } from '../shared/clock.js'
import { pageOptions } from './client.js'
import { now } from './common.js'
import { farmClientOptions } from './lazy-parser.js'

/** A farm client's options: the page's, with the farm's transport and parser. */
export const options = (auth: object) => ({ ...pageOptions(auth), ...farmClientOptions })

/** Connects one farm client; a handshake the server could not finish is tried again, twice. */
export function connectOne(url: string, auth: object, tries = 3): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, options(auth))
    socket.once('connect', () => resolve(socket))
    // A loaded server may close a handshake it could not finish in time: try again, and say so if it never does.
    socket.once('connect_error', (err) => {
      socket.close()
      if (tries > 1) connectOne(url, auth, tries - 1).then(resolve, reject)
      else reject(err)
    })
  })
}

/** The server-clock offset from `rounds` clock round trips, as a page estimates it. */
export async function estimate(socket: Socket, rounds: number): Promise<number> {
  const est = new ClockEstimator()
  for (let i = 0; i < rounds; i++) {
    const t0 = now()
    const a = (await socket.timeout(5000).emitWithAck('clock', { t0 })) as { serverTime: number }
    est.add(t0, a.serverTime, now())
  }
  return est.offset
}

/** Holding the state means having it inflated and parsed, as a page does: checked on one client. */
export function holds(snap: { packed?: Uint8Array; state?: { awards: unknown[] } }): number {
  if (!snap.packed) return snap.state?.awards.length ?? -1
  let text: string
  try {
    text = inflateSync(snap.packed).toString('utf8')
  } catch {
    text = inflateRawSync(snap.packed).toString('utf8')
  }
  return (JSON.parse(text) as { awards: unknown[] }).awards.length
}

