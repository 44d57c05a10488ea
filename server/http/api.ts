/**
 * The HTTP mirror of the socket protocol, for scripts and other systems.
 * `Authorization: Bearer <token>`; a token grants access to its own conference only.
 *
 * Order of the checks, cheapest first, nothing parsed before it is needed: the Origin of a
 * state-changing request and the declared body size (both in server/app.ts, before every router),
 * the token (before any body is read), the link's budget, then the route's own body limit and parser.
 */
import express, { type Request, type Response, type Router } from 'express'
import type { Actor } from '../../shared/domain.js'
import { ErrorReason, type Ack, type ErrorCode } from '../../shared/errors.js'
import { audienceOf } from '../../shared/audience.js'
import { queryRefusal } from '../conference/query-rights.js'
import type { ConferenceService } from '../conference/service.js'
import type { EncodedSnapshot } from '../conference/snapshots.js'
import { log } from '../log.js'
import { refuse, STATUS } from '../edge/answers.js'
import type { Admitted, Gate } from '../edge/gate.js'
import { capError, COMMAND_BODY_LIMIT, shapeProblem } from '../edge/limits.js'
import { awardsRouter } from './awards.js'
import { publicRouter } from './public.js'

/** Reads of the state one link may have in progress at once (a viewer link: one address). */
export const MAX_CONCURRENT_READS = 4

type Authed = Request & { actor?: Actor; admitted?: Admitted }

/** Who a request past the token check is (the check sets it on every /conferences/:id route). */
function admittedOf(req: Authed): Admitted {
  if (!req.admitted) throw new Error('this route runs behind the token check')
  return req.admitted
}

const bearer = (req: Request) => /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]

const commandBody = express.json({ limit: COMMAND_BODY_LIMIT })

export function apiRouter(deps: { service: ConferenceService; gate: Gate }): Router {
  const api = express.Router()
  const { gate } = deps
  const send = (req: Request, res: Response, code: ErrorCode, message: string) => refuse(req, res, { code, message })

  api.get('/health', (_req, res) => {
    // Serving is not enough: a server whose appends fail (disk full, read-only) cannot take commands.
    if (!deps.service.health().ok) return void res.status(503).json({ ok: false, reason: 'the server cannot save commands right now' })
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
  // The read tier: the public snapshot of each seq, immutable, for a cache in front.
  api.use(publicRouter(deps))

  const reading = new Map<string, number>()
  api.get('/conferences/:id/state', async (req: Authed, res, next) => {
    const who = admittedOf(req)
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
    const who = admittedOf(req)
    const denied = queryRefusal(who.actor, 'events')
    if (denied) return send(req, res, 'forbidden', denied)
    const over = await gate.spend('read', who)
    if (over) return refuse(req, res, over)
    const raw = req.query['since'] ?? '0'
    const since = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN
    if (!Number.isSafeInteger(since)) return send(req, res, 'invalid', 'since: must be a whole number of 0 or more')
    try {
      res.json({ events: await deps.service.events(who.actor.conferenceId, since, audienceOf(who.actor.role)) })
    } catch (err) {
      next(err)
    }
  })

  api.post('/conferences/:id/commands', async (req: Authed, res, next) => {
    const over = await gate.spend('command', admittedOf(req))
    if (over) return refuse(req, res, over)
    next()
  }, commandBody, async (req: Authed, res) => {
    const shape = shapeProblem(req.body)
    if (shape) return refuse(req, res, { code: 'invalid', message: shape, reason: ErrorReason.requestMalformed })
    const { actor } = admittedOf(req)
    const ack: Ack = await deps.service.handle(actor, req.body)
    if (!ack.ok) log.info({ via: 'http', role: actor.role, conferenceId: actor.conferenceId, refused: ack.error.code }, 'command refused')
    res.status(ack.ok ? 200 : STATUS[ack.error.code]).json(ack.ok ? ack : { ...ack, error: capError(ack.error) })
  })

  // A full pass over the log: the host's, a few times a minute, one pass per conference at a time.
  const verifying = new Map<string, Promise<unknown>>()
  api.get('/conferences/:id/verify', async (req: Authed, res, next) => {
    const who = admittedOf(req)
    const denied = queryRefusal(who.actor, 'verify')
    if (denied) return send(req, res, 'forbidden', denied)
    const over = await gate.spend('verify', who)
    if (over) return refuse(req, res, over)
    const id = who.actor.conferenceId
    let pass = verifying.get(id)
    if (!pass) {
      pass = deps.service.verify(id).finally(() => verifying.delete(id))
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
