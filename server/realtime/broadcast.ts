/**
 * What every socket of a conference receives: the log's events per audience, and the closing of
 * a revoked link's sockets. Each process sends to its own sockets what it reads from the log.
 */
import { eventFor, sameForAll, type Audience } from '../../shared/audience.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { linkRoom } from '../access/tokens.js'
import type { AppServer } from './app-server.js'
import { EventPacker } from './packed-events.js'

/** The broadcast room of one audience of a conference. */
export const conferenceRoom = (conferenceId: string, audience: Audience) => `conference:${conferenceId}:${audience}`

/** The sockets of an audience that take large batches deflated (they are in its broadcast room too). */
export const packedRoom = (conferenceId: string, audience: Audience) => `${conferenceRoom(conferenceId, audience)}:deflate`

/** One packer per server: the broadcast and the catch-ups at connect share its deflated batches. */
const packers = new WeakMap<AppServer, EventPacker>()
export function packerOf(io: AppServer): EventPacker {
  let packer = packers.get(io)
  if (!packer) {
    packer = new EventPacker()
    packers.set(io, packer)
  }
  return packer
}

/** Both audiences' rooms of a conference. */
export const everyone = (conferenceId: string) => [conferenceRoom(conferenceId, 'host'), conferenceRoom(conferenceId, 'public')]

/**
 * Sends events read from the log to both audiences: one encoding when they read the same. To
 * this process's sockets only: every process of a cluster follows the log and sends it to its own.
 */
export function broadcast(io: AppServer, conferenceId: string, events: ConferenceEvent[]): void {
  if (events.every(sameForAll)) return send(io, conferenceId, ['host', 'public'], events)
  send(io, conferenceId, ['host'], events)
  send(io, conferenceId, ['public'], events.map((e) => eventFor(e, 'public')))
}

/** One batch to the rooms of `audiences` (that read it the same): deflated, once, to the sockets that asked, when it is large. */
function send(io: AppServer, conferenceId: string, audiences: Audience[], events: ConferenceEvent[]): void {
  const rooms = audiences.map((a) => conferenceRoom(conferenceId, a))
  const packed = packerOf(io).pack(conferenceId, audiences[0] ?? 'public', events)
  if (!packed) return void io.local.to(rooms).emit('events', { events })
  const packedRooms = audiences.map((a) => packedRoom(conferenceId, a))
  io.local.to(rooms).except(packedRooms).emit('events', { events })
  io.local.to(packedRooms).emit('events', packed)
}

/**
 * Closes every socket opened with a link that was revoked, reissued or has expired: through the
 * adapter, so on every process of a cluster.
 */
export function closeLink(io: AppServer, linkId: string): void {
  io.in(linkRoom(linkId)).disconnectSockets(true)
}
