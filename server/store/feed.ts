/**
 * Following a conference's log: every process reads what was appended, by itself or by another
 * process, and only that drives its screens. In one process (SQLite) the feed is the store's own
 * appends, told in process; with Redis it is the conference's stream (server/store/redis.ts).
 */
import type { EventStore, StoredEvent } from './event-store.js'

export interface LogFeed {
  /**
   * Calls `onEvents` with the events appended to the conference's log after `afterSeq`, in
   * order, batch by batch, whoever appended them. A batch may start past the listener's last
   * seq (the listener then reads the gap from the store) or repeat seqs it has (it skips them).
   * Returns the function that stops following.
   */
  follow(conferenceId: string, afterSeq: number, onEvents: (events: StoredEvent[]) => void): () => void
}

/**
 * The in-process feed of a store that only this process writes (SQLite): the returned store is
 * the same store whose appends, once durable, are told to the followers of their conference.
 */
export function inProcessFeed(store: EventStore): { store: EventStore; feed: LogFeed } {
  const followers = new Map<string, Set<(events: StoredEvent[]) => void>>()
  const told: EventStore = Object.create(store) as EventStore
  told.append = async (conferenceId, expectedSeq, events, opts) => {
    const result = await store.append(conferenceId, expectedSeq, events, opts)
    if (result.ok && result.events.length > 0) {
      for (const listener of followers.get(conferenceId) ?? []) listener(result.events)
    }
    return result
  }
  return {
    store: told,
    feed: {
      follow(conferenceId, _afterSeq, onEvents) {
        let set = followers.get(conferenceId)
        if (!set) followers.set(conferenceId, (set = new Set()))
        set.add(onEvents)
        return () => set.delete(onEvents)
      },
    },
  }
}
