/**
 * Keeps a page's store in seq order: events are applied as they come, a gap asks `sync`, and
 * events that arrive meanwhile wait (parked) until the answer lands. A `sync` refused with
 * `rate_limited` is asked again once its `retryAfterMs` has passed, not at the next event (which
 * may be minutes away in a quiet hall), with jitter (lib/retry.ts). Transport-free: the page hands it a way to ask.
 */
import type { ConferenceEvent, Snapshot } from '../../shared/events.js'
import type { AnySnapshot, SyncAnswer } from '../../shared/protocol.js'
import type { ApplyResult } from '../stores/conference.js'
import { retryDelay } from './retry.js'

/** The part of the conference store that catching up writes to. */
export interface CatchUpTarget {
  readonly seq: number
  applySnapshot(s: Snapshot): void
  applyEvents(events: readonly ConferenceEvent[]): ApplyResult
}

const ROUNDS = 3

export class CatchUp {
  private syncing = false
  /** Events that arrived while a sync (or a snapshot's inflation) was in flight. */
  private parked: ConferenceEvent[] = []
  private retry: ReturnType<typeof setTimeout> | undefined

  /**
   * @param ask sends `sync { since }`; rejects when no answer came (the next event or reconnect tries again)
   * @param unpack a snapshot as it arrived, plain or deflated, as a plain one
   * @param delay the wait before asking again after a refusal that said `retryAfterMs`
   */
  constructor(
    private readonly target: CatchUpTarget,
    private readonly ask: (since: number) => Promise<SyncAnswer>,
    private readonly unpack: (s: AnySnapshot) => Promise<Snapshot>,
    private readonly delay: (retryAfterMs: number | undefined) => number = retryDelay,
  ) {}

  /** Live events, in order; a gap starts a sync. */
  receive(events: ConferenceEvent[]): void {
    if (this.syncing) {
      this.parked.push(...events)
      return
    }
    if (this.target.applyEvents(events) === 'gap') {
      this.parked.push(...events)
      // A refused sync waits out its retryAfterMs; the new gap is caught up with it.
      if (this.retry === undefined) void this.run()
    }
  }

  /** A snapshot pushed by the server: events that arrive while it is inflated wait for it. */
  async snapshot(s: AnySnapshot): Promise<void> {
    this.syncing = true
    try {
      this.target.applySnapshot(await this.unpack(s))
    } catch (err) {
      console.error('could not read the snapshot', err)
    } finally {
      this.syncing = false
      this.receive(this.takeParked())
    }
  }

  /** Asks `sync` until the parked events follow on, at most three rounds. */
  async run(): Promise<void> {
    if (this.syncing) return
    clearTimeout(this.retry)
    this.retry = undefined
    this.syncing = true
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const answer = await this.ask(this.target.seq)
        if (!answer.ok) {
          if (answer.error.code === 'rate_limited') this.later(this.delay(answer.retryAfterMs))
          break
        }
        if ('snapshot' in answer) this.target.applySnapshot(await this.unpack(answer.snapshot))
        if (answer.events) this.target.applyEvents(answer.events)
        const waiting = this.takeParked()
        if (this.target.applyEvents(waiting) !== 'gap') break
        this.parked = waiting
      }
    } catch {
      // No answer: the next event or reconnect will try again.
    } finally {
      this.syncing = false
    }
  }

  /** Whether a refused sync is waiting out its retryAfterMs. */
  get retryPending(): boolean {
    return this.retry !== undefined
  }

  stop(): void {
    clearTimeout(this.retry)
    this.retry = undefined
  }

  private later(ms: number): void {
    clearTimeout(this.retry)
    this.retry = setTimeout(() => {
      this.retry = undefined
      void this.run()
    }, Math.max(0, ms))
  }

  private takeParked(): ConferenceEvent[] {
    const waiting = this.parked
    this.parked = []
    return waiting
  }
}
