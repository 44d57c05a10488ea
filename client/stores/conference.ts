/**
 * The conference as this browser knows it: the snapshot it started from plus every event
 * applied since, in seq order, through the same `evolve` the server runs.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { initialState, type Actor, type ConferenceState } from '../../shared/domain.js'
import type { ConferenceEvent, Snapshot } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'
import type { Presence, RevealStat, ServerStatus } from '../../shared/protocol.js'

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused'

/** 'gap': an event further ahead than seq + 1 arrived; nothing after the gap was applied. */
export type ApplyResult = 'ok' | 'gap'

export const useConferenceStore = defineStore('conference', () => {
  /** Seq of the last applied event; two pages at the same seq show the same thing. */
  const seq = ref(0)
  /** Replaced wholesale by evolve, never mutated: a shallowRef is enough and cheap with 3,000 awards. */
  const state = shallowRef<ConferenceState>(initialState())
  /** Who this page is, from the server's `welcome`. */
  const actor = ref<Actor | null>(null)
  /** Live connection figures; not part of the log. */
  const presence = ref<Presence>({ sites: {}, viewers: 0, watching: 0, organisers: 0, online: 0, serverTime: 0 })
  const connection = ref<ConnectionState>('connecting')
  /** The server's reason when it refused the access link. */
  const refusedReason = ref<string | null>(null)
  /** Server clock minus local clock, estimated from the lowest-RTT `clock` samples. */
  const clockOffsetMs = ref(0)
  /** Host pages: how each recent announcement's reveal went at the sites, newest first. */
  const reveals = ref<RevealStat[]>([])
  /**
   * Whether the server can write the conference log (its `status`): while 'unavailable' commands
   * are refused and nothing new arrives; the page keeps what it has and says so.
   */
  const storeStatus = ref<ServerStatus['store']>('ok')
  /** Server epoch ms of the last change of `storeStatus` (0: never told). */
  const storeSince = ref(0)

  function applySnapshot(s: Snapshot): void {
    state.value = s.state
    seq.value = s.seq
  }

  /** Applies events strictly in order; duplicates are skipped, a gap stops and is reported. */
  function applyEvents(events: readonly ConferenceEvent[]): ApplyResult {
    let next = state.value
    let at = seq.value
    let result: ApplyResult = 'ok'
    for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
      if (e.seq <= at) continue
      if (e.seq !== at + 1) {
        result = 'gap'
        break
      }
      next = evolve(next, e)
      at = e.seq
    }
    if (at !== seq.value) {
      state.value = next
      seq.value = at
    }
    return result
  }

  function setActor(a: Actor | null): void {
    actor.value = a
  }

  function setPresence(p: Presence): void {
    presence.value = p
  }

  function setConnection(c: ConnectionState, reason: string | null = null): void {
    connection.value = c
    refusedReason.value = c === 'refused' ? reason : null
  }

  function setClockOffset(ms: number): void {
    clockOffsetMs.value = ms
  }

  function setReveals(r: RevealStat[]): void {
    reveals.value = r
  }

  function setStoreStatus(s: ServerStatus['store'], since: number = storeSince.value): void {
    storeStatus.value = s
    storeSince.value = since
  }

  return {
    seq, state, actor, presence, connection, refusedReason, clockOffsetMs, reveals, storeStatus, storeSince,
    applySnapshot, applyEvents, setActor, setPresence, setConnection, setClockOffset, setReveals, setStoreStatus,
  }
})
