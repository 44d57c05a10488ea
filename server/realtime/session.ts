/**
 * One socket's session, from its CONNECT to its disconnect: its catch-up and join, and every
 * message it sends, each parsed by its schema in the contract (shared/protocol.ts) and drawn from
 * its link's budgets or its own buckets.
 */
import { audienceOf, type Audience } from '../../shared/audience.js'
import { ErrorReason, fail } from '../../shared/errors.js'
import { inbound, PROTOCOL_VERSION, type AnySnapshot, type SyncAnswer, type ServerStatus } from '../../shared/protocol.js'
import type { CatchUp, ConferenceService } from '../conference/service.js'
import { refusalAck } from '../edge/answers.js'
import { TokenBucket } from '../edge/budgets.js'
import type { Gate, Refusal } from '../edge/gate.js'
import { capAnswer, shapeProblem } from '../edge/limits.js'
import { log } from '../log.js'
import type { AppSocket } from './app-server.js'
import { bufferedBytes, SNAPSHOT_IN_FLIGHT_BYTES } from './backpressure.js'
import { conferenceRoom, everyone, packedRoom, packerOf } from './broadcast.js'
import { acceptInk } from './ink.js'
import type { PresenceTracker } from './presence.js'
import type { RevealTracker } from './reveals.js'

export interface SessionDeps {
  service: ConferenceService
  gate: Gate
  presence: PresenceTracker
  reveals: RevealTracker
  status: () => ServerStatus
  now: () => number
  /** Told when the socket leaves (the slow-client sweep forgets it). */
  left: (socketId: string) => void
}

const BUSY: Refusal = { code: 'rate_limited', message: 'the previous answer has not reached this page yet; wait for it', reason: ErrorReason.rateLimited, params: { seconds: 1 }, retryAfterMs: 1000 }

/** Serves one authenticated socket: handlers first, so nothing sent right after connecting is dropped; then its catch-up. */
export function startSession(socket: AppSocket, deps: SessionDeps): void {
  const { actor, deflate, packEvents, link, lastSeq } = socket.data
  const { service, gate, presence, reveals, now } = deps
  const audience = audienceOf(actor.role)
  const who = { role: actor.role, conferenceId: actor.conferenceId, transport: socket.conn.transport.name }
  let joined = false
  log.info(who, 'connected')

  socket.on('command', async (envelope, ack) => {
    if (typeof ack !== 'function') return
    const over = await gate.spend('command', link)
    if (over) return ack(refusalAck(over))
    const shape = shapeProblem(envelope)
    if (shape) return ack(fail('invalid', shape, { reason: ErrorReason.requestMalformed }))
    const answer = await service.handle(actor, envelope)
    if (!answer.ok) log.info({ ...who, refused: answer.error.code }, 'command refused')
    ack(capAnswer(answer))
  })

  // At most one sync in progress and one snapshot in flight per socket; reads spend the link's budget.
  let syncing = false
  socket.on('sync', async (req, ack) => {
    if (typeof ack !== 'function') return
    if (syncing || bufferedBytes(socket) > SNAPSHOT_IN_FLIGHT_BYTES) return ack(refusalAck(BUSY))
    const parsed = inbound.sync.safeParse(req)
    if (!parsed.success) return ack(fail('invalid', 'since: must be a whole number of 0 or more'))
    syncing = true
    try {
      const over = await gate.spend('read', link)
      if (over) return ack(refusalAck(over))
      ack(await syncAnswer(service, actor.conferenceId, parsed.data.since, audience, deflate, now))
    } finally {
      syncing = false
    }
  })

  const clockBucket = new TokenBucket(24, 4)
  socket.on('clock', (req, ack) => {
    if (typeof ack !== 'function' || !clockBucket.take()) return
    const sample = inbound.clock.parse(req)
    if (joined) presence.clock(actor, sample)
    ack({ t0: sample.t0 ?? 0, serverTime: now() })
  })

  const revealBucket = new TokenBucket(20, 5)
  socket.on('revealed', (raw) => {
    if (!revealBucket.take()) return
    const report = inbound.revealed.safeParse(raw)
    if (report.success) reveals.report(actor, socket.id, report.data.revealAt, report.data.at, socket.handshake.issued)
  })

  if (actor.role === 'signer') {
    const inkBucket = new TokenBucket(120, 60)
    socket.on('ink', (raw) => {
      if (!inkBucket.take()) return
      void service.state(actor.conferenceId).then(({ state }) => {
        const batch = acceptInk(actor, state, raw)
        if (batch) socket.to(everyone(actor.conferenceId)).volatile.emit('ink', { ...batch, serverTime: now() })
      })
    })
  }

  // Only a socket that was counted leaves: one that drops during its catch-up never joined.
  socket.on('disconnect', (reason) => {
    deps.left(socket.id)
    log.info({ ...who, reason }, 'disconnected')
    if (joined) presence.leave(actor)
  })

  void Promise.all([service.catchUp(actor.conferenceId, lastSeq, audience), service.state(actor.conferenceId)]).then(
    ([catchUp, { state }]) => {
      if (!socket.connected) return
      // Synchronous from here: no event can be published between the catch-up and the join.
      socket.emit('welcome', { protocol: PROTOCOL_VERSION, actor })
      // Right after who it is: whether the log can be written now (a page connecting during an outage says so).
      socket.emit('status', deps.status())
      sendCatchUp(socket, catchUp, deflate, now)
      void socket.join(packEvents ? [conferenceRoom(actor.conferenceId, audience), packedRoom(actor.conferenceId, audience)] : conferenceRoom(actor.conferenceId, audience))
      presence.setSites(actor.conferenceId, state.sites.map((s) => s.id))
      presence.join(actor)
      joined = true
      socket.emit('presence', presence.current(actor.conferenceId))
      if (audience === 'host') socket.emit('reveals', { announcements: reveals.current(actor.conferenceId) })
    },
    (err: unknown) => {
      log.error({ err, conferenceId: actor.conferenceId }, 'loading the conference failed')
      socket.emit('status', deps.status())
      socket.disconnect(true)
    },
  )
}

function snapshotMessage(catchUp: Extract<CatchUp, { snapshot: unknown }>, deflate: boolean, now: () => number): AnySnapshot {
  const { seq, state, deflated } = catchUp.snapshot
  return deflate ? { seq, serverTime: now(), encoding: 'deflate', packed: deflated } : { seq, state, serverTime: now() }
}

/**
 * Only what a returning client missed, when memory still holds it; else the state, then what came
 * after it. A large catch-up goes deflated to a page that asked, shared with every page that
 * reconnects from the same seq (the ones dropped behind a big batch).
 */
function sendCatchUp(socket: AppSocket, catchUp: CatchUp, deflate: boolean, now: () => number): void {
  if ('snapshot' in catchUp) socket.emit('snapshot', snapshotMessage(catchUp, deflate, now))
  if (!catchUp.events.length && 'snapshot' in catchUp) return
  const { actor, packEvents } = socket.data
  const packed = packEvents ? packerOf(socket.nsp.server).pack(actor.conferenceId, audienceOf(actor.role), catchUp.events) : null
  socket.emit('events', packed ?? { events: catchUp.events })
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
