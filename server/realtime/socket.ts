/**
 * Socket.IO transport: handshake auth, catch-up on connect, command intake, sync, clock, presence.
 */
import type { Server, Socket } from 'socket.io'
import type { Actor } from '../../shared/domain.js'
import { fail } from '../../shared/errors.js'
import type { ClientToServerEvents, ServerToClientEvents, SyncAnswer } from '../../shared/protocol.js'
import { PROTOCOL_VERSION } from '../../shared/protocol.js'
import { resolveToken } from '../access/tokens.js'
import { recentSince, type ConferenceService, type Room } from '../conference/service.js'
import type { EventStore } from '../store/event-store.js'
import { PresenceTracker } from './presence.js'
import { TokenBucket } from './rate-limit.js'

export interface SocketData { actor: Actor }
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

export const conferenceRoom = (conferenceId: string) => `conference:${conferenceId}`

export function attachRealtime(io: AppServer, deps: { store: EventStore; service: ConferenceService; now: () => number }) {
  const presence = new PresenceTracker((id, p) => io.to(conferenceRoom(id)).emit('presence', p))

  io.use(async (socket, next) => {
    try {
      const check = await resolveToken(deps.store, (socket.handshake.auth as { token?: unknown } | undefined)?.token)
      if (!check.ok) return next(new Error(check.reason))
      socket.data.actor = check.actor
      next()
    } catch (err) {
      console.error('handshake failed:', err)
      next(new Error('the server could not check the access link; try again'))
    }
  })

  io.on('connection', (socket: AppSocket) => {
    const actor = socket.data.actor
    const bucket = new TokenBucket(40, 20)
    const lastSeq = (socket.handshake.auth as { lastSeq?: unknown }).lastSeq
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
      ack(await syncAnswer(deps.service, actor.conferenceId, since, deps.now))
    })
    socket.on('clock', (req, ack) => {
      if (typeof ack !== 'function') return
      const t0 = (req as { t0?: unknown } | null)?.t0
      const rttMs = (req as { rttMs?: unknown } | null)?.rttMs
      if (typeof rttMs === 'number' && Number.isFinite(rttMs) && rttMs >= 0 && rttMs < 60_000) presence.rtt(actor, rttMs)
      ack({ t0: typeof t0 === 'number' ? t0 : 0, serverTime: deps.now() })
    })
    socket.on('disconnect', () => presence.leave(actor))

    void deps.service.room(actor.conferenceId).then(
      (room) => {
        if (!socket.connected) return
        // Synchronous from here: no event can be published between the catch-up and the join.
        socket.emit('welcome', { protocol: PROTOCOL_VERSION, actor })
        sendCatchUp(socket, room, lastSeq, deps.now)
        socket.join(conferenceRoom(actor.conferenceId))
        presence.setSites(actor.conferenceId, room.state.sites.map((s) => s.id))
        presence.join(actor)
        socket.emit('presence', presence.current(actor.conferenceId))
      },
      (err) => {
        console.error(`loading conference ${actor.conferenceId} failed:`, err)
        socket.disconnect(true)
      },
    )
  })

  return { presence }
}

/** Only what a returning client missed, when memory still holds it; else the whole state. */
function sendCatchUp(socket: AppSocket, room: Room, lastSeq: unknown, now: () => number): void {
  const missed = typeof lastSeq === 'number' && Number.isInteger(lastSeq) ? recentSince(room, lastSeq) : null
  if (missed) socket.emit('events', { events: missed })
  else socket.emit('snapshot', { seq: room.seq, state: room.state, serverTime: now() })
}

async function syncAnswer(service: ConferenceService, conferenceId: string, since: number, now: () => number): Promise<SyncAnswer> {
  try {
    const room = await service.room(conferenceId)
    const events = await service.eventsSince(room, since)
    if (events) return { ok: true, events }
    return { ok: true, snapshot: { seq: room.seq, state: room.state, serverTime: now() } }
  } catch (err) {
    console.error('sync failed:', err)
    return fail('internal', 'the server could not read the conference log; try again')
  }
}
