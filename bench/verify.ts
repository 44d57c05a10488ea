/**
 * `verify` on the SQLite store against a 21,000-event log (the size that took 221 ms of
 * blocking work): the whole pass, and the longest the event loop waited for a turn meanwhile.
 * Walked 500 events at a time with a yield between chunks, that wait is a few milliseconds.
 *   node --import tsx bench/verify.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { NewEvent } from '../shared/events.js'
import { openSqliteStore, VERIFY_CHUNK } from '../server/store/sqlite.js'

const EVENTS = 21_000
const ROUNDS = 5
const dir = mkdtempSync(join(tmpdir(), 'diemcau-bench-verify-'))
const store = openSqliteStore(dir)
try {
  for (let seq = 0; seq < EVENTS; seq += 1000) {
    const events = Array.from({ length: 1000 }, (_, i) => ({ type: 'site.checkedIn', data: { siteId: 'hub', attendees: seq + i } }) as NewEvent)
    await store.append('bench', seq, events)
  }
  console.log(`verify: ${EVENTS.toLocaleString('en')} events, chunks of ${VERIFY_CHUNK}`)
  for (let round = 1; round <= ROUNDS; round++) {
    let last = performance.now()
    let longest = 0
    let done = false
    const turn = () => {
      const t = performance.now()
      longest = Math.max(longest, t - last)
      last = t
      if (!done) setImmediate(turn)
    }
    const t0 = performance.now()
    setImmediate(turn)
    const result = await store.verify('bench')
    done = true
    const total = performance.now() - t0
    // A pass that never yielded leaves `turn` unrun: its whole length was one wait.
    const wait = longest === 0 ? total : longest
    console.log(`  round ${round}: ${result.ok ? 'ok' : 'BROKEN'}, ${total.toFixed(0)} ms in all, longest wait for a turn ${wait.toFixed(1)} ms`)
  }
} finally {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}
