/**
 * One worker of the client farm (bench/farm.ts), a child process of its own: it holds its share
 * of the bench's socket.io clients, connected as the pages connect (bench/client.ts), and reports
 * what they saw, every instant on the machine's common clock (bench/common.ts), so that the bench
 * computes a fan-out across all workers from one send instant.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { inflateSync } from 'node:zlib'
import { io, type Socket } from 'socket.io-client'
import { connectOne, estimate, holds, joinOutcome, options } from './farm-client.js'
import { now } from './common.js'
import { ready, send, serve } from './ipc.js'
import { LazyMessage } from './lazy-parser.js'
import { readStorm } from './read-tier-client.js'

/** `group`: the server a client belongs to when the farm holds two sets at once (an interleaved fan-out); '' otherwise. */
interface Client { socket: Socket; offset: number; lastSeq: number; closing: boolean; group: string }
interface Event { seq: number; type: string; data?: { revealAt?: number; awards?: unknown[]; awardIds?: unknown[] } }
/** What this worker's clients saw of one message (keyed by its first seq, or a reveal's revealAt, or an ink batch's t). */
interface Seen { key: number; group: string; times: number[]; reveals: number[]; gaps: number; awards: number; sample?: unknown }

const clients: Client[] = []
/** By group and key. */
const seen = new Map<string, Seen>()
const slot = (group: string, key: number) => `${group}\u0000${key}`
let mode: { kind: 'arrivals' | 'reveal' | 'ink'; complete: boolean; keepSample: boolean } = { kind: 'arrivals', complete: true, keepSample: false }
let dropped = 0
let reasons: Record<string, number> = {}
/** Drops by client group, since the last close. */
let droppedBy: Record<string, number> = {}
// How long this worker's clients waited for its event loop: over the heartbeat's 3 s, a drop is the farm's.
const lag = monitorEventLoopDelay({ resolution: 20 })
lag.enable()

/** Clients still connected: of `group`, or of every group. */
const live = (group?: string) => clients.reduce((n, c) => n + (c.socket.connected && !c.closing && (group === undefined || c.group === group) ? 1 : 0), 0)
function entry(key: number, group = ''): Seen {
  const at = slot(group, key)
  const known = seen.get(at)
  if (known) return known
  const s: Seen = { key, group, times: [], reveals: [], gaps: 0, awards: -1 }
  seen.set(at, s)
  return s
}

/** A key every live client of its group has seen (revealed, in reveal mode) is sent to the bench at once. */
function finish(s: Seen): void {
  if (!mode.complete) return
  const count = mode.kind === 'reveal' ? s.reveals.length : s.times.length
  if (count < live(s.group)) return
  seen.delete(slot(s.group, s.key))
  send({ push: mode.kind === 'reveal' ? 'reveals' : 'arrivals', key: s.key, group: s.group, times: Float64Array.from(s.times), reveals: Float64Array.from(s.reveals), gaps: s.gaps, awards: s.awards, sample: s.sample })
}

function adopt(socket: Socket, auth: { lastSeq?: unknown }, group = ''): Client {
  const c: Client = { socket, offset: 0, lastSeq: typeof auth.lastSeq === 'number' ? auth.lastSeq : -1, closing: false, group }
  clients.push(c)
  socket.on('disconnect', (reason) => {
    if (c.closing) return
    dropped++
    reasons[reason] = (reasons[reason] ?? 0) + 1
    droppedBy[group] = (droppedBy[group] ?? 0) + 1
    for (const s of [...seen.values()]) finish(s)
  })
  socket.on('events', (msg: unknown) => onEvents(c, msg))
  socket.on('ink', (b: { points?: number[][] }) => {
    const t = b.points?.[0]?.[2]
    if (mode.kind === 'ink' && t !== undefined) entry(t, c.group).times.push(now())
  })
  return c
}

/** A packed batch (eventsEncoding: 'deflate'): its seqs, and its bytes that only the sampler inflates. */
function packedOf(msg: unknown): { from: number; to: number; packed: Uint8Array } | null {
  if (typeof msg !== 'object' || msg === null || !('packed' in msg) || !('from' in msg) || !('to' in msg)) return null
  const { packed, from, to } = msg
  return packed instanceof Uint8Array && typeof from === 'number' && typeof to === 'number' ? { packed, from, to } : null
}

function onEvents(c: Client, msg: unknown): void {
  const at = now()
  const sampler = c === clients[0]
  let events: Event[] | undefined
  let key: number | undefined
  const packed = packedOf(msg)
  if (packed) {
    key = packed.from
    if (sampler) events = JSON.parse(inflateSync(packed.packed).toString('utf8')) as Event[]
  } else if (msg instanceof LazyMessage) {
    key = msg.firstSeq()
    if (sampler) {
      events = (msg.parse() as { events: Event[] }).events
      // The farm keys a large message by its first "seq": checked here against the parsed message.
      if (events[0]?.seq !== key) send({ push: 'problem', problem: `a large message's first seq read as ${key}, parsed as ${events[0]?.seq}` })
    }
  } else {
    events = (msg as { events?: Event[] }).events
    key = events?.[0]?.seq
  }
  if (key === undefined) return // the empty catch-up message of a client that connected with lastSeq
  if (mode.kind === 'reveal') return reveal(c, events ?? [], at)
  if (mode.kind !== 'arrivals') return
  const s = entry(key, c.group)
  s.times.push(at)
  if (events && c.lastSeq >= 0) {
    for (const e of events) {
      if (e.seq !== c.lastSeq + 1) s.gaps++
      c.lastSeq = e.seq
    }
  } else if (packed && c.lastSeq >= 0) {
    if (packed.from !== c.lastSeq + 1) s.gaps++
    c.lastSeq = packed.to
  } else if (!events) c.lastSeq = -1 // not parsed: the next message starts the count again
  if (sampler && events) {
    const announced = events.find((e) => e.type === 'award.announced')
    s.awards = announced?.data?.awards?.length ?? announced?.data?.awardIds?.length ?? 0
    if (mode.keepSample) s.sample = msg instanceof LazyMessage ? msg.parse() : msg
  }
  finish(s)
}

/** As a page does: show the award at revealAt on the corrected clock (at once when late), and report it. */
function reveal(c: Client, events: Event[], at: number): void {
  for (const e of events) {
    const revealAt = e.data?.revealAt
    if (e.type !== 'award.announced' || revealAt === undefined) continue
    entry(revealAt, c.group).times.push(at + c.offset)
    const show = () => {
      const shown = now() + c.offset
      const s = entry(revealAt, c.group)
      s.reveals.push(shown)
      c.socket.emit('revealed', { revealAt, at: Math.round(shown) })
      finish(s)
    }
    const wait = revealAt - (now() + c.offset)
    if (wait > 0) setTimeout(show, wait)
    else show()
  }
}

serve({
  /** Clients connected a batch at a time (the fan-out is measured, not a connection storm), in `group`. */
  connect: async ({ urls, auth, group }) => {
    const list = urls as string[]
    const g = typeof group === 'string' ? group : ''
    for (let i = 0; i < list.length; i += 50) {
      const batch = await Promise.all(list.slice(i, i + 50).map((url) => connectOne(url, auth as object)))
      for (const socket of batch) adopt(socket, auth as object, g)
    }
    return live(g)
  },
  clock: async ({ rounds }) => {
    for (let i = 0; i < clients.length; i += 25) await Promise.all(clients.slice(i, i + 25).map(async (c) => void (c.offset = await estimate(c.socket, Number(rounds)))))
    return clients.map((c) => c.offset)
  },
  watch: (m) => {
    mode = { kind: m.kind as typeof mode.kind, complete: m.complete !== false, keepSample: m.keepSample === true }
    seen.clear()
    return true
  },
  /** Every client at once, until each holds its snapshot; the time each got it, and why any did not. */
  storm: async ({ urls, auth, sample }) => {
    const times: number[] = []
    const lost: Record<string, number> = {}
    let bytes = 0
    let awards = -1
    await Promise.all((urls as string[]).map((url, i) => new Promise<void>((resolve) => {
      const socket = io(url, options(auth as object))
      const outcome = joinOutcome(socket, lost, resolve)
      socket.once('snapshot', (snap: { packed?: Uint8Array; state?: { awards: unknown[] } }) => {
        if (!outcome.held()) return
        times.push(now())
        bytes = snap.packed?.byteLength ?? JSON.stringify(snap.state).length
        if (i === 0 && sample) awards = holds(snap)
        adopt(socket, {})
        resolve()
      })
    })))
    return { times: Float64Array.from(times), lost, bytes, awards }
  },
  /** Every client at once through the read tier at `base` (bench/read-tier-client.ts), until each holds the state. */
  readStorm: ({ base, urls, conferenceId, auth }) => readStorm(String(base), urls as string[], String(conferenceId), auth as { token: string }, (s) => void adopt(s, {})),
  /** What the clients have seen and not yet reported (ink, or a message some never got). */
  flush: () => {
    const out = [...seen.values()].map((s) => ({ key: s.key, group: s.group, times: Float64Array.from(s.times), reveals: Float64Array.from(s.reveals) }))
    seen.clear()
    return out
  },
  /** Disconnects every client; the drops since the last close. */
  close: () => {
    for (const c of clients) {
      c.closing = true
      c.socket.disconnect()
    }
    clients.length = 0
    seen.clear()
    const out = { dropped, reasons, lagMaxMs: lag.max / 1e6, byGroup: droppedBy }
    dropped = 0
    reasons = {}
    droppedBy = {}
    lag.reset()
    return out
  },
  status: () => ({ live: live(), dropped, reasons, lagMaxMs: lag.max / 1e6, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 }),
  now: () => now(),
})
ready({ pid: process.pid })
