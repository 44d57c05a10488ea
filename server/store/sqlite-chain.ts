/**
 * Re-checking a SQLite log's hash chain, a chunk at a time, and comparing it with the head
 * recorded as acknowledged.
 */
import type { VerifyResult } from './event-store.js'
import { eventHash, GENESIS_HASH } from './hash-chain.js'

/** One row of the events table as stored. */
export interface EventRow {
  seq: number
  type: string
  at: string
  data: string
  prev_hash: string
  hash: string
  v: number
}

/**
 * Rows re-hashed per turn of the event loop: 21,000 events took 221 ms in one go, a stall for
 * every socket and reveal; in chunks of 500 each turn costs a few milliseconds.
 */
export const VERIFY_CHUNK = 500

/**
 * Walks rows in seq order, re-hashing each from its stored data text, a chunk at a time
 * (`page(after)`: the rows with seq > after, at most VERIFY_CHUNK), yielding between chunks.
 */
export async function verifyChain(page: (afterSeq: number) => EventRow[]): Promise<VerifyResult> {
  let count = 0
  let prevHash = GENESIS_HASH
  let firstBrokenSeq: number | undefined
  // Below any seq, so that a row edited to seq 0 or less is walked (and found) too.
  let after = Number.MIN_SAFE_INTEGER
  for (;;) {
    const rows = page(after)
    for (const row of rows) {
      count++
      if (firstBrokenSeq === undefined && !linkHolds(row, count, prevHash)) firstBrokenSeq = Math.min(row.seq, count)
      prevHash = row.hash
      after = row.seq
    }
    if (rows.length < VERIFY_CHUNK) break
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return firstBrokenSeq === undefined ? { ok: true, events: count } : { ok: false, events: count, firstBrokenSeq }
}

function linkHolds(row: EventRow, expectedSeq: number, prevHash: string): boolean {
  return (
    row.seq === expectedSeq &&
    row.prev_hash === prevHash &&
    row.hash === eventHash(row.prev_hash, row.seq, row.type, row.at, row.data)
  )
}

/** How the log falls short of the head recorded as acknowledged, if it does. */
export function ackedProblem(
  recorded: { seq: number; hash: string } | undefined,
  logSeq: number,
  hashAt: (seq: number) => string | undefined,
): VerifyResult['acknowledged'] | null {
  if (!recorded) return null
  if (logSeq < recorded.seq) return { seq: recorded.seq, problem: 'shorter' }
  if (hashAt(recorded.seq) !== recorded.hash) return { seq: recorded.seq, problem: 'diverged' }
  return null
}

