/**
 * How a refusal is answered, in one place for every router and the sockets: the HTTP status of
 * each error code, the JSON body with its `Retry-After`, the ack a socket gets, and what a body
 * parser's or an unexpected error becomes.
 */
import type { NextFunction, Request, Response } from 'express'
import { ErrorReason, fail, type ErrorBody, type ErrorCode } from '../../shared/errors.js'
import { isStoreUnavailable, STORE_RETRY_MS } from '../errors.js'
import { log } from '../log.js'
import { retryAfterSeconds } from './budgets.js'
import type { Refusal } from './gate.js'
import { capError } from './limits.js'

/** The HTTP status of each error code, for every route. */
export const STATUS: Record<ErrorCode, number> = {
  invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429, internal: 500,
}

const hasBody = (req: Request) => Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined

/** A refusal as an answer; when the body was never read, the connection closes with it. */
export function refuse(req: Request, res: Response, r: Refusal, status = STATUS[r.code]): void {
  if (r.retryAfterMs !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds(r.retryAfterMs)))
  if (hasBody(req) && !req.readableEnded && req.body === undefined) res.setHeader('Connection', 'close')
  const error = capError({ code: r.code, message: r.message, ...(r.reason ? { reason: r.reason } : {}), ...(r.params ? { params: r.params } : {}) })
  res.status(status).json({ ok: false, error, ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) })
}

/** A plain coded error (code and message only), as the links, documents and awards routes answer. */
export function answerError(res: Response, code: ErrorCode, message: string, status = STATUS[code]): void {
  res.status(status).json(fail(code, message))
}

/** A refusal as a socket ack: the coded error, and how long to wait when it is a budget. */
export function refusalAck(r: Refusal): { ok: false; error: ErrorBody; retryAfterMs?: number } {
  return { ...fail(r.code, r.message, { ...(r.reason ? { reason: r.reason } : {}), ...(r.params ? { params: r.params } : {}) }), ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) }
}

/** A refusal as a handshake error: the page reads `message`, and `data.code` (and `data.reason`, `data.retryAfterMs`). */
export function handshakeError(r: Refusal): Error & { data: Record<string, unknown> } {
  const data = { code: r.code, ...(r.reason ? { reason: r.reason } : {}), ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) }
  return Object.assign(new Error(r.message), { data })
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

interface HttpError { type?: string; status?: number; statusCode?: number }
const asHttpError = (err: unknown): HttpError => (typeof err === 'object' && err !== null ? err : {})

/** Turns body-parser and unexpected errors into the error envelope, never a stack; a client's mistake is a 4xx. */
export function apiErrors(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const e = asHttpError(err)
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
  if (isStoreUnavailable(err)) {
    // The log's store (Redis) is out for a moment: the request is good, the server will answer it again soon.
    log.warn({ method: req.method, path: req.path.slice(0, 100), err: String(err) }, 'HTTP request waits for the store')
    refuse(req, res, { code: 'internal', message: 'the conference log cannot be reached right now; try again in a few seconds', reason: ErrorReason.storeUnavailable, retryAfterMs: STORE_RETRY_MS }, 503)
    return
  }
  log.error({ err, method: req.method, path: req.path.slice(0, 100) }, 'HTTP request failed')
  res.status(500).json(fail('internal', 'the server could not answer this request'))
}
