/**
 * Caps on the sockets held open at once, per remote address and per link, counted in this
 * process. A budget limits how fast sockets are opened; this limits how many stay open, so one
 * address cannot hold the file limit's worth of connections.
 */

/** How many sockets may be open at once, by what they share. */
export interface SocketCaps {
  /** From one remote address, whatever the link: the hub's NAT holds a hall of phones and the consoles. */
  address: number
  /** Of the viewer link from one address: a hall of phones on one Wi-Fi or a carrier's NAT. */
  viewer: number
  /** Of one host link: the consoles, a spare laptop, tabs, and each one's overlap while it reconnects. */
  host: number
  /** Of one site link: the hall's big screen, the operator's panel, a second screen, and their reconnections. */
  site: number
  /** Of one signer link: the tablet, a spare, and a reconnection. */
  signer: number
  /** Of the overlay link: the video mixer, a spare mixer, a preview, and their reconnections. */
  overlay: number
}

/**
 * A hall of 1,000 phones on one address, the hub's consoles and screens beside it; every other
 * link a handful, doubled because a dropped socket may linger up to 4.5 s while its page's new
 * one is open.
 */
export const DEFAULT_SOCKET_CAPS: SocketCaps = { address: 2000, viewer: 1000, host: 20, site: 20, signer: 6, overlay: 10 }

/** For benches that open thousands of sockets from one address. Never the default. */
export const LOAD_TEST_SOCKET_CAPS: SocketCaps = { address: 1_000_000, viewer: 1_000_000, host: 1_000_000, site: 1_000_000, signer: 1_000_000, overlay: 1_000_000 }

/** Caps from the environment: SOCKET_CAPS='{"viewer":1500}' overrides those named. */
export function socketCapsFromEnv(raw: string | undefined): Partial<SocketCaps> {
  if (!raw) return {}
  const parsed: unknown = JSON.parse(raw)
  const out: Partial<SocketCaps> = {}
  for (const [name, cap] of Object.entries(parsed ?? {})) {
    if (!isCapName(name) || typeof cap !== 'number' || !Number.isInteger(cap) || cap < 1) {
      throw new Error(`SOCKET_CAPS: "${name}" must be one of ${Object.keys(DEFAULT_SOCKET_CAPS).join(', ')} with a whole number of 1 or more`)
    }
    out[name] = cap
  }
  return out
}

const isCapName = (name: string): name is keyof SocketCaps => name in DEFAULT_SOCKET_CAPS

/** Open sockets by key; each hold is released once, when its connection closes. */
export class OpenSockets {
  private readonly counts = new Map<string, number>()

  /** One more socket under `key` unless `cap` are open already: its release, or null. */
  hold(key: string, cap: number): (() => void) | null {
    const n = this.counts.get(key) ?? 0
    if (n >= cap) return null
    this.counts.set(key, n + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.counts.get(key) ?? 1) - 1
      if (left > 0) this.counts.set(key, left)
      else this.counts.delete(key)
    }
  }

  /** How many are open under `key`. */
  open(key: string): number {
    return this.counts.get(key) ?? 0
  }
}
