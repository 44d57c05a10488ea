/**
 * Socket.IO transport: handshake auth, catch-up on connect, command intake, sync, clock,
 * presence and reveal reports. Each socket joins the broadcast room of its audience: the host
 * room gets events whole, the public room gets them as sites and viewers may see them.
 */
import type { IncomingMessage } from 'node:http'
import { performance } from 'node:perf_hooks'
import type { Server, Socket } from 'socket.io'
import { audienceOf, eventFor, sameForAll, type Audience } from '../../shared/audience.js'
import type { Actor } from '../../shared/domain.js'
import { ErrorReason, fail, type ErrorBody } from '../../shared/errors.js'
import type { ConferenceEvent } from '../../shared/events.js'
import type { AnySnapshot, ClientToServerEvents, ServerToClientEvents, SyncAnswer } from '../../shared/protocol.js'
import { PROTOCOL_VERSION } from '../../shared/protocol.js'
import { linkRoom } from '../access/tokens.js'
import type { CatchUp, ConferenceService } from '../conference/service.js'
import type { EventStore } from '../store/event-store.js'
import { PresenceTracker } from './presence.js'
import { TokenBucket } from './rate-limit.js'
import { RevealTracker } from './reveals.js'
import { watchStoreStatus } from './store-status.js'
import { acceptInk } from './ink.js'
import type { Admitted, Gate, Refusal } from '../http/gate.js'
import { capAnswer, shapeProblem } from '../http/limits.js'
import { log } from '../log.js'

export interface SocketData { actor: Actor; deflate: boolean; link: Admitted }
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

/** The broadcast room of one audience of a conference. */
export const conferenceRoom = (conferenceId: string, audience: Audience) => `conference:${conferenceId}:${audience}`

/**
 * Sends events read from the log to both audiences: one encoding when they read the same. To
 * this process's sockets only: every process of a cluster follows the log and sends it to its own.
 */
export function broadcast(io: AppServer, conferenceId: string, events: ConferenceEvent[]): void {
  const host = conferenceRoom(conferenceId, 'host')
  const pub = conferenceRoom(conferenceId, 'public')
  if (events.every(sameForAll)) {
    io.local.to([host, pub]).emit('events', { events })
    return
  }
  io.local.to(host).emit('events', { events })
  io.local.to(pub).emit('events', { events: events.map((e) => eventFor(e, 'public')) })
}

/** What the handshake check (before the upgrade) left on the request for the namespace's middleware. */
interface GateMark {
  /** The token in the handshake's query or Authorization header was valid: its actor. */
  admitted?: Admitted
  token?: string
  /** It was not: the reason, told to the page at its CONNECT, then the connection is closed. */
  refusal?: Refusal
  /** Set once a socket of this connection is authenticated. */
  authenticated?: boolean
  /** The connection is counted against its link's cap of open sockets. */
  linkHeld?: boolean
}
type MarkedRequest = IncomingMessage & { gate?: GateMark }

/** The token of a handshake request: `?token=` (browsers) or `Authorization: Bearer` (scripts). */
function handshakeToken(req: IncomingMessage): string | undefined {
  const header = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]
  if (header) return header
  const q = (req as { _query?: Record<string, unknown> })._query?.['token'] ?? new URL(req.url ?? '/', 'http://x').searchParams.get('token')
  return typeof q === 'string' && q ? q : undefined
}

/** The store (Redis) could not be reached or did not answer in time (server/store/redis.ts). */
const unavailable = (err: unknown) => (err as { code?: unknown } | null)?.code === 'store_unavailable'

/** A handshake the links could not be checked for: the page waits and connects again by itself. */
const STORE_UNAVAILABLE: Refusal = {
  code: 'internal',
  message: 'the conference data cannot be reached right now; the page connects again by itself',
  reason: ErrorReason.storeUnavailable,
  retryAfterMs: 2000,
}

/** A refusal as a handshake error: the page reads `message`, and `data.code` (and `data.retryAfterMs`). */
function handshakeError(r: Refusal): Error {
  const err = new Error(r.message) as Error & { data?: unknown }
  err.data = { code: r.code, ...(r.reason ? { reason: r.reason } : {}), ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) }
  return err
}

/**
 * Socket.IO's `allowRequest`: runs on the HTTP request, before the upgrade and before any frame
 * is read. A foreign Origin, an address out of handshakes or guesses, or a link out of handshakes
 * is refused here (HTTP 403). A wrong token is let through to be told so at its CONNECT (a page
 * then shows "link revoked" rather than retrying), and that connection is closed right after.
 */
export function allowRequest(gate: Gate) {
  return (req: IncomingMessage, fn: (err: string | null | undefined, success: boolean) => void): void => {
    void (async () => {
      const foreign = gate.origin(req)
      if (foreign) {
        log.info({ via: 'socket', refused: 'origin', origin: String(req.headers.origin).slice(0, 100) }, 'foreign origin refused')
        return fn(foreign.message, false)
      }
      const address = gate.address(req)
      const busy = await gate.spendAddress(address)
      if (busy) return fn(busy.message, false)
      const token = handshakeToken(req)
      const mark: GateMark = {}
      ;(req as MarkedRequest).gate = mark
      if (token === undefined) return fn(null, true) // the token comes in the CONNECT's auth (older clients)
      const check = await gate.admit(token, req, 'socket')
      if (!check.ok) {
        if (check.code === 'rate_limited') return fn(check.message, false)
        mark.refusal = check
        return fn(null, true)
      }
      const over = await gate.spend('handshake', check)
      if (over) return fn(over.message, false)
      mark.admitted = check
      mark.token = token
      fn(null, true)
    })().catch((err: unknown) => {
      // The links cannot be read (Redis down): the CONNECT checks again and tells the page why (storeUnavailable).
      if (unavailable(err)) return fn(null, true)
      log.error({ err }, 'handshake check failed')
      fn('the server could not check the access link; try again', false)
    })
  }
}

/** Bytes waiting to reach this socket's client: in the WebSocket's buffer and in engine.io's queue. */
export function bufferedBytes(socket: AppSocket): number {
  const conn = socket.conn as unknown as { writeBuffer?: { data?: unknown }[]; transport?: { socket?: { bufferedAmount?: number } } }
  let n = conn.transport?.socket?.bufferedAmount ?? 0
  for (const p of conn.writeBuffer ?? []) {
    const d = p.data
    n += typeof d === 'string' ? d.length : d instanceof Uint8Array ? d.byteLength : d instanceof ArrayBuffer ? d.byteLength : 16
  }
  return n
}

/**
 * Outgoing bounds: a client this far behind in reading is dropped (it catches up by `lastSeq` on
 * reconnect); one that has not taken a byte of a backlog over STALL_BYTES for STALL_MS also.
 */
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

export function attachRealtime(io: AppServer, deps: { store: EventStore; service: ConferenceService; now: () => number; gate: Gate; slowClients?: Partial<SlowClientBounds> }) {
  const { gate } = deps
  const bounds: SlowClientBounds = { maxBacklogBytes: MAX_BACKLOG_BYTES, stallBytes: STALL_BYTES, stallMs: STALL_MS, ...deps.slowClients }
  // Each process sends the cluster's figures (server/realtime/cluster.ts) to its own sockets.
  const presence = new PresenceTracker((id, p) => io.local.to([conferenceRoom(id, 'host'), conferenceRoom(id, 'public')]).emit('presence', p), 250, deps.now)
  const reveals = new RevealTracker((id, announcements) => io.local.to(conferenceRoom(id, 'host')).emit('reveals', { announcements }))
  // Whether the log can be written: every page of this process is told when that changes (never through Redis).
  const storeStatus = watchStoreStatus(deps.store, deps.now, (status) => io.local.emit('status', status))

  // A connection that has not authenticated a socket within 2 s of its handshake is closed: frames
  // from a stranger are not read for long.
  io.engine.on('connection', (conn: { request: MarkedRequest; close(): void; once(e: string, f: () => void): void }) => {
    const mark = (conn.request.gate ??= {})
    // Counted while open: past a cap, the page is told at its CONNECT (rate_limited) and closed.
    const address = gate.holdAddress(gate.address(conn.request))
    if ('release' in address) conn.once('close', address.release)
    else mark.refusal ??= address
    if (mark.admitted && !mark.refusal) {
      const link = gate.holdLink(mark.admitted)
      if ('release' in link) {
        conn.once('close', link.release)
        mark.linkHeld = true
        return
      }
      mark.refusal = link
    }
    const t = setTimeout(() => {
      if (!conn.request.gate?.authenticated) conn.close()
    }, 2000)
    conn.once('close', () => clearTimeout(t))
  })

  io.use(async (socket, next) => {
    const mark = (socket.request as MarkedRequest).gate ?? {}
    const refuse = (r: Refusal) => {
      next(handshakeError(r))
      // Told; now closed, whatever the client does next.
      setImmediate(() => socket.conn.close())
    }
    try {
      const auth = socket.handshake.auth as { token?: unknown; snapshotEncoding?: unknown } | undefined
      if (mark.refusal) return refuse(mark.refusal)
      let admitted = mark.admitted
      if (admitted) {
        if (auth?.token !== undefined && auth.token !== mark.token) return refuse({ code: 'unauthorized', message: 'the handshake carries two different access links', reason: ErrorReason.tokenUnknown })
      } else {
        const check = await gate.admit(auth?.token, socket.request, 'socket')
        if (!check.ok) return refuse(check)
        const over = await gate.spend('handshake', check)
        if (over) return refuse(over)
        admitted = check
      }
      if (!mark.linkHeld) {
        const held = gate.holdLink(admitted)
        if (!('release' in held)) return refuse(held)
        socket.conn.once('close', held.release)
        mark.linkHeld = true
      }
      mark.authenticated = true
      socket.data.actor = admitted.actor
      socket.data.link = admitted
      // Revoking the link closes this socket: server/http/links.ts disconnects the link's room.
      void socket.join(linkRoom(admitted.linkId))
      socket.data.deflate = auth?.snapshotEncoding === 'deflate'
      next()
    } catch (err) {
      // Not final: the page says the server cannot reach its data, and connects again after `retryAfterMs`.
      if (unavailable(err)) return next(handshakeError(STORE_UNAVAILABLE))
      log.error({ err }, 'handshake failed')
      next(new Error('the server could not check the access link; try again'))
    }
  })

  // Slow consumers: dropped past the backlog bound, or when stalled.
  const stalled = new Map<string, { bytes: number; since: number }>()
  const sweep = setInterval(() => {
    const t = performance.now()
    for (const socket of io.of('/').sockets.values()) {
      const bytes = bufferedBytes(socket)
      if (bytes > bounds.maxBacklogBytes) {
        dropSlow(socket, bytes)
        continue
      }
      if (bytes < bounds.stallBytes) {
        stalled.delete(socket.id)
        continue
      }
      const prev = stalled.get(socket.id)
      if (!prev || bytes < prev.bytes) stalled.set(socket.id, { bytes, since: prev && bytes < prev.bytes ? t : prev?.since ?? t })
      else if (t - prev.since > bounds.stallMs) dropSlow(socket, bytes)
    }
  }, 1000)
  sweep.unref()

  function dropSlow(socket: AppSocket, bytes: number): void {
    const actor = socket.data.actor
    log.warn({ role: actor?.role, conferenceId: actor?.conferenceId, bufferedBytes: bytes }, 'slow client dropped: it catches up by lastSeq when it reconnects')
    stalled.delete(socket.id)
    socket.disconnect(true)
    // The transport's buffers go with it: a client that does not read does not hold them.
    ;(socket.conn as unknown as { transport?: { socket?: { terminate?: () => void } } }).transport?.socket?.terminate?.()
  }

  io.on('connection', (socket: AppSocket) => {
    const { actor, deflate, link } = socket.data
    const audience = audienceOf(actor.role)
    let joined = false
    const rawLastSeq = (socket.handshake.auth as { lastSeq?: unknown }).lastSeq
    const lastSeq = typeof rawLastSeq === 'number' && Number.isInteger(rawLastSeq) && rawLastSeq >= 0 ? rawLastSeq : undefined
    const who = { role: actor.role, conferenceId: actor.conferenceId, transport: socket.conn.transport.name }
    log.info(who, 'connected')
    // Handlers first, so that nothing a client sends right after connecting is dropped.
    socket.on('command', async (envelope, ack) => {
      if (typeof ack !== 'function') return
      const over = await gate.spend('command', link)
      if (over) return ack(refusal(over))
      const shape = shapeProblem(envelope)
      if (shape) return ack(fail('invalid', shape, { reason: ErrorReason.requestMalformed }))
      const answer = await deps.service.handle(actor, envelope)
      if (!answer.ok) log.info({ ...who, refused: answer.error.code }, 'command refused')
      ack(capAnswer(answer))
    })
    // At most one sync in progress and one snapshot in flight per socket; reads spend the link's budget.
    let syncing = false
    socket.on('sync', async (req, ack) => {
      if (typeof ack !== 'function') return
      if (syncing || bufferedBytes(socket) > SNAPSHOT_IN_FLIGHT_BYTES) {
        return ack(refusal({ code: 'rate_limited', message: 'the previous answer has not reached this page yet; wait for it', reason: ErrorReason.rateLimited, params: { seconds: 1 }, retryAfterMs: 1000 }))
      }
      const since = (req as { since?: unknown } | null)?.since
      if (typeof since !== 'number' || !Number.isInteger(since) || since < 0) {
        return ack(fail('invalid', 'since: must be a whole number of 0 or more'))
      }
      syncing = true
      try {
        const over = await gate.spend('read', link)
        if (over) return ack(refusal(over))
        ack(await syncAnswer(deps.service, actor.conferenceId, since, audience, deflate, deps.now))
      } finally {
        syncing = false
      }
    })
    const clockBucket = new TokenBucket(24, 4)
    socket.on('clock', (req, ack) => {
      if (typeof ack !== 'function' || !clockBucket.take()) return
      const t0 = (req as { t0?: unknown } | null)?.t0
      if (joined) presence.clock(actor, (req as { rttMs?: unknown; offsetMs?: unknown } | null) ?? {})
      ack({ t0: typeof t0 === 'number' ? t0 : 0, serverTime: deps.now() })
    })
    const revealBucket = new TokenBucket(20, 5)
    socket.on('revealed', (r) => {
      if (!revealBucket.take()) return
      const report = r as { revealAt?: unknown; at?: unknown } | null
      reveals.report(actor, socket.id, report?.revealAt, report?.at, socket.handshake.issued)
    })
    if (actor.role === 'signer') {
      const inkBucket = new TokenBucket(120, 60)
      socket.on('ink', (raw) => {
        if (!inkBucket.take()) return
        void deps.service.state(actor.conferenceId).then(({ state }) => {
          const batch = acceptInk(actor, state, raw)
          if (batch) socket.to([conferenceRoom(actor.conferenceId, 'host'), conferenceRoom(actor.conferenceId, 'public')]).volatile.emit('ink', { ...batch, serverTime: deps.now() })
        })
      })
    }
    // Only a socket that was counted leaves: one that drops during its catch-up never joined.
    socket.on('disconnect', (reason) => {
      stalled.delete(socket.id)
      log.info({ ...who, reason }, 'disconnected')
      if (joined) presence.leave(actor)
    })

    void Promise.all([deps.service.catchUp(actor.conferenceId, lastSeq, audience), deps.service.state(actor.conferenceId)]).then(
      ([catchUp, { state }]) => {
        if (!socket.connected) return
        // Synchronous from here: no event can be published between the catch-up and the join.
        socket.emit('welcome', { protocol: PROTOCOL_VERSION, actor })
        // Right after who it is: whether the log can be written now (a page connecting during an outage says so).
        socket.emit('status', storeStatus.current())
        sendCatchUp(socket, catchUp, deflate, deps.now)
        socket.join(conferenceRoom(actor.conferenceId, audience))
        presence.setSites(actor.conferenceId, state.sites.map((s) => s.id))
        presence.join(actor)
        joined = true
        socket.emit('presence', presence.current(actor.conferenceId))
        if (audience === 'host') socket.emit('reveals', { announcements: reveals.current(actor.conferenceId) })
      },
      (err: unknown) => {
        log.error({ err, conferenceId: actor.conferenceId }, 'loading the conference failed')
        socket.emit('status', storeStatus.current())
        socket.disconnect(true)
      },
    )
  })

  return {
    presence,
    reveals,
    stop() {
      clearInterval(sweep)
      storeStatus.stop()
    },
  }
}

/** A refusal as an ack: the coded error, and how long to wait when it is a budget. */
function refusal(r: Refusal): { ok: false; error: ErrorBody; retryAfterMs?: number } {
  return { ...fail(r.code, r.message, { ...(r.reason ? { reason: r.reason } : {}), ...(r.params ? { params: r.params } : {}) }), ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) }
}

function snapshotMessage(catchUp: Extract<CatchUp, { snapshot: unknown }>, deflate: boolean, now: () => number): AnySnapshot {
  const { seq, state, deflated } = catchUp.snapshot
  return deflate ? { seq, serverTime: now(), encoding: 'deflate', packed: deflated } : { seq, state, serverTime: now() }
}

/** Only what a returning client missed, when memory still holds it; else the state, then what came after it. */
function sendCatchUp(socket: AppSocket, catchUp: CatchUp, deflate: boolean, now: () => number): void {
  if ('snapshot' in catchUp) socket.emit('snapshot', snapshotMessage(catchUp, deflate, now))
  if (catchUp.events.length || !('snapshot' in catchUp)) socket.emit('events', { events: catchUp.events })
}

async function syncAnswer(service: ConferenceService, conferenceId: string, since: number, audience: Audience, deflate: boolean, now: () => number): Promise<SyncAnswer> {
  try {
    const catchUp = await service.catchUp(conferenceId, since, audience)
    if (!('snapshot' in catchUp)) return { ok: true, events: catchUp.events }
    return { ok: true, snapshot: snapshotMessage(catchUp, deflate, now), events: catchUp.events }
  } catch (err) {
    log.error({ err, conferenceId }, 'sync failed')
    return fail('internal', 'the server could not read the conference log; try again')
  }
}
