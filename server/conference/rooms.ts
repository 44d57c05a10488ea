/**
 * The live, in-memory view of each conference, kept in step with its log: loaded once from the
 * latest snapshot plus the events after it, then driven by the log's feed whoever appends, and
 * published only once folded. Private to the service (service.ts): nothing else holds a room.
 */
import type { ConferenceState } from '../../shared/domain.js'
import { initialState, STATE_VERSION } from '../../shared/domain.js'
import { readEvent, type ConferenceEvent } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import { MAX_CATCH_UP_EVENTS } from '../../shared/protocol.js'
import { log } from '../log.js'
import type { EventStore, StoredEvent } from '../store/event-store.js'
import type { LogFeed } from '../store/feed.js'
import { readInOrder, stateAt } from './log-reader.js'

/** The live view of one conference. */
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

/** How long a command waits for the feed to bring back what it appended before reading the store itself. */
const FEED_WAIT_MS = 250

export class Rooms {
  private readonly rooms = new Map<string, Promise<Room>>()
  private readonly unfollow: (() => void)[] = []

  constructor(
    private readonly store: EventStore,
    private readonly feed: LogFeed,
    readonly snapshotEvery: number,
    private readonly published: (conferenceId: string, events: ConferenceEvent[]) => void,
  ) {}

  /** The room of a conference, loaded once. */
  get(conferenceId: string): Promise<Room> {
    let room = this.rooms.get(conferenceId)
    if (!room) {
      room = this.load(conferenceId)
      this.rooms.set(conferenceId, room)
      room.catch(() => this.rooms.delete(conferenceId))
    }
    return room
  }

  /** Every loaded room (on shutdown). */
  async loaded(): Promise<Room[]> {
    const all = await Promise.all([...this.rooms.values()].map((r) => r.catch(() => null)))
    return all.filter((r): r is Room => r !== null)
  }

  /** Runs `task` after every task queued on the room before it. */
  serialize<T>(room: Room, task: () => Promise<T>): Promise<T> {
    const run = room.queue.then(task, task)
    room.queue = run.catch(() => undefined)
    return run
  }

  /** Resolves once the room has folded up to `seq`: from the feed, or from the store if the feed is slow. */
  async reach(room: Room, seq: number): Promise<void> {
    if (room.seq >= seq) return
    const fed = new Promise<void>((resolve) => room.waiters.push({ seq, resolve }))
    let timer: NodeJS.Timeout | undefined
    const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), FEED_WAIT_MS)))
    const first = await Promise.race([fed, slow])
    clearTimeout(timer)
    if (first === 'slow') await this.fill(room)
    if (room.seq < seq) throw new Error(`the log of ${room.conferenceId} does not reach seq ${seq} after appending it`)
  }

  /** Reads and folds (and publishes) whatever the log holds beyond the room's seq; one read at a time. */
  fill(room: Room): Promise<void> {
    room.filling ??= this.readAhead(room, true).finally(() => (room.filling = null))
    return room.filling
  }

  async snapshot(room: Room): Promise<void> {
    await this.store.saveSnapshot(room.conferenceId, room.seq, room.state, STATE_VERSION)
    room.eventsSinceSnapshot = 0
  }

  /** Stops following every conference's log (on shutdown). */
  stop(): void {
    for (const f of this.unfollow.splice(0)) f()
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
      const from = Math.max(0, room.seq - MAX_CATCH_UP_EVENTS)
      const before = (await this.store.read(conferenceId, from, MAX_CATCH_UP_EVENTS)).filter((e) => e.seq <= room.seq)
      room.recent = await readInOrder(before, () => stateAt(this.store, conferenceId, from))
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
    const first = next[0]
    if (!first) return
    if (first.seq !== room.seq + 1) {
      void this.fill(room).catch((err: unknown) => log.error({ err, conferenceId: room.conferenceId }, 'reading the log failed'))
      return
    }
    this.fold(room, next, true)
  }

  private async readAhead(room: Room, publish: boolean): Promise<void> {
    for (;;) {
      const batch = await this.store.read(room.conferenceId, room.seq, 5000)
      if (batch.length === 0) return
      this.fold(room, batch, publish)
    }
  }

  /** Applies stored events in seq order (skipping what the room has), each upcast against the state before it, then publishes them. */
  private fold(room: Room, batch: StoredEvent[], publish: boolean): void {
    const events: ConferenceEvent[] = []
    for (const raw of batch) {
      if (raw.seq <= room.seq) continue
      const e = readEvent(raw, room.state)
      apply(room, e)
      events.push(e)
    }
    if (room.recent.length > MAX_CATCH_UP_EVENTS * 2) room.recent = room.recent.slice(-MAX_CATCH_UP_EVENTS)
    if (events.length === 0) return
    if (publish) this.published(room.conferenceId, events)
    for (const w of room.waiters.filter((x) => x.seq <= room.seq)) w.resolve()
    room.waiters = room.waiters.filter((x) => x.seq > room.seq)
  }
}

function apply(room: Room, e: ConferenceEvent): void {
  if (e.seq !== room.seq + 1) throw new Error(`event ${e.seq} out of order after ${room.seq}`)
  room.state = evolve(room.state, e)
  room.seq = e.seq
  room.recent.push(e)
  room.eventsSinceSnapshot++
}

/** The events after `since` from the room's memory, or null when memory does not reach back that far. */
export function recentSince(room: Room, since: number): ConferenceEvent[] | null {
  if (since < 0 || since > room.seq) return null
  if (since === room.seq) return []
  const first = room.recent[0]
  if (!first || first.seq > since + 1) return null
  return room.recent.slice(since + 1 - first.seq)
}
