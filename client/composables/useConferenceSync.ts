/**
 * Owns the socket of a page: handshake with the access token, snapshot and events into the
 * store in seq order (asking `sync` on a gap), presence, clock offset, and commands with acks.
 */
import { inject, onBeforeUnmount, provide, type InjectionKey } from 'vue'
import { useRoute } from 'vue-router'
import type { CommandOf, CommandType } from '../../shared/commands.js'
import { ErrorReason, type Ack } from '../../shared/errors.js'
import { ClockEstimator } from '../../shared/clock.js'
import type { Snapshot } from '../../shared/events.js'
import { PROTOCOL_VERSION, type AnySnapshot, type InkBatch } from '../../shared/protocol.js'
import { CatchUp } from '../lib/catch-up.js'
import { createConferenceSocket, type ConferenceSocket } from '../lib/socket.js'
import { newCommandId } from '../lib/ids.js'
import { useConferenceStore } from '../stores/conference.js'
import { useSessionStore } from '../stores/session.js'
import { knownRefusal } from '../router.js'
import { useInkStore } from '../features/signing/ink-store.js'

const COMMAND_TIMEOUT_MS = 8000
const CLOCK_SAMPLES_AT_CONNECT = 5
const CLOCK_EVERY_MS = 15_000
/**
 * Samples taken while the page is still loading its state wait behind that work and carry its
 * delay; bursts once the page has settled give the low round trips the estimate keeps.
 */
const CLOCK_SETTLED_BURSTS_MS = [1500, 4000, 8000]
/** While handshakes fail, the link is checked over HTTP at most this often. */
const LINK_CHECK_EVERY_MS = 3000
/** Browsers that can inflate a deflated snapshot ask for one: about a fifteenth of the bytes. */
const CAN_INFLATE = typeof DecompressionStream !== 'undefined'

/** A snapshot as it arrived, plain or deflated, as a plain one. */
export async function unpackSnapshot(s: AnySnapshot): Promise<Snapshot> {
  if (!('packed' in s)) return s
  const bytes = s.packed instanceof Uint8Array ? s.packed : new Uint8Array(s.packed)
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'))
  const text = await new Response(stream).text()
  return { seq: s.seq, serverTime: s.serverTime, state: JSON.parse(text) as Snapshot['state'] }
}

/**
 * Whether the server still honours this link, asked over HTTP: the reason (`token.revoked`, …)
 * when it answers 401, else null (accepted, busy, or no answer: a transient failure).
 */
export async function linkRefusal(token: string): Promise<string | null> {
  try {
    const res = await fetch('/api/me', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' })
    if (res.status !== 401) return null
    const body = (await res.json().catch(() => ({}))) as { error?: { reason?: string; message?: string } }
    return body.error?.reason ?? body.error?.message ?? 'token.unknown'
  } catch {
    return null
  }
}

/** The server's answer, or why none came: this page was not connected, or no ack arrived after one retry. */
export type SendResult = Ack | { ok: false; local: 'offline' | 'timeout' }
export type Send = <T extends CommandType>(type: T, data: CommandOf<T>['data']) => Promise<SendResult>

export interface ConferenceSync {
  send: Send
  /** Tells the server this page has shown the announcement of `revealAt`, at server-clock `at` (ms). */
  reportReveal: (revealAt: number, at: number) => void
  /** A signer's pad: live ink while the bloc head draws; dropped when not connected (ink is a preview). */
  sendInk: (batch: InkBatch) => void
}

const SyncKey: InjectionKey<ConferenceSync> = Symbol('conference-sync')

export function useConferenceSync(): ConferenceSync {
  const store = useConferenceStore()
  const session = useSessionStore()
  const ink = useInkStore()
  const route = useRoute()
  const token = typeof route.query.token === 'string' ? route.query.token : ''

  let socket: ConferenceSocket | null = null
  const catchUp = new CatchUp(
    store,
    (since) => {
      if (!socket) return Promise.reject(new Error('not connected'))
      return socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('sync', { since })
    },
    unpackSnapshot,
  )
  const clock = new ClockEstimator()
  let clockTimer: ReturnType<typeof setInterval> | undefined
  let goneOffline: (() => void) | undefined
  let cameOnline: (() => void) | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  const settleTimers: ReturnType<typeof setTimeout>[] = []
  let lastLinkCheck = -Infinity
  let checkingLink = false

  async function measureClock(rounds: number): Promise<void> {
    for (let i = 0; i < rounds && socket?.connected; i++) {
      const t0 = Date.now()
      const p0 = performance.now()
      try {
        // Our last round trip and offset ride along: the host sees them per site in `presence`.
        const last = clock.lastRtt
        const req = last !== undefined ? { t0, rttMs: Math.round(last), offsetMs: Math.round(clock.offset) } : { t0 }
        const answer = await socket.timeout(3000).emitWithAck('clock', req)
        // The round trip by the monotonic clock; the receipt instant on the wall clock the offset corrects.
        const t1 = Date.now()
        clock.add(t1 - (performance.now() - p0), answer.serverTime, t1)
        session.setClockOffset(Math.round(clock.offset))
      } catch {
        return
      }
    }
  }

  function connect(): void {
    if (!token) {
      session.setConnection('refused', 'missing token')
      return
    }
    // The router asked the server about this token as the page opened: a refused one is said at once.
    const refusal = knownRefusal(token)
    if (refusal) {
      session.setConnection('refused', refusal)
      return
    }
    session.setConnection('connecting')
    const encoding = CAN_INFLATE ? { snapshotEncoding: 'deflate' as const } : {}
    const s = createConferenceSocket(() => (store.seq > 0 ? { token, lastSeq: store.seq, ...encoding } : { token, ...encoding }))
    socket = s
    s.on('connect', () => {
      session.setConnection('live')
      clock.reset() // another server process may answer now, with another clock
      void measureClock(CLOCK_SAMPLES_AT_CONNECT)
      for (const ms of CLOCK_SETTLED_BURSTS_MS) settleTimers.push(setTimeout(() => void measureClock(8), ms))
    })
    s.on('welcome', (w) => {
      session.setActor(w.actor)
      if (w.protocol !== PROTOCOL_VERSION) console.warn(`server protocol ${w.protocol}, client ${PROTOCOL_VERSION}`)
    })
    s.on('snapshot', (snap) => void catchUp.snapshot(snap))
    s.on('events', ({ events }) => catchUp.receive(events))
    s.on('presence', (p) => session.setPresence(p))
    s.on('reveals', (r) => session.setReveals(r.announcements))
    s.on('status', (st) => session.setStoreStatus(st.store, st.since))
    s.on('ink', (b) => ink.receive(b))
    const refused = (reason: string) => {
      s.disconnect()
      session.setConnection('refused', reason)
    }
    // A handshake refused before the upgrade (HTTP 403, e.g. an address out of handshakes or
    // guesses) carries no reason, and socket.io retries it like a network failure: ask the server
    // about the link itself, and stop on a revoked, reissued, expired or unknown one.
    const checkLink = async () => {
      if (checkingLink || performance.now() - lastLinkCheck < LINK_CHECK_EVERY_MS) return
      checkingLink = true
      lastLinkCheck = performance.now()
      try {
        const reason = await linkRefusal(token)
        if (reason && !s.connected) refused(reason)
      } finally {
        checkingLink = false
      }
    }
    s.on('connect_error', (err) => {
      const data = (err as Error & { data?: { reason?: unknown; retryAfterMs?: unknown } }).data
      if (s.active) {
        session.setConnection('reconnecting')
        return void checkLink()
      }
      // A refusal at CONNECT is final (socket.io does not retry it); except that the server could
      // not read the links (its store is down): not a refusal; wait and connect again.
      if (data?.reason === ErrorReason.storeUnavailable) {
        session.setStoreStatus('unavailable')
        session.setConnection('connecting')
        clearTimeout(retryTimer)
        retryTimer = setTimeout(() => s.connect(), typeof data.retryAfterMs === 'number' ? data.retryAfterMs : 2000)
        return
      }
      session.setConnection('refused', typeof data?.reason === 'string' ? data.reason : err.message)
    })
    s.on('disconnect', (reason) => {
      if (session.connection === 'refused') return
      session.setConnection('reconnecting')
      if (reason === 'io server disconnect') setTimeout(() => s.connect(), 1500)
    })
    // The device says its network is gone: say so at once rather than after the heartbeat, and
    // drop the dead link so that the reconnection starts (and succeeds as soon as it is back).
    goneOffline = () => {
      if (session.connection === 'refused') return
      session.setConnection('reconnecting')
      if (s.connected) s.io.engine?.close()
    }
    cameOnline = () => {
      if (!s.connected && s.active) s.connect()
    }
    window.addEventListener('offline', goneOffline)
    window.addEventListener('online', cameOnline)
    clockTimer = setInterval(() => void measureClock(1), CLOCK_EVERY_MS)
  }

  const send: Send = async (type, data) => {
    // Not connected: say so now. Socket.IO would buffer the command and the page would wait for nothing.
    if (!socket?.connected) return { ok: false, local: 'offline' }
    const envelope = { id: newCommandId(), type, data }
    // Retried once with the same id: the server answers a repeat with the first answer.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('command', envelope)
      } catch {
        // timed out; try again
      }
    }
    return { ok: false, local: 'timeout' }
  }

  connect()
  onBeforeUnmount(() => {
    catchUp.stop()
    clearInterval(clockTimer)
    clearTimeout(retryTimer)
    settleTimers.forEach(clearTimeout)
    if (goneOffline) window.removeEventListener('offline', goneOffline)
    if (cameOnline) window.removeEventListener('online', cameOnline)
    socket?.disconnect()
    socket = null
  })

  const reportReveal = (revealAt: number, at: number) => {
    if (socket?.connected) socket.emit('revealed', { revealAt, at: Math.round(at) })
  }

  const sendInk = (batch: InkBatch) => {
    if (socket?.connected) socket.volatile.emit('ink', batch)
  }

  const api = { send, reportReveal, sendInk }
  provide(SyncKey, api)
  return api
}

/** For components under a page that called useConferenceSync(). */
export function useCommands(): ConferenceSync {
  const api = inject(SyncKey)
  if (!api) throw new Error('useCommands() needs a page that called useConferenceSync()')
  return api
}
