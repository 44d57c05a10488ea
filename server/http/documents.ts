/**
 * The day's documents over HTTP: a bloc's pledge and the minutes as PDF, and short-lived signed
 * links that open them as plain links (a link cannot send `Authorization`). Mounted in app.ts
 * before the API's token check: a request with `exp`/`sig` is judged by its signature alone, any
 * other by its Bearer token.
 *
 *   GET  /api/conferences/:id/pledges/:blocId.pdf   host: any bloc; signer: its own; site, viewer: any
 *   GET  /api/conferences/:id/report.pdf            host only (it holds everything)
 *   POST /api/conferences/:id/documents/links       → { report?, pledges: { [blocId]: url }, expiresAt }
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express'
import type { Actor } from '../../shared/domain.js'
import type { ErrorCode } from '../../shared/errors.js'
import { queryRefusal } from '../conference/query-rights.js'
import type { ConferenceService } from '../conference/service.js'
import { LINK_TTL_SECONDS, type LinkSigner } from '../documents/links.js'
import { minutesModel } from '../documents/minutes-model.js'
import { renderMinutes } from '../documents/pdf/minutes.js'
import { renderPledge } from '../documents/pdf/pledge.js'
import { PLEDGE_EVENT_TYPES, pledgeModel } from '../documents/pledge-model.js'
import { loadSource } from '../documents/source.js'
import { contentDisposition } from './awards.js'
import { answerError, refuse } from '../edge/answers.js'
import type { Admitted, Gate } from '../edge/gate.js'

/** Who is asking: a token's actor, or a signed link (which grants exactly the document it names) from an address. */
type Access = { by: 'token'; actor: Actor; admitted: Admitted } | { by: 'link'; address: string }
type WithAccess = Request & { access?: Access }

/** A route parameter as text ('' when absent). */
const param = (req: Request, name: string): string => {
  const v = req.params[name]
  return typeof v === 'string' ? v : ''
}

/** Who a request past `access` is. */
function accessOf(req: WithAccess): Access {
  if (!req.access) throw new Error('this route runs behind the access check')
  return req.access
}

export interface DocumentsDeps {
  /** Where Bearer tokens are checked and reads budgeted, as on every other route. */
  gate: Gate
  service: ConferenceService
  signer: LinkSigner
  now?: () => number
}

const pledgePath = (conferenceId: string, blocId: string) => `/api/conferences/${conferenceId}/pledges/${blocId}.pdf`
const reportPath = (conferenceId: string) => `/api/conferences/${conferenceId}/report.pdf`


export function documentsRouter(deps: DocumentsDeps): Router {
  const router = express.Router()
  const send = (res: Response, code: ErrorCode, message: string) => answerError(res, code, message)

  const access = async (req: WithAccess, res: Response, next: NextFunction) => {
    try {
      const { exp, sig } = req.query
      if (exp !== undefined || sig !== undefined) {
        const check = await deps.signer.check(req.method, new URL(req.originalUrl, 'http://x').pathname, exp, sig)
        const address = deps.gate.address(req)
        if (!check.ok) {
          // A link the server never signed is a guess; an expired one it did sign is not.
          const blocked = check.problem === 'expired' ? null : await deps.gate.guessed(address)
          return blocked ? refuse(req, res, blocked) : send(res, 'forbidden', check.reason)
        }
        req.access = { by: 'link', address }
        return next()
      }
      const token = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]
      const check = await deps.gate.admit(token, req, 'documents')
      if (!check.ok) return check.code === 'rate_limited' ? refuse(req, res, check) : send(res, 'unauthorized', check.message)
      const id = param(req, 'id')
      if (check.actor.conferenceId !== id) return send(res, 'forbidden', `this token is not for conference ${id}`)
      req.access = { by: 'token', actor: check.actor, admitted: check }
      next()
    } catch (err) {
      next(err)
    }
  }

  /** Rendering a PDF is a read of the whole log: it spends the link's read budget (a signed link's: its address's). */
  const reading = async (req: WithAccess, res: Response, next: NextFunction) => {
    try {
      const a = req.access
      if (!a) return send(res, 'unauthorized', 'missing token: open the conference with your access link')
      const over = a.by === 'token' ? await deps.gate.spend('read', a.admitted) : await deps.gate.spendSignedRead(a.address)
      if (over) return refuse(req, res, over)
      next()
    } catch (err) {
      next(err)
    }
  }

  router.get('/conferences/:id/pledges/:blocId.pdf', access, reading, async (req: WithAccess, res, next) => {
    try {
      const id = param(req, 'id')
      const blocId = param(req, 'blocId')
      const a = accessOf(req)
      const denied = a.by === 'token' ? queryRefusal(a.actor, 'pledge', { blocId }) : null
      if (denied) return send(res, 'forbidden', denied)
      const { state } = await deps.service.state(id)
      const bloc = state.blocs.find((b) => b.id === blocId)
      if (!bloc) return send(res, 'not_found', `there is no bloc ${blocId} in conference ${id}`)
      const pdf = await renderPledge(pledgeModel(await loadSource(deps, id, PLEDGE_EVENT_TYPES), blocId))
      pdfAnswer(res, pdf, `Giao ước thi đua - ${bloc.name}.pdf`)
    } catch (err) {
      next(err)
    }
  })

  router.get('/conferences/:id/report.pdf', access, reading, async (req: WithAccess, res, next) => {
    try {
      const id = param(req, 'id')
      const a = accessOf(req)
      const denied = a.by === 'token' ? queryRefusal(a.actor, 'report') : null
      if (denied) return send(res, 'forbidden', denied)
      const source = await loadSource(deps, id)
      if (source.head.seq === 0) return send(res, 'not_found', `there is no conference ${id}`)
      pdfAnswer(res, await renderMinutes(minutesModel(source)), `Biên bản ${source.state.title}.pdf`)
    } catch (err) {
      next(err)
    }
  })

  router.post('/conferences/:id/documents/links', access, async (req: WithAccess, res, next) => {
    try {
      const a = accessOf(req)
      if (a.by !== 'token') return send(res, 'forbidden', 'document links are issued only to a Bearer token')
      const { actor } = a
      const { state } = await deps.service.state(actor.conferenceId)
      const sign = async (p: string) => (await deps.signer.sign('GET', p)).url
      const expiresAt = Math.floor((deps.now ?? Date.now)() / 1000) + LINK_TTL_SECONDS
      const pledges: Record<string, string> = {}
      for (const b of state.blocs) if (!queryRefusal(actor, 'pledge', { blocId: b.id })) pledges[b.id] = await sign(pledgePath(actor.conferenceId, b.id))
      const report = !queryRefusal(actor, 'report') ? await sign(reportPath(actor.conferenceId)) : undefined
      res.setHeader('Cache-Control', 'no-store')
      res.json({ ...(report ? { report } : {}), pledges, expiresAt: new Date(expiresAt * 1000).toISOString() })
    } catch (err) {
      next(err)
    }
  })

  return router
}

function pdfAnswer(res: Response, pdf: Buffer, filename: string): void {
  res.setHeader('Content-Type', 'application/pdf')
  res.setHeader('Content-Disposition', contentDisposition(filename).replace(/^attachment/, 'inline'))
  res.setHeader('Cache-Control', 'no-store')
  res.send(pdf)
}
