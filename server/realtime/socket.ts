/**
 * Socket.IO transport: handshake auth, catch-up on connect, command intake, sync, clock,
 * presence and reveal reports. Each socket joins the broadcast room of its audience: the host
 * room gets events whole, the public room gets them as sites and viewers may see them.
 */
import type { Server, Socket } from 'socket.io'
import { audienceOf, eventFor, sameForAll, type Audience } from '../../shared/audience.js'
import type { Actor } from '../../shared/domain.js'
import { fail } from '../../shared/errors.js'
import type { ConferenceEvent } from '../../shared/events.js'
import type { AnySnapshot, ClientToServerEvents, ServerToClientEvents, SyncAnswer } from '../../shared/protocol.js'
import { PROTOCOL_VERSION } from '../../shared/protocol.js'
import { linkRoom, resolveToken } from '../access/tokens.js'
import type { CatchUp, ConferenceService } from '../conference/service.js'
import type { EventStore } from '../store/event-store.js'
import { PresenceTracker } from './presence.js'
import { TokenBucket } from './rate-limit.js'
import { RevealTracker } from './reveals.js'
import { acceptInk } from './ink.js'

export interface SocketData { actor: Actor; deflate: boolean }
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

/** The broadcast room of one audience of a conference. */
export const conferenceRoom = (conferenceId: string, audience: Audience) => `conference:${conferenceId}:${audience}`

/** Sends appended events to both audiences: one encoding when they read the same. */
export function broadcast(io: AppServer, conferenceId: string, events: ConferenceEvent[]): void {
  const host = conferenceRoom(conferenceId, 'host')
  const pub = conferenceRoom(conferenceId, 'public')
  if (events.every(sameForAll)) {
    io.to([host, pub]).emit('events', { events })
    return
  }
  io.to(host).emit('events', { events })
  io.to(pub).emit('events', { events: events.map((e) => eventFor(e, 'public')) })
}

export function attachRealtime(io: AppServer, deps: { store: EventStore; service: ConferenceService; now: () => number }) {
  const presence = new PresenceTracker((id, p) => io.to([conferenceRoom(id, 'host'), conferenceRoom(id, 'public')]).emit('presence', p), 250, deps.now)
  const reveals = new RevealTracker((id, announcements) => io.to(conferenceRoom(id, 'host')).emit('reveals', { announcements }))

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as { token?: unknown; snapshotEncoding?: unknown } | undefined
      const check = await resolveToken(deps.store, auth?.token)
      if (!check.ok) return next(new Error(check.reason))
      socket.data.actor = check.actor
      // Revoking the link closes this socket: server/http/links.ts disconnects the link's room.
      void socket.join(linkRoom(check.linkId))
      socket.data.deflate = auth?.snapshotEncoding === 'deflate'
      next()
    } catch (err) {
      console.error('handshake failed:', err)
      next(new Error('the server could not check the access link; try again'))
    }
  })

  io.on('connection', (socket: AppSocket) => {
    const { actor, deflate } = socket.data
    const audience = audienceOf(actor.role)
    const bucket = new TokenBucket(40, 20)
    let joined = false
    const rawLastSeq = (socket.handshake.auth as { lastSeq?: unknown }).lastSeq
    const lastSeq = typeof rawLastSeq === 'number' && Number.isInteger(rawLastSeq) && rawLastSeq >= 0 ? rawLastSeq : undefined
    // Handlers first, so that nothing a client sends right after connecting is dropped.
    socket.on('command', async (envelope, ack) => {
      if (typeof ack !== 'function') return
      if (!bucket.take()) return ack(fail('rate_limited', 'too many commands from this connection; wait a moment and retry'))
      ack(await deps.service.handle(actor, envelope))
    })
    socket.on('sync', async (req, ack) => {
      if (typeof ack !== 'function') return
      const since = (req as { since?: unknown } | null)?.since
      if (typeof since !== 'number' || !Number.isInteger(since) || since < 0) {
        return ack(fail('invalid', 'since: must be a whole number of 0 or more'))
      }
      ack(await syncAnswer(deps.service, actor.conferenceId, since, audience, deflate, deps.now))
    })
    socket.on('clock', (req, ack) => {
      if (typeof ack !== 'function') return
      const t0 = (req as { t0?: unknown } | null)?.t0
      if (joined) presence.clock(actor, (req as { rttMs?: unknown; offsetMs?: unknown } | null) ?? {})
      ack({ t0: typeof t0 === 'number' ? t0 : 0, serverTime: deps.now() })
    })
    socket.on('revealed', (r) => {
      const report = r as { revealAt?: unknown; at?: unknown } | null
      reveals.report(actor, socket.id, report?.revealAt, report?.at, socket.handshake.issued)
    })
    if (actor.role === 'signer') {
      const inkBucket = new TokenBucket(120, 60)
      socket.on('ink', (raw) => {
        if (!inkBucket.take()) return
        void deps.service.room(actor.conferenceId).then((room) => {
          const batch = acceptInk(actor, room.state, raw)
          if (batch) socket.to([conferenceRoom(actor.conferenceId, 'host'), conferenceRoom(actor.conferenceId, 'public')]).volatile.emit('ink', { ...batch, serverTime: deps.now() })
        })
      })
    }
    // Only a socket that was counted leaves: one that drops during its catch-up never joined.
    socket.on('disconnect', () => {
      if (joined) presence.leave(actor)
    })

    void Promise.all([deps.service.catchUp(actor.conferenceId, lastSeq, audience), deps.service.room(actor.conferenceId)]).then(
      ([catchUp, room]) => {
        if (!socket.connected) return
        // Synchronous from here: no event can be published between the catch-up and the join.
        socket.emit('welcome', { protocol: PROTOCOL_VERSION, actor })
        sendCatchUp(socket, catchUp, deflate, deps.now)
        socket.join(conferenceRoom(actor.conferenceId, audience))
        presence.setSites(actor.conferenceId, room.state.sites.map((s) => s.id))
        presence.join(actor)
        joined = true
        socket.emit('presence', presence.current(actor.conferenceId))
        if (audience === 'host') socket.emit('reveals', { announcements: reveals.current(actor.conferenceId) })
      },
      (err) => {
        console.error(`loading conference ${actor.conferenceId} failed:`, err)
        socket.disconnect(true)
      },
    )
  })

  return { presence, reveals }
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
    console.error('sync failed:', err)
    return fail('internal', 'the server could not read the conference log; try again')
  }
}
