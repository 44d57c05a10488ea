/** The typed Socket.IO client: one factory so every page speaks the protocol in shared/. */
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '../../shared/protocol.js'

export type ConferenceSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * Connects to the server at the page's own origin. `auth` is read before every connection
 * attempt, so a reconnect carries the seq the page has reached by then.
 */
export function createConferenceSocket(auth: () => HandshakeAuth): ConferenceSocket {
  return io({
    auth: (cb) => cb({ ...auth() }),
    // The token also rides on the handshake request itself, so the server checks it before the
    // upgrade (server/realtime/socket.ts `allowRequest`); never in the page's address.
    query: { token: auth().token },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  })
}
