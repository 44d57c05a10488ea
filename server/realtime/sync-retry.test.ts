/**
 * The page's catch-up (client/lib/catch-up.ts) against the real server and a real socket.io
 * client: a `sync` refused `rate_limited` is asked again once its `retryAfterMs` has passed, by
 * itself, with no further event to set it off, and the page's store then reaches the head.
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, expect, it } from 'vitest'
import type { SyncAnswer } from '../../shared/protocol.js'
import { CatchUp } from '../../client/lib/catch-up.js'
import { useConferenceStore } from '../../client/stores/conference.js'
import { firstSync, recordEvents, send, startServer, unpack, until, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running
let catchUp: CatchUp | undefined
afterEach(async () => {
  catchUp?.stop()
  await server?.stop()
})

it('a sync refused rate_limited is asked again after its retryAfterMs, without waiting for the next gap', async () => {
  server = await startServer({ app: { budgets: { read: { points: 2, seconds: 2 } } } })
  setActivePinia(createPinia())
  const store = useConferenceStore()
  const site = server.connect(defined(server.links.sites[0]).token)
  const first = await firstSync(site)
  store.applySnapshot(unpack(defined(first.snapshot)))
  const host = server.connect(server.links.host.token)
  await firstSync(host)
  const seen = recordEvents(site)

  // Two events the page will miss the first of.
  expect(await send(host, 'conference.start', {})).toMatchObject({ ok: true })
  const head = (await send(host, 'agenda.next', {})) as { ok: boolean; seq: number }
  expect(head.ok).toBe(true)
  await until(() => seen.some((e) => e.seq === head.seq))

  // The link's reads are spent: the first sync of the catch-up is refused.
  for (let i = 0; i < 2; i++) expect((await site.emitWithAck('sync', { since: head.seq })).ok).toBe(true)
  const asked: { at: number; answer: SyncAnswer }[] = []
  catchUp = new CatchUp(
    store,
    async (since) => {
      const answer = await site.timeout(5000).emitWithAck('sync', { since })
      asked.push({ at: performance.now(), answer })
      return answer
    },
    async (s) => unpack(s),
  )
  // Only the last event arrives: a gap.
  catchUp.receive(seen.filter((e) => e.seq === head.seq))
  await until(() => asked.length === 1)
  const refused = defined(asked[0]).answer
  expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
  const wait = (refused as { retryAfterMs?: number }).retryAfterMs
  expect(wait).toBeGreaterThan(0)
  expect(store.seq).toBeLessThan(head.seq)
  await until(() => defined(catchUp).retryPending)

  // No event comes; the retry alone catches up, and not before it was told it may.
  await until(() => store.seq === head.seq, defined(wait) + 5000)
  expect(asked.length).toBe(2)
  expect(defined(asked[1]).answer.ok).toBe(true)
  expect(defined(asked[1]).at - defined(asked[0]).at).toBeGreaterThanOrEqual(defined(wait) - 20)
  expect(catchUp.retryPending).toBe(false)
})
