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

/** Connects one farm client; a handshake the server could not finish, or closed, is tried again, twice; 20 s at most each. */
export function connectOne(url: string, auth: object, tries = 3): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, options(auth))
    let settled = false
    const timer = setTimeout(() => fail(new Error('no answer to the handshake within 20 s')), 20_000)
    const fail = (err: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.close()
      if (tries > 1) connectOne(url, auth, tries - 1).then(resolve, reject)
      else reject(err)
    }
    socket.once('connect', () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(socket)
    })
    socket.once('connect_error', fail)
    // Closed before it connected (the server dropped it mid-handshake): not left waiting forever.
    socket.io.once('close', (reason) => fail(new Error(`closed before connecting: ${reason}`)))
  })
}

/**
 * The server-clock offset from `rounds` clock round trips, as a page estimates it. A round with no
 * answer within 5 s is skipped, as a page skips it (client/composables/sync/clock.ts), and asked
 * again, up to twice the rounds: a starved farm on a loaded machine is said by its drops, not a crash.
 */
export async function estimate(socket: Socket, rounds: number): Promise<number> {
  const est = new ClockEstimator()
  let answered = 0
  for (let i = 0; i < rounds * 2 && answered < rounds && socket.connected; i++) {
    const t0 = now()
    try {
      const a = (await socket.timeout(5000).emitWithAck('clock', { t0 })) as { serverTime: number }
      est.add(t0, a.serverTime, now())
      answered++
    } catch {
      // no answer in time: the next round
    }
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


/**
 * One client of a join storm: `held` settles it as holding the state, a refusal or a drop
 * settles it as lost (counted in `lost` by reason, its socket closed); whichever comes first.
 */
export function joinOutcome(socket: Socket, lost: Record<string, number>, done: () => void): { held: () => boolean } {
  let settled = false
  const settle = () => (settled ? false : (settled = true))
  const lose = (why: string) => {
    if (!settle()) return
    lost[why] = (lost[why] ?? 0) + 1
    socket.close()
    done()
  }
  socket.once('connect_error', (err) => lose(`refused: ${err.message}`))
  socket.once('disconnect', (reason) => lose(`disconnect: ${reason}`))
  return { held: settle }
}
