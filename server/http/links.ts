/**
 * Access links from the host console: list, issue, revoke, reissue and expire; and the log's head
 * (seq and hash) for the host to note down. Host only. Mounted in app.ts before the API's own token
 * check, with its own small JSON body limit. A secret is answered once, right after it is issued,
 * and written to DATA_DIR/access-links.json; a list never holds one.
 *
 *   GET  /api/conferences/:id/head                        → { seq, hash }
 *   GET  /api/conferences/:id/links                       → { links, self, missing }
 *   POST /api/conferences/:id/links                       { role, siteId?, blocId?, expiresAt? } → { link, url }
 *   POST /api/conferences/:id/links/:linkId/revoke        { confirm? } → { link }
 *   POST /api/conferences/:id/links/:linkId/reissue       { confirm? } → { link, url }
 *   POST /api/conferences/:id/links/:linkId/expiry        { expiresAt: string | null } → { link }
 *   GET  /api/conferences/:id/links/export.xlsx           every site's and signer's live link, by province (links-sheet.ts)
 *   GET  /api/conferences/:id/links/export.pdf            the same as a printable sheet with a QR code per link, streamed (links-pdf.ts)
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express'
import { z } from 'zod'
import type { Actor, ConferenceState } from '../../shared/domain.js'
import type { ErrorCode } from '../../shared/errors.js'
import { activeHosts, grantFor, guardHost, missingLinks, type LinkConsole, type LinkView } from '../access/link-console.js'
import { recordIssuedLink } from '../access/links-file.js'
import { linkUrl, PAGE_OF_ROLE, readLinks } from '../access/links.js'
import type { Revocations } from '../access/revocations.js'
import { queryRefusal } from '../conference/query-rights.js'
import type { ConferenceService } from '../conference/service.js'
import { answerError, refuse } from '../edge/answers.js'
import type { Admitted, Gate } from '../edge/gate.js'
import { log } from '../log.js'
import { exportGroups, writeLinksXlsx } from './links-sheet.js'
import { writeLinksPdf } from './links-pdf.js'

export type { LinkView } from '../access/link-console.js'

export interface LinksDeps {
  /** The links as the console manages them (server/access/link-console.ts). */
  linkConsole: LinkConsole
  service: ConferenceService
  /** Told of each link revoked or reissued here: the realtime side closes its sockets. */
  revocations: Revocations
  /** The token check of the API and the sockets: a wrong token here spends the same per-address guesses. */
  gate: Gate
  /** Where access-links.json is kept; new secrets are written there too. */
  dataDir?: string
  now?: () => number
}

const IsoTime = z.iso.datetime({ offset: true })
const IssueBody = z.object({
  role: z.enum(['host', 'viewer', 'site', 'signer', 'overlay']),
  siteId: z.string().min(1).max(100).optional(),
  blocId: z.string().min(1).max(100).optional(),
  expiresAt: IsoTime.optional(),
})
const ConfirmBody = z.object({ confirm: z.boolean().optional() }).optional()
const ExpiryBody = z.object({ expiresAt: IsoTime.nullable() })

/** The host admitted by `hostOnly`, kept per request. */
const hosts = new WeakMap<Request, Admitted>()

export function linksRouter(deps: LinksDeps): Router {
  const now = deps.now ?? Date.now
  const router = express.Router()
  const send = (res: Response, code: ErrorCode, message: string) => answerError(res, code, message)
  const confirmed = (req: Request) => ConfirmBody.safeParse(req.body).data?.confirm === true

  const hostOnly = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]
      const check = await deps.gate.admit(token, req, 'links')
      if (!check.ok) return refuse(req, res, check)
      if (check.actor.conferenceId !== req.params['id']) return send(res, 'forbidden', `this token is not for conference ${req.params['id']}`)
      const denied = queryRefusal(check.actor, 'links')
      if (denied) return send(res, 'forbidden', denied)
      hosts.set(req, check)
      next()
    } catch (err) {
      next(err)
    }
  }
  /** The host of a request past `hostOnly`: its actor, its link, and the conference's state now. */
  const host = async (req: Request): Promise<{ actor: Actor; linkId: string; conferenceId: string; state: ConferenceState }> => {
    const who = hosts.get(req)
    if (!who) throw new Error('the links routes run behind hostOnly')
    const { state } = await deps.service.state(who.actor.conferenceId)
    return { actor: who.actor, linkId: who.linkId, conferenceId: who.actor.conferenceId, state }
  }
  const json = express.json({ limit: '4kb' })

  const find = async (conferenceId: string, state: ConferenceState, linkId: unknown) =>
    typeof linkId === 'string' ? (await deps.linkConsole.views(conferenceId, state)).find((l) => l.id === linkId) : undefined
  const baseUrl = (req: Request) => {
    try {
      const file = deps.dataDir ? readLinks(deps.dataDir) : null
      if (file) return new URL(file.host.url).origin
    } catch {
      // A damaged links file: the request's own origin will do.
    }
    return `${req.protocol}://${req.get('host') ?? 'localhost'}`
  }
  /** Answers the new secret once and writes it to the links file. */
  const issued = (req: Request, res: Response, link: LinkView, token: string) => {
    const url = linkUrl(baseUrl(req), PAGE_OF_ROLE[link.role], token)
    if (deps.dataDir) recordIssuedLink(deps.dataDir, link.conferenceId, link, { url, token })
    res.status(201).json({ link, url })
  }

  router.get('/conferences/:id/head', hostOnly, async (req, res) => {
    const { conferenceId } = await host(req)
    const { seq, hash } = await deps.service.head(conferenceId)
    res.json({ seq, hash })
  })

  router.get('/conferences/:id/links', hostOnly, async (req, res) => {
    const { conferenceId, linkId, state } = await host(req)
    const links = await deps.linkConsole.views(conferenceId, state)
    res.json({ links, self: linkId, missing: missingLinks(state, links) })
  })

  /** The links to export, or an answer saying why there are none here. */
  const exportable = async (req: Request, res: Response) => {
    const { conferenceId, state } = await host(req)
    let file = null
    try {
      file = deps.dataDir ? readLinks(deps.dataDir) : null
    } catch {
      // A damaged file holds no address we can trust: said below as a missing one.
    }
    if (!file || file.conferenceId !== conferenceId) {
      send(res, 'conflict', 'Máy chủ này không giữ tệp access-links.json của hội nghị (trong cụm máy chủ, tệp ở tiến trình đã khởi tạo hội nghị): hãy tải từ máy chủ đó. / This server does not hold the conference\'s access-links.json.')
      return null
    }
    const groups = exportGroups(state, file, await deps.linkConsole.views(conferenceId, state))
    const name = `lien-ket-truy-cap-${conferenceId}`
    res.set('Cache-Control', 'no-store')
    res.set('X-Links-Total', String(groups.reduce((n, g) => n + g.entries.length, 0)))
    return { state, groups, name }
  }

  router.get('/conferences/:id/links/export.xlsx', hostOnly, async (req, res) => {
    const found = await exportable(req, res)
    if (!found) return
    res.attachment(`${found.name}.xlsx`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const t0 = performance.now()
    try {
      const { rows, maxSliceMs } = await writeLinksXlsx(res, found.groups)
      log.info({ conferenceId: found.state.id, links: rows, ms: Math.round(performance.now() - t0), maxSliceMs: Math.round(maxSliceMs) }, 'access links workbook written')
    } catch (err) {
      // Headers are gone: the download stops short, and the log says why.
      log.warn({ err, conferenceId: found.state.id }, 'the access links workbook stopped before its end')
      res.destroy()
    }
  })

  router.get('/conferences/:id/links/export.pdf', hostOnly, async (req, res) => {
    const found = await exportable(req, res)
    if (!found) return
    res.attachment(`${found.name}.pdf`).type('application/pdf')
    const t0 = performance.now()
    try {
      const { pages, links, maxSliceMs } = await writeLinksPdf(res, found.state.title, found.groups)
      log.info({ conferenceId: found.state.id, pages, links, ms: Math.round(performance.now() - t0), maxSliceMs: Math.round(maxSliceMs) }, 'access links sheet written')
    } catch (err) {
      // Headers are gone: the download stops short, and the log says why.
      log.warn({ err, conferenceId: found.state.id }, 'the access links sheet stopped before its end')
      res.destroy()
    }
  })

  router.post('/conferences/:id/links', hostOnly, json, async (req, res) => {
    const body = IssueBody.safeParse(req.body)
    if (!body.success) return send(res, 'invalid', `${body.error.issues[0]?.path.join('.') || 'body'}: ${body.error.issues[0]?.message}`)
    const { conferenceId, state } = await host(req)
    const grant = grantFor(conferenceId, state, body.data)
    if (!grant.ok) return send(res, 'not_found', grant.message)
    const { expiresAt } = body.data
    if (expiresAt && Date.parse(expiresAt) <= now()) return send(res, 'invalid', 'expiresAt: must be in the future')
    const { link, token } = await deps.linkConsole.issue(grant.grant, state, expiresAt)
    issued(req, res, link, token)
  })

  router.post('/conferences/:id/links/:linkId/revoke', hostOnly, json, async (req, res) => {
    const { conferenceId, linkId, state } = await host(req)
    const all = await deps.linkConsole.views(conferenceId, state)
    const link = all.find((l) => l.id === req.params['linkId'])
    if (!link) return send(res, 'not_found', `no access link ${String(req.params['linkId'])} in this conference`)
    if (link.status === 'revoked') return send(res, 'conflict', 'this link is already revoked')
    const denied = guardHost(link, activeHosts(all), linkId, confirmed(req))
    if (denied) return send(res, 'conflict', denied)
    await deps.linkConsole.revoke(conferenceId, link.id)
    deps.revocations.ended(link.id)
    res.json({ link: await find(conferenceId, state, link.id) })
  })

  router.post('/conferences/:id/links/:linkId/reissue', hostOnly, json, async (req, res) => {
    const { conferenceId, linkId, state } = await host(req)
    const link = await find(conferenceId, state, req.params['linkId'])
    if (!link) return send(res, 'not_found', `no access link ${String(req.params['linkId'])} in this conference`)
    if (link.status === 'revoked') return send(res, 'conflict', 'this link is revoked; issue a new one for its role instead')
    if (link.id === linkId && !confirmed(req)) {
      return send(res, 'conflict', 'confirm: this is the link this page uses; it will stop working, so keep the new one')
    }
    const fresh = await deps.linkConsole.reissue(conferenceId, link.id, state)
    if (!fresh) return send(res, 'conflict', 'this link changed meanwhile; reload the list')
    deps.revocations.ended(link.id)
    issued(req, res, fresh.link, fresh.token)
  })

  router.post('/conferences/:id/links/:linkId/expiry', hostOnly, json, async (req, res) => {
    const body = ExpiryBody.safeParse(req.body)
    if (!body.success) return send(res, 'invalid', 'expiresAt: must be a date and time with its offset, or null')
    const { conferenceId, state } = await host(req)
    const all = await deps.linkConsole.views(conferenceId, state)
    const link = all.find((l) => l.id === req.params['linkId'])
    if (!link || link.status === 'revoked') return send(res, 'not_found', `no live access link ${String(req.params['linkId'])} in this conference`)
    const expiresAt = body.data.expiresAt === null ? null : new Date(body.data.expiresAt).toISOString()
    if (expiresAt !== null && link.role === 'host' && activeHosts(all).filter((h) => h.id !== link.id && !h.expiresAt).length === 0) {
      return send(res, 'conflict', 'this is the only host link without an expiry: issue another host link first, or the console would lock itself out')
    }
    if (expiresAt !== null && Date.parse(expiresAt) <= now()) return send(res, 'invalid', 'expiresAt: must be in the future (revoke the link to stop it now)')
    await deps.linkConsole.setExpiry(conferenceId, link.id, expiresAt)
    res.json({ link: await find(conferenceId, state, link.id) })
  })

  return router
}
