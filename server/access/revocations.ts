/**
 * Links that stop working: revoked or reissued from the host console, or expired. Told to whoever
 * subscribes (the realtime side closes their sockets), so the console's routes never reach into
 * the sockets themselves.
 */
import type { LinkStore } from '../store/link-store.js'

/** How often links whose expiry has just passed are looked for. */
const EXPIRY_SWEEP_MS = 2000

export type RevocationListener = (linkId: string) => void

export class Revocations {
  private readonly listeners = new Set<RevocationListener>()

  /** Calls `listener` with the id of each link that stops working; returns the unsubscribe. */
  subscribe(listener: RevocationListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The link `linkId` no longer opens anything. */
  ended(linkId: string): void {
    for (const listener of this.listeners) listener(linkId)
  }

  /** Tells of the links whose expiry passes, every couple of seconds; returns what stops it. */
  watchExpiries(links: Pick<LinkStore, 'expiringLinks'>, now: () => number): () => void {
    let last = now()
    let running = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      const at = now()
      void (async () => {
        const ids = await links.expiringLinks(new Date(last - EXPIRY_SWEEP_MS).toISOString(), new Date(at).toISOString())
        for (const id of ids) this.ended(id)
        last = at
      })()
        .catch(() => undefined)
        .finally(() => (running = false))
    }, EXPIRY_SWEEP_MS)
    timer.unref()
    return () => clearInterval(timer)
  }
}
