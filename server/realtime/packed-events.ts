/**
 * Large `events` messages deflated once per batch and audience, not once per socket: the 2,996
 * remaining awards announced at once are 860 KB of JSON and about 61 KB deflated, the same bytes
 * for every viewer of a process. Small batches go as they are: deflating a few hundred bytes
 * saves nothing and the page would wait for its inflation before revealing.
 */
import { deflateSync } from 'node:zlib'
import type { Audience } from '../../shared/audience.js'
import type { ConferenceEvent } from '../../shared/events.js'
import type { PackedEvents } from '../../shared/protocol.js'

/** Batches whose JSON is at least this long go deflated to the pages that asked. */
export const PACK_EVENTS_FROM_BYTES = 16 * 1024
/** Batches remembered: the live one, and the catch-ups of pages that reconnect just behind it. */
const REMEMBERED = 8

/**
 * Deflates a batch at most once per conference, audience and seq range; null for a batch too
 * small to pack. Synchronous on purpose: the broadcast keeps its order and the join its promise
 * that no event falls between a page's catch-up and its room (session.ts).
 */
export class EventPacker {
  private readonly recent = new Map<string, PackedEvents>()

  constructor(private readonly fromBytes = PACK_EVENTS_FROM_BYTES) {}

  pack(conferenceId: string, audience: Audience, events: readonly ConferenceEvent[]): PackedEvents | null {
    const first = events[0]
    const last = events.at(-1)
    if (!first || !last) return null
    const key = `${audience}:${conferenceId}:${first.seq}-${last.seq}:${events.length}`
    const hit = this.recent.get(key)
    if (hit) return hit
    const json = JSON.stringify(events)
    // Small batches are not remembered: they would push the large ones out.
    if (json.length < this.fromBytes) return null
    const packed: PackedEvents = { events: [], encoding: 'deflate', packed: deflateSync(json), from: first.seq, to: last.seq, count: events.length }
    this.recent.set(key, packed)
    // The oldest out first: a Map iterates in insertion order.
    for (const old of this.recent.keys()) {
      if (this.recent.size <= REMEMBERED) break
      this.recent.delete(old)
    }
    return packed
  }
}
