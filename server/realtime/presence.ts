/**
 * Who is connected right now: live state beside the log, never appended to it.
 * Changes are coalesced and broadcast at most every `intervalMs`; a clock sample that changes
 * nothing a person would see (a round trip within a few ms) broadcasts nothing.
 */
import type { Actor } from '../../shared/domain.js'
import type { Presence, SitePresence } from '../../shared/protocol.js'

interface SiteLive { connections: number; rttMs?: number; clockOffsetMs?: number; lastSeenMs?: number }
interface ConferenceLive {
  sites: Map<string, SiteLive>
  /** Connected sockets by role. */
  roles: Record<Actor['role'], number>
  siteIds: string[]
}

/**
 * One process's share of a conference's presence, as it tells the other processes of a cluster
 * (server/realtime/cluster.ts): its connections per site and per role.
 */
export interface PresencePart {
  sites: Record<string, SiteLive>
  roles: Record<Actor['role'], number>
}

/** A round trip or offset that moved less than this is not news. */
const NOTEWORTHY_MS = 5

export class PresenceTracker {
  private readonly conferences = new Map<string, ConferenceLive>()
  private readonly dirty = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  /** Other processes' parts, by conference then process, each until it expires (its process stopped telling). */
  private readonly remote = new Map<string, Map<string, { part: PresencePart; untilMs: number }>>()
  /** Told when this process's own figures of a conference changed (the cluster shares them). */
  onLocalChange: ((conferenceId: string) => void) | null = null

  constructor(
    private readonly broadcast: (conferenceId: string, p: Presence) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sites known from the conference state, so that offline ones are listed too. */
  setSites(conferenceId: string, siteIds: string[]): void {
    const c = this.conf(conferenceId)
    // A Set: with 3,356 sites, includes() per id made each join cost 11 million comparisons.
    const known = new Set(c.siteIds)
    const added = siteIds.some((id) => !known.has(id))
    c.siteIds = siteIds
    if (added) this.markDirty(conferenceId)
  }

  join(actor: Actor): void {
    const c = this.conf(actor.conferenceId)
    c.roles[actor.role]++
    const s = this.site(c, actor)
    if (s) {
      s.connections++
      s.lastSeenMs = this.now()
    }
    this.markDirty(actor.conferenceId)
  }

  leave(actor: Actor): void {
    const c = this.conf(actor.conferenceId)
    c.roles[actor.role] = Math.max(0, c.roles[actor.role] - 1)
    const s = this.site(c, actor)
    if (s) {
      s.connections = Math.max(0, s.connections - 1)
      s.lastSeenMs = this.now()
      // A round trip and offset belong to a connection: an offline site has none.
      if (s.connections === 0) {
        delete s.rttMs
        delete s.clockOffsetMs
      }
    }
    this.markDirty(actor.conferenceId)
  }

  /** A site's latest round trip and clock offset, as its page measured them with `clock`. */
  clock(actor: Actor, sample: { rttMs?: unknown; offsetMs?: unknown }): void {
    const c = this.conf(actor.conferenceId)
    const s = actor.role === 'site' ? c.sites.get(actor.siteId ?? '') : undefined
    if (!s || s.connections === 0) return
    s.lastSeenMs = this.now()
    let news = false
    const rtt = finite(sample.rttMs, 0, 60_000)
    if (rtt !== undefined && (s.rttMs === undefined || Math.abs(s.rttMs - rtt) >= NOTEWORTHY_MS)) {
      s.rttMs = rtt
      news = true
    }
    const offset = finite(sample.offsetMs, -86_400_000, 86_400_000)
    if (offset !== undefined && (s.clockOffsetMs === undefined || Math.abs(s.clockOffsetMs - offset) >= NOTEWORTHY_MS)) {
      s.clockOffsetMs = offset
      news = true
    }
    if (news) this.markDirty(actor.conferenceId)
  }

  /** This process's own figures of a conference. */
  part(conferenceId: string): PresencePart {
    const c = this.conf(conferenceId)
    return { sites: Object.fromEntries(c.sites), roles: { ...c.roles } }
  }

  /** Conferences this process has figures for. */
  conferenceIds(): string[] {
    return [...this.conferences.keys()]
  }

  /** Another process's figures of a conference, valid for `ttlMs` unless told again. */
  setRemote(processId: string, conferenceId: string, part: PresencePart, ttlMs: number): void {
    let parts = this.remote.get(conferenceId)
    if (!parts) this.remote.set(conferenceId, (parts = new Map()))
    parts.set(processId, { part, untilMs: this.now() + ttlMs })
    this.markDirty(conferenceId, false)
  }

  /** Drops the parts of processes that stopped telling; their connections are gone with them. */
  expireRemote(): void {
    const t = this.now()
    for (const [conferenceId, parts] of this.remote) {
      for (const [pid, p] of parts) {
        if (p.untilMs > t) continue
        parts.delete(pid)
        this.markDirty(conferenceId, false)
      }
    }
  }

  /** The figures of the whole cluster: this process's and the other processes' parts, summed. */
  current(conferenceId: string): Presence {
    const t = this.now()
    const parts = [this.part(conferenceId), ...[...(this.remote.get(conferenceId)?.values() ?? [])].filter((p) => p.untilMs > t).map((p) => p.part)]
    const merged = new Map<string, SiteLive>()
    const roles = { host: 0, site: 0, signer: 0, viewer: 0, overlay: 0 }
    for (const part of parts) {
      for (const r of Object.keys(roles) as Actor['role'][]) roles[r] += part.roles[r] ?? 0
      for (const [id, s] of Object.entries(part.sites)) {
        const m = merged.get(id) ?? { connections: 0 }
        m.connections += s.connections
        // The first part that has a live sample gives it: this process's own comes first.
        if (m.rttMs === undefined && s.connections > 0 && s.rttMs !== undefined) m.rttMs = s.rttMs
        if (m.clockOffsetMs === undefined && s.connections > 0 && s.clockOffsetMs !== undefined) m.clockOffsetMs = s.clockOffsetMs
        if (s.lastSeenMs !== undefined) m.lastSeenMs = Math.max(m.lastSeenMs ?? 0, s.lastSeenMs)
        merged.set(id, m)
      }
    }
    const sites: Presence['sites'] = {}
    // Only the sites seen since the start: a site never connected is offline by its absence. Listing
    // all of a national day's 3,356 made each presence message 200 KB, sent to every screen.
    for (const id of merged.keys()) {
      const s = merged.get(id)
      const connections = s?.connections ?? 0
      const p: SitePresence = { online: connections > 0, connections }
      if (connections > 0 && s?.rttMs !== undefined) p.rttMs = s.rttMs
      if (connections > 0 && s?.clockOffsetMs !== undefined) p.clockOffsetMs = s.clockOffsetMs
      if (s?.lastSeenMs !== undefined) p.lastSeenAt = new Date(s.lastSeenMs).toISOString()
      sites[id] = p
    }
    // The mixer's overlay is a machine at the hub, not an audience: counted online only.
    const { host, site, signer, viewer, overlay } = roles
    return { sites, viewers: viewer, watching: site + viewer, organisers: host + signer, online: host + site + signer + viewer + overlay, serverTime: this.now() }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private site(c: ConferenceLive, actor: Actor): SiteLive | undefined {
    if (actor.role !== 'site' || !actor.siteId) return undefined
    let s = c.sites.get(actor.siteId)
    if (!s) {
      s = { connections: 0 }
      c.sites.set(actor.siteId, s)
    }
    return s
  }

  private conf(id: string): ConferenceLive {
    let c = this.conferences.get(id)
    if (!c) {
      c = { sites: new Map(), roles: { host: 0, site: 0, signer: 0, viewer: 0, overlay: 0 }, siteIds: [] }
      this.conferences.set(id, c)
    }
    return c
  }

  private readonly dirtyLocal = new Set<string>()

  private markDirty(conferenceId: string, local = true): void {
    this.dirty.add(conferenceId)
    if (local) this.dirtyLocal.add(conferenceId)
    this.timer ??= setTimeout(() => {
      this.timer = null
      for (const id of this.dirty) this.broadcast(id, this.current(id))
      for (const id of this.dirtyLocal) this.onLocalChange?.(id)
      this.dirty.clear()
      this.dirtyLocal.clear()
    }, this.intervalMs)
  }
}

function finite(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? Math.round(v) : undefined
}
