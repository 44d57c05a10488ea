/**
 * The Redis log feed: one dedicated connection per process reads every followed conference's
 * stream with XREAD BLOCK, so what any process appends reaches this one's screens in the order
 * of the log. A new follower interrupts the blocked read (CLIENT UNBLOCK) so its stream joins at
 * once; a lost connection resumes from the last seq read, so nothing is skipped. An outage of
 * any length only pauses it: every failure is caught in the loop, which tries again every 250 ms.
 * This process's own appends reach its listeners at the append's answer (`own`), one Redis hop
 * sooner, when they follow what was read; the read then skips them by seq.
 */
import type { StoredEvent } from './event-store.js'
import type { LogFeed } from './feed.js'
import type { RedisClient as Client } from './redis-connection.js'
import { toStoredEvent } from './redis-entries.js'
import { log } from '../log.js'

type Listener = (events: StoredEvent[]) => void

/** How long an XREAD blocks in Redis; the client waits longer than that before it gives the read up. */
const BLOCK_MS = 5000
const READ_TIMEOUT_MS = BLOCK_MS + 5000

export interface StreamFollower {
  feed: LogFeed
  /** This process appended `events` (in order, with their seqs): its listeners hear them now when they come right after what was read. */
  own(conferenceId: string, events: StoredEvent[]): void
  stop(): Promise<void>
}

export function followStreams(base: Client, logKey: (conferenceId: string) => string): StreamFollower {
  const subs = new Map<string, { lastSeq: number; listeners: Set<Listener> }>()
  let reader: Client | null = null
  let readerId: number | null = null
  let running: Promise<void> | null = null
  let stopped = false
  let wake: (() => void) | null = null

  const interrupt = () => {
    wake?.()
    if (readerId !== null && base.isReady) void base.clientUnblock(readerId).catch(() => undefined)
  }

  async function loop(r: Client): Promise<void> {
    while (!stopped) {
      if (subs.size === 0) {
        await new Promise<void>((resolve) => (wake = resolve))
        wake = null
        continue
      }
      try {
        if (!r.isOpen) await r.connect()
        readerId ??= await r.clientId()
        const streams = [...subs].map(([c, s]) => ({ key: logKey(c), id: `${s.lastSeq}-0` }))
        const answer = (await r.xRead(streams, { BLOCK: BLOCK_MS, COUNT: 1000 })) as { name: string; messages: { id: string; message: Record<string, string> }[] }[] | null
        for (const stream of answer ?? []) {
          const conferenceId = [...subs.keys()].find((c) => logKey(c) === stream.name)
          const sub = conferenceId === undefined ? undefined : subs.get(conferenceId)
          if (!sub || stream.messages.length === 0) continue
          // What this process appended was heard at its answer (`own`): only what follows is new.
          const events = stream.messages.map((m) => toStoredEvent(m.id, m.message)).filter((e) => e.seq > sub.lastSeq)
          if (events.length === 0) continue
          sub.lastSeq = Math.max(sub.lastSeq, ...events.map((e) => e.seq))
          for (const listener of sub.listeners) listener(events)
        }
      } catch {
        if (stopped) break
        readerId = null
        // Redis unreachable: try again shortly; the read resumes from each stream's last seq.
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    }
  }

  return {
    feed: {
      follow(conferenceId, afterSeq, onEvents) {
        let sub = subs.get(conferenceId)
        if (!sub) subs.set(conferenceId, (sub = { lastSeq: afterSeq, listeners: new Set() }))
        else sub.lastSeq = Math.min(sub.lastSeq, afterSeq)
        sub.listeners.add(onEvents)
        if (!reader) {
          // Its own time limit, longer than the block: an empty read is not a failure.
          reader = base.duplicate({ commandOptions: { timeout: READ_TIMEOUT_MS } })
          // The event store's connection logs the outage; this one retries in its loop.
          reader.on('error', () => undefined)
          reader.on('ready', () => (readerId = null))
          running = loop(reader)
        }
        interrupt()
        return () => {
          sub.listeners.delete(onEvents)
          if (sub.listeners.size === 0) subs.delete(conferenceId)
        }
      },
    },
    own(conferenceId, events) {
      const sub = subs.get(conferenceId)
      const first = events[0]
      const last = events.at(-1)
      // Behind (another process's events not read yet): the read delivers these in order instead.
      if (!sub || !first || !last || first.seq !== sub.lastSeq + 1) return
      sub.lastSeq = last.seq
      for (const listener of sub.listeners) {
        // The append succeeded whatever a listener does: its failure is logged, not the append's.
        try {
          listener(events)
        } catch (err) {
          log.error({ err, conferenceId }, 'a log listener failed on this process\'s own append')
        }
      }
    },
    async stop() {
      stopped = true
      interrupt()
      if (reader?.isOpen) reader.destroy()
      await running
    },
  }
}
