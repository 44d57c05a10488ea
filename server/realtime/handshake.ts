/**
 * Who a socket is, decided before it may send anything: on the HTTP request (`allowRequest`,
 * before the upgrade), when engine.io opens the connection (the socket caps), and at the
 * namespace's CONNECT (the token from `auth`, and the refusal a page reads).
 */
import { isStoreUnavailable, STORE_RETRY_MS } from '../errors.js'
import type { IncomingMessage } from 'node:http'
import { ErrorReason } from '../../shared/errors.js'
import { inbound } from '../../shared/protocol.js'
import { linkRoom } from '../access/tokens.js'
import { handshakeError } from '../edge/answers.js'
import type { Admitted, Gate, Refusal } from '../edge/gate.js'
import { log } from '../log.js'
import type { AppServer, AppSocket } from './app-server.js'

/** What the checks before the CONNECT left on the request. */
interface GateMark {
  /** The token in the handshake's query or Authorization header was valid: its actor. */
  admitted?: Admitted
  token?: string
  /** It was not, or a cap is reached: told to the page at its CONNECT, then the connection is closed. */
  refusal?: Refusal
  /** Set once a socket of this connection is authenticated. */
  authenticated?: boolean
  /** The connection is counted against its link's cap of open sockets. */
  linkHeld?: boolean
}
/** engine.io's request, with the query it parsed. */
type MarkedRequest = IncomingMessage & { _query?: Record<string, unknown> }
const marks = new WeakMap<IncomingMessage, GateMark>()
const markOf = (req: IncomingMessage): GateMark => {
  let mark = marks.get(req)
  if (!mark) marks.set(req, (mark = {}))
  return mark
}

/** The token of a handshake request: `?token=` (browsers) or `Authorization: Bearer` (scripts). */
function handshakeToken(req: MarkedRequest): string | undefined {
  const header = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]
  if (header) return header
  const q = req._query?.['token'] ?? new URL(req.url ?? '/', 'http://x').searchParams.get('token')
  return typeof q === 'string' && q ? q : undefined
}

/** A handshake the links could not be checked for: the page waits and connects again by itself. */
const STORE_UNAVAILABLE: Refusal = {
  code: 'internal',
  message: 'the conference data cannot be reached right now; the page connects again by itself',
  reason: ErrorReason.storeUnavailable,
  retryAfterMs: STORE_RETRY_MS,
}

/**
 * Socket.IO's `allowRequest`: runs on the HTTP request, before the upgrade and before any frame
 * is read. A foreign Origin, an address out of handshakes or guesses, or a link out of handshakes
 * is refused here (HTTP 403). A wrong token is let through to be told so at its CONNECT (a page
 * then shows "link revoked" rather than retrying), and that connection is closed right after.
 */
export function allowRequest(gate: Gate) {
  return (req: IncomingMessage, fn: (err: string | null | undefined, success: boolean) => void): void => {
    void (async () => {
      const foreign = gate.origin(req)
      if (foreign) {
        log.info({ via: 'socket', refused: 'origin', origin: String(req.headers.origin).slice(0, 100) }, 'foreign origin refused')
        return fn(foreign.message, false)
      }
      const busy = await gate.spendAddress(gate.address(req))
      if (busy) return fn(busy.message, false)
      const token = handshakeToken(req)
      const mark = markOf(req)
      if (token === undefined) return fn(null, true) // the token comes in the CONNECT's auth (older clients)
      const check = await gate.admit(token, req, 'socket')
      if (!check.ok) {
        if (check.code === 'rate_limited') return fn(check.message, false)
        mark.refusal = check
        return fn(null, true)
      }
      const over = await gate.spend('handshake', check)
      if (over) return fn(over.message, false)
      mark.admitted = check
      mark.token = token
      fn(null, true)
    })().catch((err: unknown) => {
      // The links cannot be read (Redis down): the CONNECT checks again and tells the page why (storeUnavailable).
      if (isStoreUnavailable(err)) return fn(null, true)
      log.error({ err }, 'handshake check failed')
      fn('the server could not check the access link; try again', false)
    })
  }
}

interface EngineConnection { request: IncomingMessage; close(): void; once(e: 'close', f: () => void): void }

/** Holds the link's place among its open sockets until the connection closes; a refusal at its cap. */
function holdLink(gate: Gate, mark: GateMark, who: Admitted, conn: Pick<EngineConnection, 'once'>): Refusal | null {
  if (mark.linkHeld) return null
  const held = gate.holdLink(who)
  if (!('release' in held)) return held
  conn.once('close', held.release)
  mark.linkHeld = true
  return null
}

/**
 * Counts each connection against its address's (and, when its token came with the request, its
 * link's) cap of open sockets; closes one that has not authenticated a socket within 2 s: frames
 * from a stranger are not read for long.
 */
export function guardConnections(io: AppServer, gate: Gate): void {
  io.engine.on('connection', (conn: EngineConnection) => {
    const mark = markOf(conn.request)
    const address = gate.holdAddress(gate.address(conn.request))
    if ('release' in address) conn.once('close', address.release)
    else mark.refusal ??= address
    if (mark.admitted && !mark.refusal) {
      mark.refusal = holdLink(gate, mark, mark.admitted, conn) ?? undefined
      if (!mark.refusal) return
    }
    const t = setTimeout(() => {
      if (!mark.authenticated) conn.close()
    }, 2000)
    conn.once('close', () => clearTimeout(t))
  })
}

/** The namespace's middleware: the CONNECT's token when the request had none, then the socket's data. */
export function authenticate(gate: Gate) {
  return async (socket: AppSocket, next: (err?: Error) => void): Promise<void> => {
    const mark = markOf(socket.request)
    const refuse = (r: Refusal) => {
      next(handshakeError(r))
      // Told; now closed, whatever the client does next.
      setImmediate(() => socket.conn.close())
    }
    try {
      const auth = inbound.auth.parse(socket.handshake.auth)
      if (mark.refusal) return refuse(mark.refusal)
      let admitted = mark.admitted
      if (admitted) {
        if (auth.token !== undefined && auth.token !== mark.token) return refuse({ code: 'unauthorized', message: 'the handshake carries two different access links', reason: ErrorReason.tokenUnknown })
      } else {
        const check = await gate.admit(auth.token, socket.request, 'socket')
        if (!check.ok) return refuse(check)
        const over = await gate.spend('handshake', check)
        if (over) return refuse(over)
        admitted = check
      }
      const capped = holdLink(gate, mark, admitted, socket.conn)
      if (capped) return refuse(capped)
      mark.authenticated = true
      socket.data.actor = admitted.actor
      socket.data.link = admitted
      socket.data.deflate = auth.snapshotEncoding === 'deflate'
      socket.data.packEvents = auth.eventsEncoding === 'deflate'
      if (auth.lastSeq !== undefined) socket.data.lastSeq = auth.lastSeq
      // Revoking the link closes this socket (broadcast.ts, closeLink).
      void socket.join(linkRoom(admitted.linkId))
      next()
    } catch (err) {
      // Not final: the page says the server cannot reach its data, and connects again after `retryAfterMs`.
      if (isStoreUnavailable(err)) return next(handshakeError(STORE_UNAVAILABLE))
      log.error({ err }, 'handshake failed')
      next(new Error('the server could not check the access link; try again'))
    }
  }
}
