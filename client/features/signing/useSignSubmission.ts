/**
 * Sends a confirmed signature exactly once. The envelope (with its command id) is made once and
 * kept on this device until the server answers; while the link is down, or while the server
 * cannot write the conference log (its `status`, or an answer `server.storeUnavailable`), it
 * waits, and it is sent again with the SAME id when that is over, so a retry can never sign
 * twice. Sent through the HTTP mirror of the command intake, which takes the page's own access
 * token and any id.
 */
import { onBeforeUnmount, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import { storeToRefs } from 'pinia'
import type { z } from 'zod'
import type { SignPledge } from '../../../shared/conference/signing.js'
import { ErrorReason, type Ack, type ErrorBody, type ErrorCode } from '../../../shared/errors.js'
import { newCommandId } from '../../lib/ids.js'
import { useSessionStore } from '../../stores/session.js'

export type SubmitPhase = 'idle' | 'sending' | 'waiting' | 'done' | 'refused'
/** What a waiting signature waits for: this page's connection, or the server's store. */
export type WaitingFor = 'connection' | 'store'
type SignData = z.infer<typeof SignPledge>
interface Pending { id: string; conferenceId: string; data: SignData }

const RETRY_MS = 3000
const TIMEOUT_MS = 10_000
const KEY = 'diem-cau.pending-sign'
/** Answers that say "not now" rather than "no": the same envelope is sent again later. */
const TRANSIENT: ErrorCode[] = ['internal', 'rate_limited']

export function useSignSubmission() {
  const session = useSessionStore()
  const { connection, storeStatus } = storeToRefs(session)
  const route = useRoute()
  const token = typeof route.query.token === 'string' ? route.query.token : ''
  const storageKey = `${KEY}.${token.slice(0, 12)}`

  const phase = ref<SubmitPhase>('idle')
  const waitingFor = ref<WaitingFor>('connection')
  const refusal = ref<ErrorBody | null>(null)
  const pending = ref<Pending | null>(load())
  /** The strokes this device sent, to tell its own signature from one made on another device. */
  const sentStrokes = ref<string | null>(pending.value ? JSON.stringify(pending.value.data.strokes) : loadSent())
  let timer: ReturnType<typeof setTimeout> | undefined

  function load(): Pending | null {
    try {
      const raw = sessionStorage.getItem(storageKey)
      return raw ? (JSON.parse(raw) as Pending) : null
    } catch {
      return null
    }
  }
  function loadSent(): string | null {
    try {
      return sessionStorage.getItem(`${storageKey}.sent`)
    } catch {
      return null
    }
  }
  function save(p: Pending | null): void {
    try {
      if (p) {
        sessionStorage.setItem(storageKey, JSON.stringify(p))
        sessionStorage.setItem(`${storageKey}.sent`, JSON.stringify(p.data.strokes))
      } else sessionStorage.removeItem(storageKey)
    } catch {
      // a kiosk browser without storage still sends; only a reload would forget it
    }
  }

  async function attempt(): Promise<void> {
    const p = pending.value
    if (!p || phase.value === 'sending') return
    clearTimeout(timer)
    if (connection.value !== 'live') {
      phase.value = 'waiting'
      waitingFor.value = 'connection'
      return
    }
    phase.value = 'sending'
    let ack: Ack | null = null
    try {
      const res = await fetch(`/api/conferences/${encodeURIComponent(p.conferenceId)}/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ id: p.id, type: 'pledge.sign', data: p.data }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
      ack = (await res.json()) as Ack
    } catch {
      ack = null // no answer: the network or the server is away
    }
    if (ack?.ok) {
      phase.value = 'done'
      pending.value = null
      save(null)
    } else if (ack && !TRANSIENT.includes(ack.error.code)) {
      phase.value = 'refused'
      refusal.value = ack.error
      pending.value = null
      save(null)
    } else {
      // Still tried every few seconds while the store is down: on SQLite only a write that works says it is back.
      phase.value = 'waiting'
      const storeDown = ack?.error.reason === ErrorReason.storeUnavailable || storeStatus.value === 'unavailable'
      waitingFor.value = storeDown ? 'store' : 'connection'
      timer = setTimeout(() => void attempt(), RETRY_MS)
    }
  }

  /** Sends this signature (once); returns when the server has answered or the page must wait. */
  async function submit(conferenceId: string, data: SignData): Promise<void> {
    if (pending.value) return attempt()
    refusal.value = null
    pending.value = { id: newCommandId(), conferenceId, data }
    sentStrokes.value = JSON.stringify(data.strokes)
    save(pending.value)
    return attempt()
  }

  /** Forget a refusal once the page has said it. */
  function reset(): void {
    if (phase.value === 'refused' || phase.value === 'done') phase.value = 'idle'
    refusal.value = null
  }

  watch(connection, (c) => {
    if (c === 'live' && pending.value && phase.value !== 'sending') void attempt()
  }, { immediate: true })
  // The server says it can write again: the waiting signature goes now, not at the next retry.
  watch(storeStatus, (s) => {
    if (s === 'ok' && pending.value && phase.value === 'waiting') void attempt()
  })
  onBeforeUnmount(() => clearTimeout(timer))

  return { phase, waitingFor, refusal, pending, sentStrokes, submit, reset }
}
