/**
 * A join storm: n farm clients connect at once and each waits for its snapshot; the server's CPU
 * time is read before and after (bench/hooks.ts), so the storm's cost to the server is known apart
 * from the farm's. The clients are then closed, and the drops counted.
 */
import { max, pct, sleep } from './common.js'
import type { Drops, Farm } from './farm.js'
import type { Usage } from './hooks.js'
import type { Target } from './target.js'

export interface Storm {
  /** Until the last client held its snapshot, ms. */
  ms: number
  p50: number
  p99: number
  /** The server's CPU time over the storm, over n, ms. */
  cpuPerJoin: number
  /** The farm's CPU time over the storm, over n, ms. */
  farmCpuPerJoin: number
  /** Clients that got no snapshot, by why. */
  lost: Record<string, number>
  /** The snapshot as sent (deflated bytes, or JSON characters of a plain one). */
  bytes: number
  /** Awards in the state a sampling client parsed. */
  awards: number
  /** Dropped after they held their snapshot, before the bench closed them. */
  drops: Drops
  /** The server's reading (after a full collection) while all n held their snapshot, when asked. */
  held?: Usage
}

export async function joinStorm(farm: Farm, target: Target, urls: string[], auth: object, n: number, opts: { memory?: boolean } = {}): Promise<Storm> {
  const [u0, f0] = await Promise.all([target.usage(), farm.status()])
  const s = await farm.storm(urls, auth, n)
  const [u1, f1] = await Promise.all([target.usage(), farm.status()])
  const held = opts.memory ? await target.memory() : undefined
  const drops = await farm.close()
  // The closes settle before the next storm starts.
  await sleep(1000)
  return {
    ms: max(s.times),
    p50: pct(s.times, 50),
    p99: pct(s.times, 99),
    cpuPerJoin: (u1.cpuMs - u0.cpuMs) / n,
    farmCpuPerJoin: (f1.cpuMs - f0.cpuMs) / n,
    lost: s.lost,
    bytes: s.bytes,
    awards: s.awards,
    drops,
    ...(held ? { held } : {}),
  }
}

/** How many of n did not make it: got no snapshot, or dropped while held. */
export const stormLosses = (s: Storm) => Object.values(s.lost).reduce((a, b) => a + b, 0) + s.drops.dropped
