/**
 * What every socket of a conference receives: the log's events per audience, and the closing of
 * a revoked link's sockets. Each process sends to its own sockets what it reads from the log.
 */
import { eventFor, sameForAll, type Audience } from '../../shared/audience.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { linkRoom } from '../access/tokens.js'
import type { AppServer } from './app-server.js'

/** The broadcast room of one audience of a conference. */
export const conferenceRoom = (conferenceId: string, audience: Audience) => `conference:${conferenceId}:${audience}`

/** Both audiences' rooms of a conference. */
export const everyone = (conferenceId: string) => [conferenceRoom(conferenceId, 'host'), conferenceRoom(conferenceId, 'public')]

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

/**
 * Closes every socket opened with a link that was revoked, reissued or has expired: through the
 * adapter, so on every process of a cluster.
 */
export function closeLink(io: AppServer, linkId: string): void {
  io.in(linkRoom(linkId)).disconnectSockets(true)
}
