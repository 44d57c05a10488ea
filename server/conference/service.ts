/**
 * The conference service, narrow on purpose: `handle` a command, read the `state` or the
 * `events` as an audience may see them, `verify` the log, ask its `health`, `subscribe` to what
 * is appended. The rooms (rooms.ts) and the stored events stay inside: transports get states,
 * snapshots and current events, never a room or a stored event.
 * Knows nothing of Socket.IO or Express.
 */
import { isStoreUnavailable, STORE_RETRY_MS } from '../errors.js'
import { Command, describeZodError } from '../../shared/commands.js'
import type { Actor, ConferenceState } from '../../shared/domain.js'
import { ErrorReason, fail, zodDetail, type Ack } from '../../shared/errors.js'
import type { ConferenceEvent, NewEvent } from '../../shared/events.js'
import { MAX_CATCH_UP_EVENTS } from '../../shared/protocol.js'
import { eventFor, stateFor, type Audience } from '../../shared/audience.js'
import { log } from '../log.js'
import type { EventStore, StoreHealth, VerifyResult } from '../store/event-store.js'
import { inProcessFeed, type LogFeed } from '../store/feed.js'
import { forbidden } from './authorize.js'
import { decide } from './decide.js'
import { readInOrder, readLog, stateAt, type LoggedEvent } from './log-reader.js'
import { recentSince, Rooms, type Room } from './rooms.js'
import { SnapshotCache, type EncodedSnapshot } from './snapshots.js'

export type { LoggedEvent } from './log-reader.js'

export interface ServiceOptions {
  store: EventStore
  /** Server clock in epoch ms; a parameter so that tests can pin it. */
  now?: () => number
  /** Save a state snapshot every this many events, so a restart does not replay the whole log. */
  snapshotEvery?: number
  /** The conference logs as this process follows them (Redis: the streams); without it, the store's own appends. */
  feed?: LogFeed
  /** Called with every batch read from the log, in order, once folded (as `subscribe`). */
  onAppended?: Listener
}

/** Told every batch read from the log, in order, once it is folded into the state: whoever appended it. */
export type Listener = (conferenceId: string, events: ConferenceEvent[]) => void

/**
 * Lost races before a command is refused as `conflict`. With several processes appending to one
 * conference a command may lose a few in a row; each retry re-reads the log and decides again.
 */
const MAX_CONFLICT_RETRIES = 20

/** What a client needs to be current: the events it missed, or a snapshot (then any events after it). */
export type CatchUp = { events: ConferenceEvent[] } | { snapshot: EncodedSnapshot; events: ConferenceEvent[] }

/** What a document is made from: the state, the log up to it with hashes, and the head it reached. */
export interface History {
  state: ConferenceState
  events: LoggedEvent[]
  head: { seq: number; hash: string }
}


export class ConferenceService {
  private readonly now: () => number
  private readonly snapshots = new SnapshotCache()
  private readonly store: EventStore
  private readonly rooms: Rooms
  private readonly listeners = new Set<Listener>()

  constructor(opts: ServiceOptions) {
    this.now = opts.now ?? Date.now
    const { store, feed } = opts.feed ? { store: opts.store, feed: opts.feed } : inProcessFeed(opts.store)
    this.store = store
    if (opts.onAppended) this.listeners.add(opts.onAppended)
    this.rooms = new Rooms(store, feed, opts.snapshotEvery ?? 500, (id, events) => {
      for (const listener of this.listeners) listener(id, events)
    })
  }

  /** Calls `listener` with every batch folded from any conference's log; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The state as this process has folded it from the log, and its seq; as `audience` may see it when given. */
  async state(conferenceId: string, audience?: Audience): Promise<{ seq: number; state: ConferenceState }> {
    const { seq, state } = await this.rooms.get(conferenceId)
    return { seq, state: audience ? stateFor(state, audience) : state }
  }

  /** The current snapshot for `audience`, encoded once per seq. */
  async snapshotFor(conferenceId: string, audience: Audience): Promise<{ snapshot: EncodedSnapshot }> {
    const room = await this.rooms.get(conferenceId)
    return { snapshot: await this.snapshots.get(conferenceId, room.seq, room.state, audience) }
  }

  /** The events after `since` (at most `limit`), current and in order, as `audience` may see them. */
  async events(conferenceId: string, since: number, audience: Audience, limit = 10_000): Promise<ConferenceEvent[]> {
    const room = await this.rooms.get(conferenceId)
    const events = recentSince(room, since) ?? (await this.readSince(room, since, limit))
    return events.slice(0, limit).map((e) => eventFor(e, audience))
  }

  /**
   * What a client of `audience` that has applied up to `since` (undefined: nothing) needs, as
   * that audience may see it. Current when it resolves: no event falls between it and whatever
   * the caller does synchronously next (such as joining the broadcast room).
   */
  async catchUp(conferenceId: string, since: number | undefined, audience: Audience): Promise<CatchUp> {
    const room = await this.rooms.get(conferenceId)
    if (since !== undefined && since >= 0 && since <= room.seq) {
      const missed = recentSince(room, since) ?? (room.seq - since > MAX_CATCH_UP_EVENTS ? null : await this.readSince(room, since, MAX_CATCH_UP_EVENTS))
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

  /** The state and the log up to it, with hashes (only the event types in `only`, when given). */
  async history(conferenceId: string, only?: ReadonlySet<string>): Promise<History> {
    const { seq, state } = await this.rooms.get(conferenceId)
    return { state, ...(await readLog(this.store, conferenceId, seq, only)) }
  }

  /** The log's last seq and hash, for the host to note down. */
  head(conferenceId: string): Promise<{ seq: number; hash: string }> {
    return this.store.head(conferenceId)
  }

  /** Re-checks every event's hash and link. */
  verify(conferenceId: string): Promise<VerifyResult> {
    return this.store.verify(conferenceId)
  }

  /** Whether commands can be saved right now. */
  health(): StoreHealth {
    return this.store.health()
  }

  /** Parses, authorizes, decides and appends one command; never throws. */
  async handle(actor: Actor, envelope: unknown): Promise<Ack> {
    const parsed = Command.safeParse(envelope)
    if (!parsed.success) return fail('invalid', describeZodError(parsed.error), zodDetail(parsed.error))
    const cmd = parsed.data
    const denied = forbidden(actor, cmd)
    if (denied) return fail('forbidden', denied.message, denied.detail)
    try {
      const room = await this.rooms.get(actor.conferenceId)
      return await this.rooms.serialize(room, () => this.run(room, actor, cmd))
    } catch (err) {
      log.error({ err, command: cmd.type, commandId: cmd.id }, 'command failed')
      // Said at once, never queued: a retry with the same id is answered once, whether or not a timed-out write went through.
      // retryAfterMs as the handshake's own refusal: when a page may send it again, with the same id.
      if (isStoreUnavailable(err)) return { ...fail('internal', 'the conference log cannot be reached right now; send the command again with the same id', { reason: ErrorReason.storeUnavailable }), retryAfterMs: STORE_RETRY_MS }
      return fail('internal', 'the server could not process the command; it was not applied', { reason: ErrorReason.internal })
    }
  }

  /**
   * Appends events the server itself decided (seeding, imports): no actor, same durability,
   * same publishing. A `commandId` makes it idempotent like a client command.
   */
  async appendSystem(conferenceId: string, events: NewEvent[], commandId?: string): Promise<number> {
    const room = await this.rooms.get(conferenceId)
    return this.rooms.serialize(room, async () => {
      const result = await this.store.append(conferenceId, room.seq, events, { commandId, at: new Date(this.now()).toISOString() })
      if (!result.ok) throw new Error(`append to ${conferenceId} conflicted at seq ${result.currentSeq}`)
      if ('duplicate' in result) return result.seq
      await this.rooms.reach(room, result.events.at(-1)?.seq ?? room.seq)
      await this.rooms.snapshot(room)
      return room.seq
    })
  }

  /** Writes a snapshot of every loaded room (on shutdown). */
  async flush(): Promise<void> {
    for (const room of await this.rooms.loaded()) {
      if (room.eventsSinceSnapshot > 0) await this.rooms.serialize(room, () => this.rooms.snapshot(room))
    }
  }

  /** Stops following every conference's log (on shutdown). */
  stop(): void {
    this.rooms.stop()
  }

  /** Events after `since` read from the store, each upcast against the state just before it. */
  private async readSince(room: Room, since: number, limit: number): Promise<ConferenceEvent[]> {
    const raws = await this.store.read(room.conferenceId, since, limit)
    return readInOrder(raws, () => stateAt(this.store, room.conferenceId, since))
  }

  private async run(room: Room, actor: Actor, cmd: Command): Promise<Ack> {
    const seen = await this.store.commandSeq(room.conferenceId, cmd.id)
    if (seen !== null) return { ok: true, seq: seen, duplicate: true }
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const nowMs = this.now()
      const decision = decide(room.state, cmd, actor, { nowMs })
      if (!decision.ok) return fail(decision.code, decision.message, decision.detail)
      const result = await this.store.append(room.conferenceId, room.seq, decision.events, { commandId: cmd.id, at: new Date(nowMs).toISOString() })
      if (result.ok) {
        if ('duplicate' in result) return { ok: true, seq: result.seq, duplicate: true }
        // Acknowledged once durable, and once this process's screens have it (from the feed).
        const seq = result.events.at(-1)?.seq ?? room.seq
        await this.rooms.reach(room, seq)
        if (room.eventsSinceSnapshot >= this.rooms.snapshotEvery) await this.rooms.snapshot(room)
        return { ok: true, seq }
      }
      // After a few lost races in a row, a short random pause breaks the lockstep with the other writer.
      if (attempt >= 3) await new Promise((r) => setTimeout(r, Math.random() * 10))
      await this.rooms.fill(room)
    }
    return fail('conflict', 'the conference changed too often while the command was decided; send it again', { reason: ErrorReason.conferenceBusy })
  }
}
