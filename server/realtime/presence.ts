/**
 * Who is connected right now: live state beside the log, never appended to it.
 * Changes are coalesced and broadcast at most every `intervalMs`.
 */
import type { Actor } from '../../shared/domain.js'
import type { Presence } from '../../shared/protocol.js'

interface SitePresence { connections: number; rttMs?: number }

export class PresenceTracker {
  private readonly conferences = new Map<string, { sites: Map<string, SitePresence>; viewers: number; online: number; siteIds: string[] }>()
  private readonly dirty = new Set<string>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly broadcast: (conferenceId: string, p: Presence) => void,
    private readonly intervalMs = 250,
  ) {}

  /** Sites known from the conference state, so that offline ones are listed too. */
  setSites(conferenceId: string, siteIds: string[]): void {
    this.conf(conferenceId).siteIds = siteIds
  }

  join(actor: Actor): void {
    const c = this.conf(actor.conferenceId)
    c.online++
    if (actor.role === 'viewer') c.viewers++
    if (actor.role === 'site' && actor.siteId) {
      const s = c.sites.get(actor.siteId) ?? { connections: 0 }
      s.connections++
      c.sites.set(actor.siteId, s)
    }
    this.markDirty(actor.conferenceId)
  }

  leave(actor: Actor): void {
    const c = this.conf(actor.conferenceId)
    c.online = Math.max(0, c.online - 1)
    if (actor.role === 'viewer') c.viewers = Math.max(0, c.viewers - 1)
    if (actor.role === 'site' && actor.siteId) {
      const s = c.sites.get(actor.siteId)
      if (s) s.connections = Math.max(0, s.connections - 1)
    }
    this.markDirty(actor.conferenceId)
  }

  /** A site's latest round trip, as its client measured it with `clock`. */
  rtt(actor: Actor, rttMs: number): void {
    if (actor.role !== 'site' || !actor.siteId) return
    const s = this.conf(actor.conferenceId).sites.get(actor.siteId)
    if (!s || s.rttMs === Math.round(rttMs)) return
    s.rttMs = Math.round(rttMs)
    this.markDirty(actor.conferenceId)
  }

  current(conferenceId: string): Presence {
    const c = this.conf(conferenceId)
    const sites: Presence['sites'] = {}
    for (const id of new Set([...c.siteIds, ...c.sites.keys()])) {
      const s = c.sites.get(id)
      const connections = s?.connections ?? 0
      sites[id] = s?.rttMs !== undefined && connections > 0 ? { online: true, connections, rttMs: s.rttMs } : { online: connections > 0, connections }
    }
    return { sites, viewers: c.viewers, online: c.online }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private conf(id: string) {
    let c = this.conferences.get(id)
    if (!c) {
      c = { sites: new Map(), viewers: 0, online: 0, siteIds: [] }
      this.conferences.set(id, c)
    }
    return c
  }

  private markDirty(conferenceId: string): void {
    this.dirty.add(conferenceId)
    this.timer ??= setTimeout(() => {
      this.timer = null
      for (const id of this.dirty) this.broadcast(id, this.current(id))
      this.dirty.clear()
    }, this.intervalMs)
  }
}
