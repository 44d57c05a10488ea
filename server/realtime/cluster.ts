/**
 * Several server processes on one Redis. The log's events do not travel through here: every
 * process follows the log itself (server/store/redis-feed.ts) and sends it to its own sockets.
 * The Socket.IO Redis adapter carries the rest: a signer's live ink to screens on every process,
 * the revocation of a link (its sockets closed wherever they are), reveal reports, and each
 * process's share of presence, so that presence counts the whole cluster and a site connected
 * to two processes is one site online.
 */
import { randomUUID } from 'node:crypto'
import { redisModule } from '../redis-module.js'
import { catchForgotten, logOutages, reconnectDelay } from '../redis-care.js'
import type { Actor } from '../../shared/domain.js'
import type { PresencePart, PresenceTracker } from './presence.js'
import type { RevealTracker } from './reveals.js'
import type { AppServer } from './socket.js'

/** `pubsub`: @socket.io/redis-adapter; `streams`: @socket.io/redis-streams-adapter (docs/operations.md, "Running a cluster"). */
export type AdapterKind = 'pubsub' | 'streams'

/** Each process tells its presence this often, and forgets another's after PART_TTL_MS without news. */
const HEARTBEAT_MS = 2000
const PART_TTL_MS = 3 * HEARTBEAT_MS

interface ClusterOptions {
  url: string
  adapter?: AdapterKind
  /** Key and channel prefix, as the store's. */
  prefix?: string
}

type Emitter = { serverSideEmit(event: string, ...args: unknown[]): boolean; on(event: string, listener: (...args: never[]) => void): unknown }

/** Puts `io` on the Redis adapter and shares presence and reveal reports; `stop` undoes the timers and connections. */
export async function joinCluster(io: AppServer, trackers: { presence: PresenceTracker; reveals: RevealTracker }, opts: ClusterOptions): Promise<{ processId: string; stop(): Promise<void> }> {
  const processId = randomUUID()
  const prefix = opts.prefix ?? 'diemcau:'
  const streams = opts.adapter === 'streams'
  const pub = redisModule().createClient({
    url: opts.url,
    // Pub/sub: a message while Redis is gone fails at once (presence is told again every 2 s anyway).
    // Streams: the adapter's readers are duplicates of this client, and a read that failed at once would be retried at once, in a loop.
    disableOfflineQueue: !streams,
    socket: { reconnectStrategy: reconnectDelay },
  })
  logOutages(pub, 'Socket.IO adapter')
  catchForgotten(pub, ['publish'], 'Socket.IO adapter')
  await pub.connect()
  const clients = [pub]
  if (streams) {
    // The adapters, like node-redis, are loaded only by a process that joins a cluster.
    const { createAdapter: createStreamsAdapter } = await import('@socket.io/redis-streams-adapter')
    io.adapter(createStreamsAdapter(pub, { streamName: `${prefix}socket.io`, maxLen: 10_000 }))
  } else {
    const sub = pub.duplicate()
    // Its subscriptions are made again by the client itself after each reconnection.
    sub.on('error', () => undefined)
    catchForgotten(sub, ['subscribe', 'pSubscribe'], 'Socket.IO adapter')
    await sub.connect()
    clients.push(sub)
    const { createAdapter: createPubSubAdapter } = await import('@socket.io/redis-adapter')
    io.adapter(createPubSubAdapter(pub, sub, { key: `${prefix}socket.io` }))
  }

  // Server-to-server events of our own: AppServer's types declare only the pages' events.
  const nsp = io as unknown as Emitter
  const { presence, reveals } = trackers
  const tell = (conferenceId: string) => nsp.serverSideEmit('presence:part', processId, conferenceId, presence.part(conferenceId))
  presence.onLocalChange = tell
  nsp.on('presence:part', (from: string, conferenceId: string, part: PresencePart) => {
    if (from !== processId) presence.setRemote(from, conferenceId, part, PART_TTL_MS)
  })
  const heartbeat = setInterval(() => {
    // Nothing to tell through a Redis that is gone; the others' shares still expire.
    if (pub.isReady) for (const id of presence.conferenceIds()) tell(id)
    presence.expireRemote()
  }, HEARTBEAT_MS)
  heartbeat.unref()

  // A page reports its reveal to the process it is connected to; every process's host consoles count it.
  const report = reveals.report.bind(reveals)
  reveals.report = (actor, socketId, revealAt, at, connectedAt) => {
    const counted = report(actor, socketId, revealAt, at, connectedAt)
    if (counted) nsp.serverSideEmit('reveal:report', actor, socketId, revealAt, at)
    return counted
  }
  nsp.on('reveal:report', (actor: Actor, socketId: string, revealAt: number, at: number) => {
    report(actor, socketId, revealAt, at)
  })

  return {
    processId,
    async stop() {
      clearInterval(heartbeat)
      presence.onLocalChange = null
      for (const c of clients) if (c.isOpen) await c.close().catch(() => undefined)
    },
  }
}
