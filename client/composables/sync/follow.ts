/** What the server pushes to a page: the log into the log's store, the rest into the session's. */
import { PROTOCOL_VERSION, type InkBatch } from '../../../shared/protocol.js'
import { CatchUp } from '../../lib/catch-up.js'
import type { ConferenceSocket } from '../../lib/socket.js'
import type { useConferenceStore } from '../../stores/conference.js'
import type { useSessionStore } from '../../stores/session.js'
import type { Dispose } from './dispose.js'
import { unpackEvents, unpackSnapshot } from './snapshot.js'

const SYNC_ANSWER_WITHIN_MS = 8000

/** Snapshot and events into the log's store in seq order, asking `sync` on a gap (lib/catch-up.ts). */
export function followLog(socket: ConferenceSocket, log: ReturnType<typeof useConferenceStore>): Dispose {
  const catchUp = new CatchUp(log, (since) => socket.timeout(SYNC_ANSWER_WITHIN_MS).emitWithAck('sync', { since }), unpackSnapshot)
  // Packed batches are inflated off the main path; whatever arrives meanwhile waits its turn, in order.
  let inOrder: Promise<void> = Promise.resolve()
  let waiting = 0
  const then = (step: () => void | Promise<void>) => {
    waiting++
    inOrder = inOrder.then(step).catch((err: unknown) => console.error('could not read a message of the log', err)).finally(() => void waiting--)
  }
  socket.on('snapshot', (snap) => {
    if (waiting === 0) return void catchUp.snapshot(snap)
    then(() => catchUp.snapshot(snap))
  })
  socket.on('events', (m) => {
    if (waiting === 0 && !('packed' in m)) return catchUp.receive(m.events)
    then(async () => catchUp.receive(await unpackEvents(m)))
  })
  return () => {
    catchUp.stop()
    socket.off('snapshot')
    socket.off('events')
  }
}

/** Who this page is, presence, reveals, the server's store and live ink: none of it in the log. */
/** `onInk`: where live ink goes (the signing feature's store), given by the page. */
export function followSession(socket: ConferenceSocket, session: ReturnType<typeof useSessionStore>, onInk: (b: InkBatch) => void): Dispose {
  socket.on('welcome', (w) => {
    session.setActor(w.actor)
    if (w.protocol !== PROTOCOL_VERSION) console.warn(`server protocol ${w.protocol}, client ${PROTOCOL_VERSION}`)
  })
  socket.on('presence', (p) => session.setPresence(p))
  socket.on('reveals', (r) => session.setReveals(r.announcements))
  socket.on('status', (st) => session.setStoreStatus(st.store, st.since))
  socket.on('ink', onInk)
  return () => {
    for (const name of ['welcome', 'presence', 'reveals', 'status', 'ink'] as const) socket.off(name)
  }
}
