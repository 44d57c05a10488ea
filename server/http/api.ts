/**
 * The HTTP mirror of the socket protocol, for scripts and other systems.
 * `Authorization: Bearer <token>`; a token grants access to its own conference only.
 *
 * Order of the checks, cheapest first, nothing parsed before it is needed: the Origin of a
 * state-changing request and the declared body size (both in server/app.ts, before every router),
 * the token (before any body is read), the link's budget, then the route's own body limit and parser.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express'
import type { Actor } from '../../shared/domain.js'
import { ErrorReason, fail, type Ack, type ErrorCode } from '../../shared/errors.js'
import { audienceOf, eventFor } from '../../shared/audience.js'
import { readEvent } from '../../shared/events.js'
import type { ConferenceService } from '../conference/service.js'
import type { EncodedSnapshot } from '../conference/snapshots.js'
import type { EventStore } from '../store/event-store.js'
import { log } from '../log.js'
import { retryAfterSeconds } from '../realtime/rate-limit.js'
import { awardsRouter } from './awards.js'
import type { Admitted, Gate, Refusal } from './gate.js'
import { capError, COMMAND_BODY_LIMIT, shapeProblem } from './limits.js'

export const STATUS: Record<ErrorCode, number> = {
  invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429, internal: 500,
}

/** Reads of the state one link may have in progress at once (a viewer link: one address). */
export const MAX_CONCURRENT_READS = 4

type Authed = Request & { actor?: Actor; admitted?: Admitted }

const bearer = (req: Request) => /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]
const hasBody = (req: Request) => Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined

/** A refusal as an answer; when the body was never read, the connection closes with it. */
export function refuse(req: Request, res: Response, r: Refusal, status = STATUS[r.code]): void {
  if (r.retryAfterMs !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds(r.retryAfterMs)))
  if (hasBody(req) && !req.readableEnded && req.body === undefined) res.setHeader('Connection', 'close')
  const error = capError({ code: r.code, message: r.message, ...(r.reason ? { reason: r.reason } : {}), ...(r.params ? { params: r.params } : {}) })
  res.status(status).json({ ok: false, error, ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) })
}

const commandBody = express.json({ limit: COMMAND_BODY_LIMIT })

export function apiRouter(deps: { store: EventStore; service: ConferenceService; gate: Gate }): Router {
  const api = express.Router()
  const { gate } = deps
  const send = (req: Request, res: Response, code: ErrorCode, message: string) => refuse(req, res, { code, message })

  api.get('/health', (_req, res) => {
    // Serving is not enough: a server whose appends fail (disk full, read-only) cannot take commands.
    if (!deps.store.health().ok) return void res.status(503).json({ ok: false, reason: 'the server cannot save commands right now' })
    res.json({ ok: true })
  })

  // Who an access link is for: a page opened at another role's path goes to its own page.
  api.get('/me', async (req, res, next) => {
    try {
      const check = await gate.admit(bearer(req), req, 'http')
      if (!check.ok) return refuse(req, res, check)
      const { conferenceId, role, siteId, blocId } = check.actor
      res.json({ ok: true, actor: { conferenceId, role, ...(siteId ? { siteId } : {}), ...(blocId ? { blocId } : {}) } })
    } catch (err) {
      next(err)
    }
  })

  api.use('/conferences/:id', async (req: Authed, res, next) => {
    try {
      const check = await gate.admit(bearer(req), req, 'http')
      if (!check.ok) return refuse(req, res, check)
      const id = req.params['id'] ?? ''
      if (check.actor.conferenceId !== id) return send(req, res, 'forbidden', `this token is not for conference ${id.slice(0, 80)}`)
      req.actor = check.actor
      req.admitted = check
      next()
    } catch (err) {
      next(err)
    }
  })

  // Award lists: import (host), export (any role), and the template (no token, outside /conferences).
  api.use(awardsRouter(deps))

  const reading = new Map<string, number>()
  api.get('/conferences/:id/state', async (req: Authed, res, next) => {
    const who = req.admitted!
    const over = await gate.spend('read', who)
    if (over) return refuse(req, res, over)
    const key = who.actor.role === 'viewer' ? `${who.linkId}@${who.address}` : who.linkId
    const n = reading.get(key) ?? 0
    if (n >= MAX_CONCURRENT_READS) return refuse(req, res, { code: 'rate_limited', message: 'this access link is already reading the conference; wait for that answer', reason: ErrorReason.rateLimited, params: { seconds: 1 }, retryAfterMs: 1000 })
    reading.set(key, n + 1)
    res.once('close', () => {
      const left = (reading.get(key) ?? 1) - 1
      if (left > 0) reading.set(key, left)
      else reading.delete(key)
    })
    try {
      const { snapshot } = await deps.service.snapshotFor(who.actor.conferenceId, audienceOf(who.actor.role))
      // One buffer per seq and audience, shared by every answer: a thousand pipelined reads queue references, not copies.
      const body = stateBody(snapshot)
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' })
      res.end(body)
    } catch (err) {
      next(err)
    }
  })

  api.get('/conferences/:id/events', async (req: Authed, res, next) => {
    const who = req.admitted!
    if (who.actor.role !== 'host') return send(req, res, 'forbidden', 'only the host may read the event log; other pages get the state')
    const over = await gate.spend('read', who)
    if (over) return refuse(req, res, over)
    const raw = req.query['since'] ?? '0'
    const since = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN
    if (!Number.isSafeInteger(since)) return send(req, res, 'invalid', 'since: must be a whole number of 0 or more')
    try {
      const room = await deps.service.room(who.actor.conferenceId)
      const events = await deps.store.read(who.actor.conferenceId, since, 10_000)
      res.json({ events: events.map((e) => eventFor(readEvent(e, room.state), audienceOf(who.actor.role))) })
    } catch (err) {
      next(err)
    }
  })

  api.post('/conferences/:id/commands', async (req: Authed, res, next) => {
    const over = await gate.spend('command', req.admitted!)
    if (over) return refuse(req, res, over)
    next()
  }, commandBody, async (req: Authed, res) => {
    const shape = shapeProblem(req.body)
    if (shape) return refuse(req, res, { code: 'invalid', message: shape, reason: ErrorReason.requestMalformed })
    const ack: Ack = await deps.service.handle(req.actor!, req.body)
    if (!ack.ok) log.info({ via: 'http', role: req.actor!.role, conferenceId: req.actor!.conferenceId, refused: ack.error.code }, 'command refused')
    res.status(ack.ok ? 200 : STATUS[ack.error.code]).json(ack.ok ? ack : { ...ack, error: capError(ack.error) })
  })

  // A full pass over the log: the host's, a few times a minute, one pass per conference at a time.
  const verifying = new Map<string, Promise<unknown>>()
  api.get('/conferences/:id/verify', async (req: Authed, res, next) => {
    const who = req.admitted!
    if (who.actor.role !== 'host') return send(req, res, 'forbidden', 'only the host may verify the log')
    const over = await gate.spend('verify', who)
    if (over) return refuse(req, res, over)
    const id = who.actor.conferenceId
    let pass = verifying.get(id)
    if (!pass) {
      pass = deps.store.verify(id).finally(() => verifying.delete(id))
      verifying.set(id, pass)
    }
    try {
      res.json(await pass)
    } catch (err) {
      next(err)
    }
  })

  api.use((req, res) => send(req, res, 'not_found', 'no such API route'))
  return api
}

const bodies = new WeakMap<EncodedSnapshot, Buffer>()
function stateBody(s: EncodedSnapshot): Buffer {
  let b = bodies.get(s)
  if (!b) {
    b = Buffer.from(`{"seq":${s.seq},"state":${s.json}}`, 'utf8')
    bodies.set(s, b)
  }
  return b
}

/** What a body parser's refusal means, for the client that sent it; none is the server's fault. */
const PARSE_ERRORS: Record<string, { status: number; message: string; reason?: ErrorReason }> = {
  'entity.parse.failed': { status: 400, message: 'the request body is not valid JSON' },
  'entity.too.large': { status: 413, message: 'the request body is too large for this route', reason: ErrorReason.requestTooLarge },
  'entity.verify.failed': { status: 400, message: 'the request body could not be verified' },
  'charset.unsupported': { status: 415, message: 'the request body must be UTF-8 (Content-Type: application/json; charset=utf-8)' },
  'encoding.unsupported': { status: 415, message: 'the request body encoding is not supported: send it uncompressed, or gzip or deflate' },
  'request.aborted': { status: 400, message: 'the request body ended before its declared length' },
  'request.size.invalid': { status: 400, message: 'the request body is not as long as its Content-Length says' },
}

/** Turns body-parser and unexpected errors into the error envelope, never a stack; a client's mistake is a 4xx. */
export function apiErrors(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const e = err as { type?: string; status?: number; statusCode?: number; expose?: boolean }
  const known = e.type ? PARSE_ERRORS[e.type] : undefined
  const status = known?.status ?? e.status ?? e.statusCode ?? 500
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (status >= 400 && status < 500) {
    log.info({ via: 'http', method: req.method, route: req.route?.path ?? req.path.slice(0, 100), status, refused: e.type ?? 'bad_request' }, 'malformed request refused')
    res.setHeader('Connection', 'close')
    res.status(status).json(fail('invalid', known?.message ?? 'the request could not be read', { reason: known?.reason ?? ErrorReason.requestMalformed }))
    return
  }
  log.error({ err, method: req.method, path: req.path.slice(0, 100) }, 'HTTP request failed')
  res.status(500).json(fail('internal', 'the server could not answer this request'))
}
