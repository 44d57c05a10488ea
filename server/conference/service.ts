/**
 * The conference service: validate, authorize, decide, append, publish.
 * Knows nothing of Socket.IO or Express; the transports call `handle` and listen to `onAppended`.
 */
import { Command, describeZodError } from '../../shared/commands.js'
import type { Actor, ConferenceState } from '../../shared/domain.js'
import { initialState, STATE_VERSION } from '../../shared/domain.js'
import { ErrorReason, fail, zodDetail, type Ack } from '../../shared/errors.js'
import { readEvent, type ConferenceEvent, type NewEvent } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import { MAX_CATCH_UP_EVENTS } from '../../shared/protocol.js'
import type { EventStore, StoredEvent } from '../store/event-store.js'
import { eventFor, type Audience } from '../../shared/audience.js'
import { forbidden } from './authorize.js'
import { SnapshotCache, type EncodedSnapshot } from './snapshots.js'
import { decide } from './decide.js'

/** The live, in-memory view of one conference, kept in step with its log. */
export interface Room {
  conferenceId: string
  seq: number
  state: ConferenceState
  /** The latest events, so that a returning client catches up without a store read. */
  recent: ConferenceEvent[]
  /** Commands of one conference run one at a time: one writer per conference. */
  queue: Promise<unknown>
  eventsSinceSnapshot: number
}

export interface ServiceOptions {
  store: EventStore
  /** Server clock in epoch ms; a parameter so that tests can pin it. */
  now?: () => number
  /** Save a state snapshot every this many events, so a restart does not replay the whole log. */
  snapshotEvery?: number
  /** Called with every appended batch, in order, only after it is durable. */
  onAppended?: (conferenceId: string, events: ConferenceEvent[]) => void
}

const MAX_CONFLICT_RETRIES = 5

/** What a client needs to be current: the events it missed, or a snapshot (then any events after it). */
export type CatchUp = { events: ConferenceEvent[] } | { snapshot: EncodedSnapshot; events: ConferenceEvent[] }

export class ConferenceService {
  private readonly rooms = new Map<string, Promise<Room>>()
  private readonly now: () => number
  private readonly snapshotEvery: number
  private readonly snapshots = new SnapshotCache()

  constructor(private readonly opts: ServiceOptions) {
    this.now = opts.now ?? Date.now
    this.snapshotEvery = opts.snapshotEvery ?? 500
  }

  /** The room of a conference, loaded once from the latest snapshot plus the events after it. */
  room(conferenceId: string): Promise<Room> {
    let room = this.rooms.get(conferenceId)
    if (!room) {
      room = this.load(conferenceId)
      this.rooms.set(conferenceId, room)
      room.catch(() => this.rooms.delete(conferenceId))
    }
    return room
  }

  /** Parses, authorizes, decides and appends one command; never throws. */
  async handle(actor: Actor, envelope: unknown): Promise<Ack> {
    const parsed = Command.safeParse(envelope)
    if (!parsed.success) return fail('invalid', describeZodError(parsed.error), zodDetail(parsed.error))
    const cmd = parsed.data
    const denied = forbidden(actor, cmd)
    if (denied) return fail('forbidden', denied.message, denied.detail)
    try {
      const room = await this.room(actor.conferenceId)
      return await this.serialize(room, () => this.run(room, actor, cmd))
    } catch (err) {
      console.error(`command ${cmd.type} (${cmd.id}) failed:`, err)
      return fail('internal', 'the server could not process the command; it was not applied', { reason: ErrorReason.internal })
    }
  }

  /**
   * Appends events the server itself decided (seeding, imports): no actor, same durability,
   * same publishing. A `commandId` makes it idempotent like a client command.
   */
  async appendSystem(conferenceId: string, events: NewEvent[], commandId?: string): Promise<number> {
    const room = await this.room(conferenceId)
    return this.serialize(room, async () => {
      const result = await this.opts.store.append(conferenceId, room.seq, events, { commandId, at: new Date(this.now()).toISOString() })
      if (!result.ok) throw new Error(`append to ${conferenceId} conflicted at seq ${result.currentSeq}`)
      if ('duplicate' in result) return result.seq
      const wire = result.events.map(fresh)
      this.apply(room, wire)
      this.opts.onAppended?.(conferenceId, wire)
      await this.snapshot(room)
      return room.seq
    })
  }

  /** Events after `since`: from memory when recent, else from the store; null when a snapshot is better. */
  async eventsSince(room: Room, since: number): Promise<ConferenceEvent[] | null> {
    if (since > room.seq || since < 0) return null
    const fromMemory = recentSince(room, since)
    if (fromMemory) return fromMemory
    if (room.seq - since > MAX_CATCH_UP_EVENTS) return null
    return (await this.opts.store.read(room.conferenceId, since, MAX_CATCH_UP_EVENTS)).map((e) => readEvent(e, room.state))
  }

  /**
   * What a client of `audience` that has applied up to `since` (undefined: nothing) needs, as
   * that audience may see it. The answer is current when it resolves: no event falls between it
   * and whatever the caller does synchronously next (such as joining the broadcast room).
   */
  async catchUp(conferenceId: string, since: number | undefined, audience: Audience): Promise<CatchUp> {
    const room = await this.room(conferenceId)
    if (since !== undefined) {
      const missed = await this.eventsSince(room, since)
      // Events appended while the store was read are in memory: take them from there, synchronously.
      const rest = missed && recentSince(room, missed.at(-1)?.seq ?? since)
      if (missed && rest) return { events: [...missed, ...rest].map((e) => eventFor(e, audience)) }
    }
    const snapshot = await this.snapshots.get(conferenceId, room.seq, room.state, audience)
    const after = recentSince(room, snapshot.seq)
    if (after) return { snapshot, events: after.map((e) => eventFor(e, audience)) }
    // Far behind already (a burst of over a thousand events while encoding): encode again.
    return this.catchUp(conferenceId, undefined, audience)
  }

  /** The current snapshot for `audience`, encoded once per seq. */
  async snapshotFor(conferenceId: string, audience: Audience): Promise<{ snapshot: EncodedSnapshot }> {
    const room = await this.room(conferenceId)
    return { snapshot: await this.snapshots.get(conferenceId, room.seq, room.state, audience) }
  }

  /** Writes a snapshot of every loaded room (on shutdown). */
  async flush(): Promise<void> {
    for (const pending of this.rooms.values()) {
      const room = await pending.catch(() => null)
      if (room && room.eventsSinceSnapshot > 0) {
        await this.serialize(room, () => this.snapshot(room))
      }
    }
  }

  private async run(room: Room, actor: Actor, cmd: Command): Promise<Ack> {
    const store = this.opts.store
    const seen = await store.commandSeq(room.conferenceId, cmd.id)
    if (seen !== null) return { ok: true, seq: seen, duplicate: true }
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const nowMs = this.now()
      const decision = decide(room.state, cmd, actor, { nowMs })
      if (!decision.ok) return fail(decision.code, decision.message, decision.detail)
      const result = await store.append(room.conferenceId, room.seq, decision.events, {
        commandId: cmd.id,
        at: new Date(nowMs).toISOString(),
      })
      if (result.ok) {
        if ('duplicate' in result) return { ok: true, seq: result.seq, duplicate: true }
        const events = result.events.map(fresh)
        this.apply(room, events)
        this.opts.onAppended?.(room.conferenceId, events)
        if (room.eventsSinceSnapshot >= this.snapshotEvery) await this.snapshot(room)
        return { ok: true, seq: room.seq }
      }
      await this.readAhead(room)
    }
    return fail('conflict', 'the conference changed too often while the command was decided; send it again', { reason: ErrorReason.conferenceBusy })
  }

  private async load(conferenceId: string): Promise<Room> {
    const saved = await this.opts.store.loadSnapshot(conferenceId)
    // A snapshot of another state shape is not trusted: the log rebuilds the state.
    const snap = saved?.stateVersion === STATE_VERSION ? saved : null
    const room: Room = {
      conferenceId,
      seq: snap?.seq ?? 0,
      state: snap?.state ?? initialState(conferenceId),
      recent: [],
      queue: Promise.resolve(),
      eventsSinceSnapshot: 0,
    }
    if (room.seq > 0) {
      // Keep the events just before the snapshot too, so returning clients still get only what they missed.
      const before = await this.opts.store.read(conferenceId, Math.max(0, room.seq - MAX_CATCH_UP_EVENTS), MAX_CATCH_UP_EVENTS)
      room.recent = before.filter((e) => e.seq <= room.seq).map((e) => readEvent(e, room.state))
    }
    await this.readAhead(room)
    if (room.eventsSinceSnapshot >= this.snapshotEvery) await this.snapshot(room)
    return room
  }

  /** Applies whatever the log holds beyond the room's seq (another writer, or a load). */
  private async readAhead(room: Room): Promise<void> {
    for (;;) {
      const batch = await this.opts.store.read(room.conferenceId, room.seq, 5000)
      if (batch.length === 0) return
      for (const raw of batch) this.apply(room, [readEvent(raw, room.state)])
    }
  }

  private apply(room: Room, events: ConferenceEvent[]): void {
    for (const e of events) {
      if (e.seq !== room.seq + 1) throw new Error(`event ${e.seq} out of order after ${room.seq}`)
      room.state = evolve(room.state, e)
      room.seq = e.seq
      room.recent.push(e)
      room.eventsSinceSnapshot++
    }
    if (room.recent.length > MAX_CATCH_UP_EVENTS * 2) room.recent = room.recent.slice(-MAX_CATCH_UP_EVENTS)
  }

  private async snapshot(room: Room): Promise<void> {
    await this.opts.store.saveSnapshot(room.conferenceId, room.seq, room.state, STATE_VERSION)
    room.eventsSinceSnapshot = 0
  }

  private serialize<T>(room: Room, task: () => Promise<T>): Promise<T> {
    const run = room.queue.then(task, task)
    room.queue = run.catch(() => undefined)
    return run
  }
}

/** The events after `since` from the room's memory, or null when memory does not reach back that far. */
export function recentSince(room: Room, since: number): ConferenceEvent[] | null {
  if (since < 0 || since > room.seq) return null
  if (since === room.seq) return []
  const first = room.recent[0]
  if (!first || first.seq > since + 1) return null
  return room.recent.slice(since + 1 - first.seq)
}

/** The wire form of an event this process just appended (current shape): the hash chain stays on the server. */
function fresh(e: StoredEvent): ConferenceEvent {
  return { seq: e.seq, type: e.type, at: e.at, data: e.data } as ConferenceEvent
}
