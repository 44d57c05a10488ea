/**
 * When a page tries again after the server said "not now", and when it never does. Pure, so the
 * schedule is tested without a server (lib/retry.test.ts).
 */
import { ErrorReason } from '../../shared/errors.js'

/** The least jitter added to a wait: pages refused together are spread over at least this much. */
export const MIN_JITTER_MS = 250
/** A refusal that names no wait (an older server) waits this long. */
export const DEFAULT_RETRY_MS = 2000

/**
 * The wait before trying again after a refusal that said `retryAfterMs`: never sooner than the
 * server asked, plus a random share of up to half of it (at least MIN_JITTER_MS), so that a hall
 * of phones refused at the same instant does not come back at the same instant.
 * @param random a number in [0, 1): Math.random in pages, fixed in tests
 */
export function retryDelay(retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const base = typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : DEFAULT_RETRY_MS
  return Math.round(base + random() * Math.max(MIN_JITTER_MS, base / 2))
}

/** Reasons that mean this access link will never work again: the page stops and says what to do. */
const DEAD_LINK: ReadonlySet<string> = new Set<string>([
  ErrorReason.tokenMissing, ErrorReason.tokenUnknown, ErrorReason.tokenRevoked, ErrorReason.tokenReissued, ErrorReason.tokenExpired,
])

/** Whether a refusal's reason says the link is dead (revoked, reissued, expired, unknown, missing). */
export function isDeadLink(reason: unknown): boolean {
  return typeof reason === 'string' && DEAD_LINK.has(reason)
}

/** What a page does with a handshake refused at CONNECT: wait and connect again, or stop. */
export type HandshakeVerdict = { retry: true; afterMs: number } | { retry: false }

/**
 * A handshake refusal's verdict: `rate.limited` (the address or the link is out of handshakes)
 * and `server.storeUnavailable` (the server cannot read its links) wait their `retryAfterMs` with
 * jitter; anything else (a dead link above all) is final.
 */
export function handshakeVerdict(data: { reason?: unknown; retryAfterMs?: unknown } | undefined, random: () => number = Math.random): HandshakeVerdict {
  const wait = typeof data?.retryAfterMs === 'number' ? data.retryAfterMs : undefined
  if (data?.reason === ErrorReason.rateLimited || data?.reason === ErrorReason.storeUnavailable) return { retry: true, afterMs: retryDelay(wait, random) }
  return { retry: false }
}
