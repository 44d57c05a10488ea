/**
 * This page's session with the server, apart from the log: who it is, whether it is connected,
 * who else is, the server's clock and store, and how reveals went. None of it is in the log.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Actor } from '../../shared/domain.js'
import type { Presence, RevealStat, ServerStatus } from '../../shared/protocol.js'

/** 'refused': the server will not take this access link (see `refusedReason`); the page stops retrying. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused'

export const useSessionStore = defineStore('session', () => {
  /** Who this page is, from the server's `welcome`. */
  const actor = ref<Actor | null>(null)
  /** Live connection figures; not part of the log. */
  const presence = ref<Presence>({ sites: {}, viewers: 0, watching: 0, organisers: 0, online: 0, serverTime: 0 })
  const connection = ref<ConnectionState>('connecting')
  /** The server's reason when it refused the access link. */
  const refusedReason = ref<string | null>(null)
  /** Epoch ms (local clock) of the next connection attempt while the server asked this page to wait; 0: none. */
  const retryAt = ref(0)
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

  function setActor(a: Actor | null): void {
    actor.value = a
  }

  function setPresence(p: Presence): void {
    presence.value = p
  }

  /** `retryAtMs`: when the next attempt is due, for a page the server asked to wait. */
  function setConnection(c: ConnectionState, reason: string | null = null, retryAtMs = 0): void {
    connection.value = c
    refusedReason.value = c === 'refused' ? reason : null
    retryAt.value = retryAtMs
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
    actor, presence, connection, refusedReason, retryAt, clockOffsetMs, reveals, storeStatus, storeSince,
    setActor, setPresence, setConnection, setClockOffset, setReveals, setStoreStatus,
  }
})
