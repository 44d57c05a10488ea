/**
 * The durable log of every conference. Implementations: sqlite.ts (default, embedded) and,
 * later, redis.ts (several server processes). Tests use real ones, never a mock.
 */
import type { ConferenceState, Role } from '../../shared/domain.js'
import type { NewEvent } from '../../shared/events.js'

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

/** One access link as the host console lists it: never its secret. */
export interface LinkRecord extends AccessGrant {
  /** Public id of the link: the first 16 hex digits of its token's SHA-256. */
  id: string
  createdAt?: string
  expiresAt?: string
  revokedAt?: string
  lastUsedAt?: string
}

/** Whether appends work: false with a plain reason after a failed append or on a read-only database. */
export type StoreHealth = { ok: true } | { ok: false; reason: string }

export interface AccessGrant {
  conferenceId: string
  role: Role
  siteId?: string
  blocId?: string
  label?: string
}

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

  /** Stores a token by its SHA-256 only. */
  saveToken(tokenHash: string, grant: AccessGrant, opts?: { createdAt?: string; expiresAt?: string }): Promise<void>
  /** The grant of a token, revoked and expired ones included (`findLink` says which). */
  findToken(tokenHash: string): Promise<AccessGrant | null>
  /** The link a token belongs to, with its dates, or null for an unknown token. */
  findLink(tokenHash: string): Promise<LinkRecord | null>
  /** Every link of a conference, oldest first. */
  listLinks(conferenceId: string): Promise<LinkRecord[]>
  /** Marks a link revoked at `at`; false when no such link (or already revoked). */
  revokeLink(conferenceId: string, linkId: string, at: string): Promise<boolean>
  /** Sets or clears (null) a link's expiry; false when no such live link. */
  setLinkExpiry(conferenceId: string, linkId: string, expiresAt: string | null): Promise<boolean>
  /**
   * Gives a link's grant a new token (hashed) and revokes the old one, atomically; the new
   * link's record, or null when no such live link.
   */
  reissueLink(conferenceId: string, linkId: string, newTokenHash: string, at: string): Promise<LinkRecord | null>
  /** Ids of live links whose expiry falls in (from, to], any conference: their sockets are closed. */
  expiringLinks(from: string, to: string): Promise<string[]>
  /** Notes that a link was used at `at` (kept coarse by the caller). */
  touchLink(linkId: string, at: string): Promise<void>

  /** Whether appends work right now. */
  health(): StoreHealth
  close(): Promise<void>
}
