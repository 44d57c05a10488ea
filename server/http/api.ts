/**
 * The HTTP mirror of the socket protocol, for scripts and other systems.
 * `Authorization: Bearer <token>`; a token grants access to its own conference only.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express'
import type { Actor } from '../../shared/domain.js'
import { fail, type Ack, type ErrorCode } from '../../shared/errors.js'
import { resolveToken } from '../access/tokens.js'
import { audienceOf, eventFor } from '../../shared/audience.js'
import { readEvent } from '../../shared/events.js'
import type { ConferenceService } from '../conference/service.js'
import type { EventStore } from '../store/event-store.js'
import { awardsRouter } from './awards.js'

const STATUS: Record<ErrorCode, number> = {
  invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429, internal: 500,
}

type Authed = Request & { actor?: Actor }

export function apiRouter(deps: { store: EventStore; service: ConferenceService }): Router {
  const api = express.Router()
  const send = (res: Response, code: ErrorCode, message: string) => res.status(STATUS[code]).json(fail(code, message))

  api.get('/health', (_req, res) => {
    res.json({ ok: true })
  })

  // Who an access link is for: a page opened at another role's path goes to its own page.
  api.get('/me', async (req, res, next) => {
    try {
      const token = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]
      const check = await resolveToken(deps.store, token)
      if (!check.ok) return send(res, 'unauthorized', check.reason)
      const { conferenceId, role, siteId, blocId } = check.actor
      res.json({ ok: true, actor: { conferenceId, role, ...(siteId ? { siteId } : {}), ...(blocId ? { blocId } : {}) } })
    } catch (err) {
      next(err)
    }
  })

  api.use('/conferences/:id', async (req: Authed, res, next) => {
    try {
      const header = req.get('authorization') ?? ''
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]
      const check = await resolveToken(deps.store, token)
      if (!check.ok) return send(res, 'unauthorized', check.reason)
      const id = req.params['id'] ?? ''
      if (check.actor.conferenceId !== id) return send(res, 'forbidden', `this token is not for conference ${id}`)
      req.actor = check.actor
      next()
    } catch (err) {
      next(err)
    }
  })

  // Award lists: import (host), export (any role), and the template (no token, outside /conferences).
  api.use(awardsRouter(deps))

  api.get('/conferences/:id/state', async (req: Authed, res) => {
    const actor = req.actor!
    const { snapshot } = await deps.service.snapshotFor(actor.conferenceId, audienceOf(actor.role))
    // The state's JSON is encoded once per seq and audience, not once per request.
    res.type('json').send(`{"seq":${snapshot.seq},"state":${snapshot.json}}`)
  })

  api.get('/conferences/:id/events', async (req: Authed, res) => {
    const raw = req.query['since'] ?? '0'
    const since = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN
    if (!Number.isSafeInteger(since)) return send(res, 'invalid', 'since: must be a whole number of 0 or more')
    const actor = req.actor!
    const room = await deps.service.room(actor.conferenceId)
    const events = await deps.store.read(actor.conferenceId, since, 10_000)
    res.json({ events: events.map((e) => eventFor(readEvent(e, room.state), audienceOf(actor.role))) })
  })

  api.post('/conferences/:id/commands', async (req: Authed, res) => {
    const ack: Ack = await deps.service.handle(req.actor!, req.body)
    res.status(ack.ok ? 200 : STATUS[ack.error.code]).json(ack)
  })

  api.get('/conferences/:id/verify', async (req: Authed, res) => {
    res.json(await deps.store.verify(req.actor!.conferenceId))
  })

  api.use((_req, res) => send(res, 'not_found', 'no such API route'))
  return api
}

/** Turns body-parser and unexpected errors into the error envelope, never a stack. */
export function apiErrors(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const e = err as { type?: string; status?: number; message?: string }
  if (e.type === 'entity.parse.failed') {
    res.status(400).json(fail('invalid', 'the request body is not valid JSON'))
  } else if (e.type === 'entity.too.large') {
    res.status(413).json(fail('invalid', 'the request body is too large'))
  } else {
    console.error('HTTP request failed:', err)
    res.status(500).json(fail('internal', 'the server could not answer this request'))
  }
}
