/**
 * The conference service: validate, authorize, decide, append; and, apart from that, follow
 * each conference's log and publish what it reads. What this process appends reaches its
 * screens the same way as what another process appends: through the log's feed
 * (server/store/feed.ts), folded into the cached state and only then published.
 * Knows nothing of Socket.IO or Express; the transports call `handle`, ask `state` and
 * `catchUp`, and listen to `onAppended`.
 */
import { Command, describeZodError } from '../../shared/commands.js'
import type { Actor, ConferenceState } from '../../shared/domain.js'
import { initialState, STATE_VERSION } from '../../shared/domain.js'
import { ErrorReason, fail, zodDetail, type Ack } from '../../shared/errors.js'
import { readEvent, type ConferenceEvent, type NewEvent } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import { MAX_CATCH_UP_EVENTS } from '../../shared/protocol.js'
import type { EventStore, StoredEvent } from '../store/event-store.js'
import { inProcessFeed, type LogFeed } from '../store/feed.js'
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
  /** A read of the log from the store is under way (a gap in the feed): later batches wait for it. */
  filling: Promise<void> | null
  /** Commands waiting for the feed to bring their events back. */
  waiters: { seq: number; resolve: () => void }[]
}

export interface ServiceOptions {
  store: EventStore
  /** Server clock in epoch ms; a parameter so that tests can pin it. */
  now?: () => number
  /** Save a state snapshot every this many events, so a restart does not replay the whole log. */
  snapshotEvery?: number
  /**
   * The conference logs as this process follows them (Redis: the streams). Without it, the
   * store's own appends in this process (SQLite: the only writer).
   */
  feed?: LogFeed
  /** Called with every batch read from the log, in order, once it is folded into the state: whoever appended it. */
  onAppended?: (conferenceId: string, events: ConferenceEvent[]) => void
}

/** How long a command waits for the feed to bring back what it appended before reading the store itself. */
const FEED_WAIT_MS = 250

/**
 * Lost races before a command is refused as `conflict`. With several processes appending to one
 * conference a command may lose a few in a row; each retry re-reads the log and decides again.
 */
const MAX_CONFLICT_RETRIES = 20

/** What a client needs to be current: the events it missed, or a snapshot (then any events after it). */
export type CatchUp = { events: ConferenceEvent[] } | { snapshot: EncodedSnapshot; events: ConferenceEvent[] }

export class ConferenceService {
  private readonly rooms = new Map<string, Promise<Room>>()
  private readonly now: () => number
  private readonly snapshotEvery: number
  private readonly snapshots = new SnapshotCache()
  private readonly store: EventStore
  private readonly feed: LogFeed
  private readonly unfollow: (() => void)[] = []

  constructor(private readonly opts: ServiceOptions) {
    this.now = opts.now ?? Date.now
    this.snapshotEvery = opts.snapshotEvery ?? 500
    if (opts.feed) {
      this.store = opts.store
      this.feed = opts.feed
    } else {
      ;({ store: this.store, feed: this.feed } = inProcessFeed(opts.store))
    }
  }

  /** The conference's state as this process has folded it from the log, and its seq. */
  async state(conferenceId: string): Promise<{ seq: number; state: ConferenceState }> {
    const { seq, state } = await this.room(conferenceId)
    return { seq, state }
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
      if ((err as { code?: unknown }).code === 'store_unavailable') {
        // Said at once, never queued: a retry with the same id is answered once, whether or not a timed-out write went through.
        console.error(`command ${cmd.type} (${cmd.id}) failed: ${(err as Error).message}`)
        // retryAfterMs as the handshake's own refusal (server/realtime/socket.ts): when a page may send it again.
        const refused = { ...fail('internal', 'the conference log cannot be reached right now; send the command again with the same id', { reason: ErrorReason.storeUnavailable }), retryAfterMs: 2000 }
        return refused
      }
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
      const result = await this.store.append(conferenceId, room.seq, events, { commandId, at: new Date(this.now()).toISOString() })
      if (!result.ok) throw new Error(`append to ${conferenceId} conflicted at seq ${result.currentSeq}`)
      if ('duplicate' in result) return result.seq
      await this.reach(room, result.events.at(-1)!.seq)
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
    return (await this.store.read(room.conferenceId, since, MAX_CATCH_UP_EVENTS)).map((e) => readEvent(e, room.state))
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

  /** Stops following every conference's log (on shutdown). */
  stop(): void {
    for (const f of this.unfollow.splice(0)) f()
  }

  private async run(room: Room, actor: Actor, cmd: Command): Promise<Ack> {
    const store = this.store
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
        // Acknowledged once durable, and once this process's screens have it (from the feed).
        const seq = result.events.at(-1)!.seq
        await this.reach(room, seq)
        if (room.eventsSinceSnapshot >= this.snapshotEvery) await this.snapshot(room)
        return { ok: true, seq }
      }
      // After a few lost races in a row, a short random pause breaks the lockstep with the other writer.
      if (attempt >= 3) await new Promise((r) => setTimeout(r, Math.random() * 10))
      await this.fill(room)
    }
    return fail('conflict', 'the conference changed too often while the command was decided; send it again', { reason: ErrorReason.conferenceBusy })
  }

  private async load(conferenceId: string): Promise<Room> {
    const saved = await this.store.loadSnapshot(conferenceId)
    // A snapshot of another state shape is not trusted: the log rebuilds the state.
    const snap = saved?.stateVersion === STATE_VERSION ? saved : null
    const room: Room = {
      conferenceId,
      seq: snap?.seq ?? 0,
      state: snap?.state ?? initialState(conferenceId),
      recent: [],
      queue: Promise.resolve(),
      eventsSinceSnapshot: 0,
      filling: null,
      waiters: [],
    }
    if (room.seq > 0) {
      // Keep the events just before the snapshot too, so returning clients still get only what they missed.
      const before = await this.store.read(conferenceId, Math.max(0, room.seq - MAX_CATCH_UP_EVENTS), MAX_CATCH_UP_EVENTS)
      room.recent = before.filter((e) => e.seq <= room.seq).map((e) => readEvent(e, room.state))
    }
    // Nobody watches this room yet: what the log holds is folded without publishing.
    await this.readAhead(room, false)
    // From here on, the log's feed drives the room, whoever appends.
    this.unfollow.push(this.feed.follow(conferenceId, room.seq, (batch) => this.received(room, batch)))
    if (room.eventsSinceSnapshot >= this.snapshotEvery) await this.snapshot(room)
    return room
  }

  /** A batch from the feed: folded when it continues the room's seq; a gap is read from the store first. */
  private received(room: Room, batch: StoredEvent[]): void {
    if (room.filling) {
      // A read that failed (Redis away) is tried again a second later, never in a tight loop, never unhandled.
      void room.filling.then(() => this.received(room, batch), () => void setTimeout(() => this.received(room, batch), 1000).unref())
      return
    }
    const next = batch.filter((e) => e.seq > room.seq)
    if (next.length === 0) return
    if (next[0]!.seq !== room.seq + 1) {
      void this.fill(room).catch((err: unknown) => console.error(`reading the log of ${room.conferenceId} failed:`, err))
      return
    }
    this.fold(room, next, true)
  }

  /** Reads and folds (and publishes) whatever the log holds beyond the room's seq; one read at a time. */
  private fill(room: Room): Promise<void> {
    room.filling ??= this.readAhead(room, true).finally(() => (room.filling = null))
    return room.filling
  }

  private async readAhead(room: Room, publish: boolean): Promise<void> {
    for (;;) {
      const batch = await this.store.read(room.conferenceId, room.seq, 5000)
      if (batch.length === 0) return
      this.fold(room, batch, publish)
    }
  }

  /** Applies stored events in seq order (skipping what the room has), then publishes them. */
  private fold(room: Room, batch: StoredEvent[], publish: boolean): void {
    const events: ConferenceEvent[] = []
    for (const raw of batch) {
      if (raw.seq <= room.seq) continue
      const e = readEvent(raw, room.state)
      this.apply(room, [e])
      events.push(e)
    }
    if (events.length === 0) return
    if (publish) this.opts.onAppended?.(room.conferenceId, events)
    for (const w of room.waiters.filter((x) => x.seq <= room.seq)) w.resolve()
    room.waiters = room.waiters.filter((x) => x.seq > room.seq)
  }

  /** Resolves once the room has folded up to `seq`: from the feed, or from the store if the feed is slow. */
  private async reach(room: Room, seq: number): Promise<void> {
    if (room.seq >= seq) return
    const fed = new Promise<void>((resolve) => room.waiters.push({ seq, resolve }))
    let timer: NodeJS.Timeout | undefined
    const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), FEED_WAIT_MS)))
    const first = await Promise.race([fed, slow])
    clearTimeout(timer)
    if (first === 'slow') await this.fill(room)
    if (room.seq < seq) throw new Error(`the log of ${room.conferenceId} does not reach seq ${seq} after appending it`)
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
    await this.store.saveSnapshot(room.conferenceId, room.seq, room.state, STATE_VERSION)
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
