/**
 * Whether the conference log can be written right now. The store reports it; the transports tell
 * it to the pages (server/realtime/store-status.ts) without reading the store itself.
 */

/** The store's health: writes work, or why they do not. */
export type StoreHealth = { ok: true } | { ok: false; reason: string }

/** What tells the store's health: as of now, and on each change (the returned function unsubscribes). */
export interface HealthSource {
  health(): StoreHealth
  onHealthChange(listener: (health: StoreHealth) => void): () => void
}
