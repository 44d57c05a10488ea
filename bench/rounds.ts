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
  const out = emptyFanOut()
  for (let i = 0; i < rounds + warmup; i++) await round(farm, out, i >= warmup, () => send(i), '', timeoutMs)
  return out
}

/**
 * Two servers measured side by side, round by round: the farm holds both servers' clients (groups
 * `app` and `floor`); round i goes to the app's clients, then the floor's round i (sent what the
 * app's round i delivered) to the floor's. Whatever else the machine does drifts over both alike,
 * where a floor measured after the app would meet another minute of the machine.
 */
export async function fanOutSideBySide(
  farm: Farm, rounds: number, warmup: number,
  app: { group: string; send: (i: number) => Promise<number> },
  floor: { group: string; send: (i: number, sample: unknown) => Promise<number> },
  timeoutMs = 15_000,
): Promise<{ app: FanOut; floor: FanOut }> {
  await farm.watch('arrivals', { keepSample: true })
  const out = { app: emptyFanOut(), floor: emptyFanOut() }
  for (let i = 0; i < rounds + warmup; i++) {
    await round(farm, out.app, i >= warmup, () => app.send(i), app.group, timeoutMs)
    const sample = out.app.samples[i] ?? out.app.samples.find(Boolean)
    await round(farm, out.floor, i >= warmup, () => floor.send(i, sample), floor.group, timeoutMs)
  }
  return out
}

const emptyFanOut = (): FanOut => ({ latencies: [], acks: [], samples: [], short: 0, gaps: 0 })

/** One command, waited for at every client of `group`; counted unless a warm-up round. */
async function round(farm: Farm, out: FanOut, counted: boolean, send: () => Promise<number>, group: string, timeoutMs: number): Promise<void> {
  const t0 = now()
  const key = await send()
  const acked = now() - t0
  const reports = await farm.collect(key, timeoutMs, group)
  out.samples.push(reports?.find((r) => r.sample !== undefined)?.sample)
  if (!reports) out.short++
  if (!counted || !reports) return
  out.acks.push(acked)
  for (const r of reports) {
    out.gaps += r.gaps
    for (const t of r.times) out.latencies.push(t - t0)
  }
}
