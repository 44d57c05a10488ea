/**
 * The Socket.IO transport, put together: the handshake (handshake.ts), one session per socket
 * (session.ts: its joins, sync, buckets), backpressure (backpressure.ts) and broadcast
 * (broadcast.ts). Each socket joins the broadcast room of its audience: the host room gets events
 * whole, the public room gets them as sites and viewers may see them.
 */
import type { ServerStatus } from '../../shared/protocol.js'
import type { Revocations } from '../access/revocations.js'
import type { ConferenceService } from '../conference/service.js'
import type { Gate } from '../edge/gate.js'
import type { AppServer } from './app-server.js'
import { watchSlowClients, type SlowClientBounds } from './backpressure.js'
import { closeLink, conferenceRoom, everyone } from './broadcast.js'
import { authenticate, guardConnections } from './handshake.js'
import { PresenceTracker } from './presence.js'
import { RevealTracker } from './reveals.js'
import { startSession } from './session.js'

export type { AppServer, SocketData } from './app-server.js'
export { bufferedBytes, MAX_BACKLOG_BYTES, SNAPSHOT_IN_FLIGHT_BYTES, STALL_BYTES, STALL_MS, type SlowClientBounds } from './backpressure.js'
export { broadcast, conferenceRoom } from './broadcast.js'
export { allowRequest } from './handshake.js'

export interface RealtimeDeps {
  service: ConferenceService
  gate: Gate
  /** Whether the log can be written now, for a socket that has just connected. */
  status: () => ServerStatus
  /** Links that stop working: their sockets are closed, on every process. */
  revocations: Revocations
  now: () => number
  slowClients?: Partial<SlowClientBounds>
}

export function attachRealtime(io: AppServer, deps: RealtimeDeps) {
  const { gate } = deps
  // Each process sends the cluster's figures (server/realtime/cluster.ts) to its own sockets.
  const presence = new PresenceTracker((id, p) => io.local.to(everyone(id)).emit('presence', p), 250, deps.now)
  const onlineSites = (id: string) => Object.entries(presence.current(id).sites).filter(([, s]) => s.online).map(([siteId]) => siteId)
  const reveals = new RevealTracker((id, announcements) => io.local.to(conferenceRoom(id, 'host')).emit('reveals', { announcements }), 250, onlineSites)
  const slow = watchSlowClients(io, deps.slowClients)
  const unsubscribe = deps.revocations.subscribe((linkId) => closeLink(io, linkId))

  guardConnections(io, gate)
  io.use(authenticate(gate))
  io.on('connection', (socket) => startSession(socket, { service: deps.service, gate, presence, reveals, status: deps.status, now: deps.now, left: slow.forget }))

  return {
    presence,
    reveals,
    stop() {
      slow.stop()
      unsubscribe()
    },
  }
}
