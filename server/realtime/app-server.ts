/** The Socket.IO server and socket of this app, typed by the contract (shared/protocol.ts). */
import type { Server, Socket } from 'socket.io'
import type { Actor } from '../../shared/domain.js'
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js'
import type { Admitted } from '../edge/gate.js'

/** What the handshake leaves on each socket: who it is, how it wants snapshots and large events, its link. */
export interface SocketData { actor: Actor; deflate: boolean; packEvents: boolean; link: Admitted; lastSeq?: number }
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
