/**
 * Owns the socket of a page: handshake with the access token, snapshot and events into the
 * store in seq order (asking `sync` on a gap), presence, clock offset, and commands with acks.
 */
import { inject, onBeforeUnmount, provide, type InjectionKey } from 'vue'
import { useRoute } from 'vue-router'
import type { CommandOf, CommandType } from '../../shared/commands.js'
import type { Ack } from '../../shared/errors.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { PROTOCOL_VERSION } from '../../shared/protocol.js'
import { createConferenceSocket, type ConferenceSocket } from '../lib/socket.js'
import { newCommandId } from '../lib/ids.js'
import { useConferenceStore } from '../stores/conference.js'

const COMMAND_TIMEOUT_MS = 8000
const CLOCK_SAMPLES_AT_CONNECT = 5
const CLOCK_EVERY_MS = 30_000
const CLOCK_KEEP = 16

/** The server's answer, or why none came: this page was not connected, or no ack arrived after one retry. */
export type SendResult = Ack | { ok: false; local: 'offline' | 'timeout' }
export type Send = <T extends CommandType>(type: T, data: CommandOf<T>['data']) => Promise<SendResult>

export interface ConferenceSync {
  send: Send
  /** Tells the server this page has shown the announcement of `revealAt`, at server-clock `at` (ms). */
  reportReveal: (revealAt: number, at: number) => void
}

const SyncKey: InjectionKey<ConferenceSync> = Symbol('conference-sync')

interface ClockSample { rtt: number; offset: number }

export function useConferenceSync(): ConferenceSync {
  const store = useConferenceStore()
  const route = useRoute()
  const token = typeof route.query.token === 'string' ? route.query.token : ''

  let socket: ConferenceSocket | null = null
  let syncing = false
  /** Events that arrived while a sync was in flight; applied (duplicates skipped) once it lands. */
  let parked: ConferenceEvent[] = []
  let clockSamples: ClockSample[] = []
  let clockTimer: ReturnType<typeof setInterval> | undefined

  function receive(events: ConferenceEvent[]): void {
    if (syncing) {
      parked.push(...events)
      return
    }
    if (store.applyEvents(events) === 'gap') {
      parked.push(...events)
      void catchUp()
    }
  }

  async function catchUp(): Promise<void> {
    if (!socket || syncing) return
    syncing = true
    try {
      for (let round = 0; round < 3; round++) {
        const answer = await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('sync', { since: store.seq })
        if (!answer.ok) break
        if ('snapshot' in answer) store.applySnapshot(answer.snapshot)
        else store.applyEvents(answer.events)
        const waiting = parked
        parked = []
        if (store.applyEvents(waiting) !== 'gap') break
        parked = waiting
      }
    } catch {
      // No answer: the next event or reconnect will try again.
    } finally {
      syncing = false
    }
  }

  async function measureClock(rounds: number): Promise<void> {
    for (let i = 0; i < rounds && socket?.connected; i++) {
      const t0 = Date.now()
      const p0 = performance.now()
      try {
        // Our last round trip rides along: the host sees it per site in `presence`.
        const last = clockSamples.at(-1)
        const answer = await socket.timeout(3000).emitWithAck('clock', last ? { t0, rttMs: Math.round(last.rtt) } : { t0 })
        const rtt = performance.now() - p0
        clockSamples = [...clockSamples, { rtt, offset: answer.serverTime + rtt / 2 - Date.now() }].slice(-CLOCK_KEEP)
        const best = [...clockSamples].sort((a, b) => a.rtt - b.rtt).slice(0, 3)
        store.setClockOffset(Math.round(best.reduce((s, x) => s + x.offset, 0) / best.length))
      } catch {
        return
      }
    }
  }

  function connect(): void {
    if (!token) {
      store.setConnection('refused', 'missing token')
      return
    }
    store.setConnection('connecting')
    const s = createConferenceSocket(() => (store.seq > 0 ? { token, lastSeq: store.seq } : { token }))
    socket = s
    s.on('connect', () => {
      store.setConnection('live')
      clockSamples = [] // another server process may answer now, with another clock
      void measureClock(CLOCK_SAMPLES_AT_CONNECT)
    })
    s.on('welcome', (w) => {
      store.setActor(w.actor)
      if (w.protocol !== PROTOCOL_VERSION) console.warn(`server protocol ${w.protocol}, client ${PROTOCOL_VERSION}`)
    })
    s.on('snapshot', (snap) => {
      store.applySnapshot(snap)
      const waiting = parked
      parked = []
      receive(waiting)
    })
    s.on('events', ({ events }) => receive(events))
    s.on('presence', (p) => store.setPresence(p))
    s.on('reveals', (r) => store.setReveals(r.announcements))
    s.on('connect_error', (err) => {
      // A refusal by the server's handshake check is final: socket.io does not retry it.
      if (s.active) store.setConnection('reconnecting')
      else store.setConnection('refused', err.message)
    })
    s.on('disconnect', (reason) => {
      store.setConnection('reconnecting')
      if (reason === 'io server disconnect') setTimeout(() => s.connect(), 1500)
    })
    clockTimer = setInterval(() => void measureClock(1), CLOCK_EVERY_MS)
  }

  const send: Send = async (type, data) => {
    if (!socket) return { ok: false, local: 'offline' }
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
    clearInterval(clockTimer)
    socket?.disconnect()
    socket = null
  })

  const reportReveal = (revealAt: number, at: number) => {
    if (socket?.connected) socket.emit('revealed', { revealAt, at: Math.round(at) })
  }

  const api = { send, reportReveal }
  provide(SyncKey, api)
  return api
}

/** For components under a page that called useConferenceSync(). */
export function useCommands(): ConferenceSync {
  const api = inject(SyncKey)
  if (!api) throw new Error('useCommands() needs a page that called useConferenceSync()')
  return api
}
