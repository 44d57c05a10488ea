/**
 * Confirmed reveals: each site or viewer page reports the instant (on its corrected clock) it
 * showed an announcement; the host sees, per announcement, how many sites confirmed and the
 * spread between the first and the last. Live figures beside the log, like presence.
 */
import type { Actor } from '../../shared/domain.js'
import type { ConferenceEvent } from '../../shared/events.js'
import type { RevealStat } from '../../shared/protocol.js'

/** Announcements kept per conference, newest first. */
const KEEP = 30
/** A report further than this from its `revealAt` is not an instant of that reveal. */
const PLAUSIBLE_MS = 10 * 60_000

interface Tracked {
  stat: RevealStat
  sites: Set<string>
  /** The sites online when the announcement was made: the ones asked to show it. */
  asked: Set<string>
  /** Sockets that already reported: one report each. */
  reporters: Set<string>
}

export class RevealTracker {
  private readonly byConference = new Map<string, Tracked[]>()
  private readonly dirty = new Set<string>()
  private readonly timer: ReturnType<typeof setInterval>

  /** `onlineSites`: the sites online now (presence), asked to show each announcement as it is made. */
  constructor(
    private readonly emit: (conferenceId: string, announcements: RevealStat[]) => void,
    everyMs = 250,
    private readonly onlineSites: (conferenceId: string) => readonly string[] = () => [],
  ) {
    this.timer = setInterval(() => this.flush(), everyMs)
    this.timer.unref()
  }

  /** Starts tracking every announcement among appended events. */
  appended(conferenceId: string, events: readonly ConferenceEvent[]): void {
    for (const e of events) {
      if (e.type !== 'award.announced') continue
      const list = this.byConference.get(conferenceId) ?? []
      const asked = new Set(this.onlineSites(conferenceId))
      const stat: RevealStat = { revealAt: e.data.revealAt, awards: e.data.awardIds.length, sites: 0, asked: asked.size, clients: 0, firstAt: 0, lastAt: 0, spreadMs: 0 }
      list.unshift({ stat, sites: new Set(), asked, reporters: new Set() })
      this.byConference.set(conferenceId, list.slice(0, KEEP))
      this.dirty.add(conferenceId)
    }
  }

  /**
   * A page's report; returns false (and changes nothing) when it does not fit a known announcement,
   * or when the page connected after the reveal (it showed a past announcement on joining: not a reveal).
   */
  report(actor: Actor, socketId: string, revealAt: unknown, at: unknown, connectedAt = -Infinity): boolean {
    if (actor.role === 'host' || typeof revealAt !== 'number' || typeof at !== 'number' || !Number.isFinite(at)) return false
    if (connectedAt > revealAt) return false
    if (Math.abs(at - revealAt) > PLAUSIBLE_MS) return false
    const tracked = this.byConference.get(actor.conferenceId)?.find((t) => t.stat.revealAt === revealAt)
    if (!tracked || tracked.reporters.has(socketId)) return false
    tracked.reporters.add(socketId)
    const s = tracked.stat
    s.firstAt = s.clients === 0 ? at : Math.min(s.firstAt, at)
    s.lastAt = s.clients === 0 ? at : Math.max(s.lastAt, at)
    s.spreadMs = s.lastAt - s.firstAt
    s.clients++
    // A site that joined after the announcement was not asked: "3/2" is impossible.
    if (actor.role === 'site' && actor.siteId && tracked.asked.has(actor.siteId)) tracked.sites.add(actor.siteId)
    s.sites = tracked.sites.size
    this.dirty.add(actor.conferenceId)
    return true
  }

  current(conferenceId: string): RevealStat[] {
    return (this.byConference.get(conferenceId) ?? []).map((t) => ({ ...t.stat }))
  }

  stop(): void {
    clearInterval(this.timer)
  }

  private flush(): void {
    for (const id of this.dirty) this.emit(id, this.current(id))
    this.dirty.clear()
  }
}
