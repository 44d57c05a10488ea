/**
 * A Redis stream entry of the conference log, as redis.ts writes it (`<seq>-0`, fields t, at, d,
 * v, ph, h), read back as a StoredEvent. Shared by the store (reads, verify) and the log feed
 * (redis-feed.ts), so neither imports the other.
 */
import type { StoredEvent, VerifyResult } from './event-store.js'
import { eventHash, GENESIS_HASH } from './hash-chain.js'

export type Fields = Record<string, string>

/** A reply's string fields (HGETALL, a stream entry's message): what node-redis types loosely, read as Fields. */
export function fieldsOf(reply: unknown): Fields {
  if (typeof reply !== 'object' || reply === null) return {}
  return Object.fromEntries(Object.entries(reply).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

/** A stream entry read back: the event, and its data's exact text (what was hashed). */
export interface Entry { event: StoredEvent; dataJson: string }

export function toEntry(id: string, f: Fields): Entry {
  const dataJson = f['d'] ?? 'null'
  return { event: toStoredEvent(id, f), dataJson }
}

/** The event a stream entry holds (its seq is the entry id's first part). */
export function toStoredEvent(id: string, f: Fields): StoredEvent {
  return {
    seq: Number(id.slice(0, id.indexOf('-'))),
    type: f['t'] ?? '',
    at: f['at'] ?? '',
    data: JSON.parse(f['d'] ?? 'null'),
    v: Number(f['v'] ?? 1),
    prevHash: f['ph'] ?? '',
    hash: f['h'] ?? '',
  }
}

/** Walks the whole log page by page, re-hashing each event from its stored data text. */
export async function verifyLog(page: (fromSeq: number) => Promise<Entry[]>): Promise<VerifyResult> {
  let count = 0
  let prevHash = GENESIS_HASH
  let firstBrokenSeq: number | undefined
  let from = 1
  for (;;) {
    const batch = await page(from)
    const last = batch.at(-1)
    if (!last) break
    for (const { event: e, dataJson: text } of batch) {
      count++
      const holds = e.seq === count && e.prevHash === prevHash && e.hash === eventHash(e.prevHash, e.seq, e.type, e.at, text)
      if (firstBrokenSeq === undefined && !holds) firstBrokenSeq = Math.min(e.seq, count)
      prevHash = e.hash
    }
    from = last.event.seq + 1
  }
  return firstBrokenSeq === undefined ? { ok: true, events: count } : { ok: false, events: count, firstBrokenSeq }
}
