/**
 * The durable log of every conference. Implementations: sqlite.ts (default, embedded) and
 * redis.ts (several server processes). Tests use real ones, never a mock. The access links have
 * a store of their own (link-store.ts).
 */
import type { ConferenceState } from '../../shared/domain.js'
import type { NewEvent } from '../../shared/events.js'
import type { StoreHealth } from '../health.js'

/**
 * An event as the log keeps it: its data as written (of shape version `v`), plus its place in the
 * hash chain. `readEvent` (shared/events.ts) parses and upcasts it into a current `ConferenceEvent`.
 */
export type StoredEvent = {
  seq: number
  type: string
  at: string
  data: unknown
  /** The shape version of `data` when it was written (see EVENT_VERSION). */
  v: number
  /** SHA-256 (hex) of the previous event's `hash`; 64 zeros for seq 1. */
  prevHash: string
  /** SHA-256 (hex) of `prevHash`, seq, type, at and the data's JSON, see `eventHash`. */
  hash: string
}

export type AppendResult =
  | { ok: true; events: StoredEvent[] }
  /** The command id was seen before: nothing appended, the first answer's last seq. */
  | { ok: true; duplicate: true; seq: number; events: [] }
  /** Someone appended first: re-read and re-decide. */
  | { ok: false; conflict: true; currentSeq: number }

export interface VerifyResult {
  ok: boolean
  events: number
  firstBrokenSeq?: number
  /**
   * Present when the log is shorter than, or differs at, the head this data directory recorded
   * as acknowledged (diemcau.head.json): acknowledged events were lost or the log was re-chained.
   */
  acknowledged?: { seq: number; problem: 'shorter' | 'diverged' }
}

/** Whether appends work: false with a plain reason after a failed append or on a read-only database. */
export type { StoreHealth }

export interface EventStore {
  /**
   * Appends `events` after `expectedSeq` atomically and durably, with `at` as their time.
   * With `commandId`, remembers it so that a retry appends nothing.
   */
  append(conferenceId: string, expectedSeq: number, events: NewEvent[], opts?: { commandId?: string; at?: string }): Promise<AppendResult>
  /** Events with seq > since, in order, at most `limit`. */
  read(conferenceId: string, since: number, limit?: number): Promise<StoredEvent[]>
  /** Last seq and hash; seq 0 for an empty log. */
  head(conferenceId: string): Promise<{ seq: number; hash: string }>
  /** The seq answered to a command id, if that command was appended. */
  commandSeq(conferenceId: string, commandId: string): Promise<number | null>
  /** Saves the state at `seq`, tagged with the state shape version it was built with. */
  saveSnapshot(conferenceId: string, seq: number, state: ConferenceState, stateVersion: number): Promise<void>
  loadSnapshot(conferenceId: string): Promise<{ seq: number; state: ConferenceState; stateVersion: number } | null>
  listConferences(): Promise<string[]>
  /** Re-checks every event's hash and link. */
  verify(conferenceId: string): Promise<VerifyResult>

  /** Whether appends work right now. */
  health(): StoreHealth
  /** Calls `listener` when `health()` turns from ok to failing or back (server/realtime/store-status.ts); returns the unsubscribe. */
  onHealthChange(listener: (health: StoreHealth) => void): () => void
  close(): Promise<void>
}
