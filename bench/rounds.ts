/**
 * A bench's host, in the bench's own process (one socket: it sends, the farm's clients receive),
 * and the fan-out rounds: one command at a time, each round's arrivals at every farm client
 * measured from the instant the command was sent, on the common clock.
 */
import { io, type Socket } from 'socket.io-client'
import { pageOptions } from './client.js'
import { now } from './common.js'
import type { Farm } from './farm.js'

/** Connects one socket as a page does. */
export function connectOne(url: string, auth: object): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, pageOptions(auth))
    s.once('connect', () => resolve(s))
    s.once('connect_error', reject)
  })
}

/** Sends a command and resolves with the seq of its (first) event, or throws with the refusal. */
export async function command(host: Socket, envelope: object, timeoutMs = 30_000): Promise<number> {
  const ack = (await host.timeout(timeoutMs).emitWithAck('command', envelope)) as { ok: boolean; seq?: number; error?: unknown }
  if (!ack.ok || typeof ack.seq !== 'number') throw new Error(`command refused: ${JSON.stringify(ack.error)}`)
  return ack.seq
}

/** An award.announce of one award, revealed on arrival. */
export const announce = (awardId: string | undefined) => ({ id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: [awardId], revealInMs: 0 } })

export interface FanOut {
  /** Every client's arrival after the warm-up, ms after its round's command was sent. */
  latencies: number[]
  /** Host command sent → its ack, ms (durable, for the app). */
  acks: number[]
  /** The message each round delivered, as a viewer got it (for the bare server to send the same). */
  samples: unknown[]
  /** Rounds some client never got within timeoutMs. */
  short: number
  gaps: number
}

/** rounds + warmup commands one after another, each waited for at every farm client. */
export async function fanOut(farm: Farm, rounds: number, warmup: number, send: (i: number) => Promise<number>, timeoutMs = 15_000): Promise<FanOut> {
  await farm.watch('arrivals', { keepSample: true })
  const out: FanOut = { latencies: [], acks: [], samples: [], short: 0, gaps: 0 }
  for (let i = 0; i < rounds + warmup; i++) {
    const t0 = now()
    const key = await send(i)
    const acked = now() - t0
    const reports = await farm.collect(key, timeoutMs)
    out.samples.push(reports?.find((r) => r.sample !== undefined)?.sample)
    if (!reports) out.short++
    if (i < warmup || !reports) continue
    out.acks.push(acked)
    for (const r of reports) {
      out.gaps += r.gaps
      for (const t of r.times) out.latencies.push(t - t0)
    }
  }
  return out
}
