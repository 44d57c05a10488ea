/**
 * The page's socket and its connection state: the handshake with the access token, what a
 * refusal means (wait the server's `retryAfterMs` with jitter, or stop on a dead link and say
 * so), drops, and the device's own word that its network is gone or back.
 */
import { ErrorReason } from '../../../shared/errors.js'
import { handshakeVerdict, retryDelay } from '../../lib/retry.js'
import { createConferenceSocket, type ConferenceSocket } from '../../lib/socket.js'
import type { useSessionStore } from '../../stores/session.js'
import type { Dispose } from './dispose.js'
import { linkChecker } from './link-check.js'
import { CAN_INFLATE } from './snapshot.js'

/** The server closed this page's socket (a restart, a kick): connect again after about this long. */
const AFTER_SERVER_CLOSE_MS = 1500

/** What a handshake refusal carries beside its message (server/realtime/socket.ts). */
interface RefusalData { reason?: unknown; retryAfterMs?: unknown }
const refusalData = (err: Error): RefusalData | undefined => ('data' in err && typeof err.data === 'object' && err.data ? err.data : undefined)

/**
 * Opens the socket for `token`; `lastSeq` is read before every attempt, so a reconnect asks only
 * for what the page has not seen. The session store says where the connection stands.
 */
export function openConnection(token: string, session: ReturnType<typeof useSessionStore>, lastSeq: () => number): { socket: ConferenceSocket; dispose: Dispose } {
  const encoding = CAN_INFLATE ? { snapshotEncoding: 'deflate' as const, eventsEncoding: 'deflate' as const } : {}
  const socket = createConferenceSocket(() => (lastSeq() > 0 ? { token, lastSeq: lastSeq(), ...encoding } : { token, ...encoding }))
  let retry: ReturnType<typeof setTimeout> | undefined
  const connectIn = (ms: number) => {
    clearTimeout(retry)
    retry = setTimeout(() => socket.connect(), ms)
  }
  const refused = (reason: string) => {
    clearTimeout(retry)
    socket.disconnect()
    session.setConnection('refused', reason)
  }
  // A handshake refused before the upgrade (HTTP 403, e.g. an address out of handshakes or
  // guesses) carries no reason, and socket.io retries it like a network failure: ask the server
  // about the link itself, and stop on a revoked, reissued, expired or unknown one.
  const link = linkChecker(token, (reason) => {
    if (!socket.connected) refused(reason)
  })

  session.setConnection('connecting')
  socket.on('connect', () => session.setConnection('live'))
  socket.on('connect_error', (err) => {
    if (socket.active) {
      session.setConnection('reconnecting')
      return void link.check()
    }
    // A refusal at CONNECT is final for socket.io; we try again only when the server said "not now".
    const data = refusalData(err)
    const verdict = handshakeVerdict(data)
    if (!verdict.retry) return refused(typeof data?.reason === 'string' ? data.reason : err.message)
    if (data?.reason === ErrorReason.storeUnavailable) {
      session.setStoreStatus('unavailable')
      session.setConnection('connecting')
    } else {
      session.setConnection('reconnecting', null, Date.now() + verdict.afterMs)
    }
    connectIn(verdict.afterMs)
  })
  socket.on('disconnect', (reason) => {
    if (session.connection === 'refused') return
    session.setConnection('reconnecting')
    if (reason === 'io server disconnect') connectIn(retryDelay(AFTER_SERVER_CLOSE_MS))
  })

  // The device says its network is gone: say so at once rather than after the heartbeat, and
  // drop the dead link so that the reconnection starts (and succeeds as soon as it is back).
  const goneOffline = () => {
    if (session.connection === 'refused') return
    session.setConnection('reconnecting')
    if (socket.connected) socket.io.engine?.close()
  }
  const cameOnline = () => {
    if (!socket.connected && socket.active) socket.connect()
  }
  window.addEventListener('offline', goneOffline)
  window.addEventListener('online', cameOnline)

  return {
    socket,
    dispose() {
      clearTimeout(retry)
      window.removeEventListener('offline', goneOffline)
      window.removeEventListener('online', cameOnline)
      socket.disconnect()
    },
  }
}
