/**
 * Owns the socket of a page, built from small parts that each undo what they set up: the
 * connection (handshake, refusals, drops), the log (snapshot and events in seq order, `sync` on a
 * gap), the session (who, presence, reveals, store status, ink), clock sampling, and sending.
 */
import { inject, onBeforeUnmount, provide, type InjectionKey } from 'vue'
import { useRoute } from 'vue-router'
import type { ConferenceSocket } from '../lib/socket.js'
import type { InkBatch } from '../../shared/protocol.js'
import { useConferenceStore } from '../stores/conference.js'
import { useSessionStore } from '../stores/session.js'
import { knownRefusal } from '../lib/token-role.js'
import { sampleClock } from './sync/clock.js'
import { sender, type ConferenceSync } from './sync/commands.js'
import { openConnection } from './sync/connection.js'
import { disposer } from './sync/dispose.js'
import { followLog, followSession } from './sync/follow.js'
import { readPublicSnapshot } from './sync/read-tier.js'

export type { ConferenceSync, Send, SendResult } from './sync/commands.js'

const SyncKey: InjectionKey<ConferenceSync> = Symbol('conference-sync')

export interface SyncOptions {
  /** Where live ink goes (the signing feature's store): a page that shows none leaves it out. */
  onInk?: (batch: InkBatch) => void
}

export function useConferenceSync(opts: SyncOptions = {}): ConferenceSync {
  const log = useConferenceStore()
  const session = useSessionStore()
  const onInk = opts.onInk ?? (() => undefined)
  const route = useRoute()
  const token = typeof route.query.token === 'string' ? route.query.token : ''
  const parts = disposer()
  let socket: ConferenceSocket | null = null

  // The router asked the server about this token as the page opened: a refused one is said at once.
  const refusal = token ? knownRefusal(token) : 'missing token'
  if (refusal) {
    session.setConnection('refused', refusal)
  } else {
    let left = false
    parts.add(() => void (left = true))
    const connect = () => {
      if (left) return
      const connection = openConnection(token, session, () => log.seq)
      const s = connection.socket
      socket = s
      parts.add(() => {
        connection.dispose()
        socket = null
      })
      parts.add(followLog(s, log))
      parts.add(followSession(s, session, onInk))
      parts.add(sampleClock(s, (ms) => session.setClockOffset(ms)))
    }
    // A viewer joins from the read tier (the cache's bytes), then its socket asks only for what followed.
    void readPublicSnapshot(token).then((snap) => {
      if (snap && snap.seq > log.seq) log.applySnapshot(snap)
      connect()
    })
  }
  onBeforeUnmount(parts.dispose)

  const api = sender(() => socket)
  provide(SyncKey, api)
  return api
}

/** For components under a page that called useConferenceSync(). */
export function useCommands(): ConferenceSync {
  const api = inject(SyncKey)
  if (!api) throw new Error('useCommands() needs a page that called useConferenceSync()')
  return api
}
