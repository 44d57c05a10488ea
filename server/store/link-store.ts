/**
 * The access links' own store, apart from the conference logs (EventStore): every token kept only
 * as its SHA-256, with its grant, dates and revocation; and the server's shared secrets (the key
 * that signs the documents' links). Implementations: sqlite-links.ts (one server, its data
 * directory) and redis-links.ts (every process of a cluster, whatever its data directory). Tests
 * use real ones, never a mock (link-store.test.ts runs one contract against both).
 */
import type { Role } from '../../shared/domain.js'
import type { StoreHealth } from './event-store.js'

export interface AccessGrant {
  conferenceId: string
  role: Role
  siteId?: string
  blocId?: string
  label?: string
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

/** A link's public id: enough to name it in the host console, nothing towards the secret. */
export const linkIdOf = (tokenHash: string) => tokenHash.slice(0, 16)

/** The name of a shared secret: lower-case letters, digits and dashes (it names a file or a key). */
export const SECRET_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/

/** Bytes of a shared secret. */
export const SECRET_BYTES = 32

export interface LinkStore {
  /** Stores a token by its SHA-256 only (a second save of the same hash replaces its grant and dates). */
  saveToken(tokenHash: string, grant: AccessGrant, opts?: { createdAt?: string; expiresAt?: string }): Promise<void>
  /**
   * Stores many tokens at once, as `saveToken` does each, in one transaction (SQLite: one commit
   * to disk for a national conference's 3,400 links, not one each) or one round of commands
   * (Redis): all of them or, on an error, none that SQLite can undo.
   */
  saveTokens(tokens: readonly { tokenHash: string; grant: AccessGrant }[]): Promise<void>
  /** The grant of a token, revoked and expired ones included (`findLink` says which). */
  findToken(tokenHash: string): Promise<AccessGrant | null>
  /** The link a token belongs to, with its dates, or null for an unknown token. */
  findLink(tokenHash: string): Promise<LinkRecord | null>
  /** Every link of a conference, oldest first (undated ones before the rest). */
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

  /**
   * The secret called `name` (SECRET_NAME): 32 random bytes made on the first ask and the same
   * for every later one, from every process that uses this store. Two processes asking first at
   * the same moment get the same bytes (whoever creates it first wins; the other reads it).
   */
  secret(name: string): Promise<Buffer>
  /** Whether other server processes share these links (Redis): a link issued by one is good on all. */
  readonly shared: boolean
  /**
   * Whether the links can be read and written right now (Redis: reachable and answering). A store
   * without it (SQLite, a file of this machine) fails only as the event store's disk does.
   */
  health?(): StoreHealth
  /** Calls `listener` when `health()` turns from ok to failing or back; returns the unsubscribe. */
  onHealthChange?(listener: (health: StoreHealth) => void): () => void
  close(): Promise<void>
}

/** Refuses a secret name that could escape its file or key. */
export function checkSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) throw new Error(`a secret's name is lower-case letters, digits and dashes, not "${name.slice(0, 70)}"`)
}
