/** Reading a caught value (`catch (err)` is `unknown`) without casting it. */

/** The error's `code` (`ENOENT`, `SQLITE_CORRUPT`, `store_unavailable`, …), when it has a string one. */
export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined
}

/** The error's message (its name when it has none), else its text (a thrown string, …). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err)
}

/** The error's `type` (body-parser's `entity.too.large`, …), when it has a string one. */
export function errorType(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'type' in err && typeof err.type === 'string' ? err.type : undefined
}

/** The store (Redis) could not be reached or did not answer in time (server/store/redis-connection.ts). */
export const isStoreUnavailable = (err: unknown): boolean => errorCode(err) === 'store_unavailable'

/** How long whoever was refused because the store is out is told to wait before trying again (`retryAfterMs`). */
export const STORE_RETRY_MS = 2000
