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
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express'
import { z } from 'zod'
import type { Actor, ConferenceState } from '../../shared/domain.js'
import type { ErrorCode } from '../../shared/errors.js'
import { linkUrl, PAGE_OF_ROLE, readLinks, recordLink } from '../access/links.js'
import { hashToken, newToken } from '../access/tokens.js'
import type { Revocations } from '../access/revocations.js'
import { queryRefusal } from '../conference/query-rights.js'
import type { ConferenceService } from '../conference/service.js'
import type { AccessGrant, LinkRecord, LinkStore } from '../store/link-store.js'
import { answerError, refuse } from '../edge/answers.js'
import type { Gate } from '../edge/gate.js'

export interface LinksDeps {
  links: LinkStore
  service: ConferenceService
  /** Told of each link revoked or reissued here: the realtime side closes its sockets. */
  revocations: Revocations
  /** The token check of the API and the sockets: a wrong token here spends the same per-address guesses. */
  gate: Gate
  /** Where access-links.json is kept; new secrets are written there too. */
  dataDir?: string
  now?: () => number
}

/** A link as the console shows it. */
export interface LinkView extends LinkRecord {
  status: 'active' | 'revoked' | 'expired'
  /** The subject's current name (site or bloc), else the link's label. */
  name: string
}

const IsoTime = z.iso.datetime({ offset: true })
const IssueBody = z.object({
  role: z.enum(['host', 'viewer', 'site', 'signer']),
  siteId: z.string().min(1).max(100).optional(),
  blocId: z.string().min(1).max(100).optional(),
  expiresAt: IsoTime.optional(),
})
const ConfirmBody = z.object({ confirm: z.boolean().optional() }).optional()
const ExpiryBody = z.object({ expiresAt: IsoTime.nullable() })

type HostRequest = Request & { actor?: Actor; linkId?: string }

export function linksRouter(deps: LinksDeps): Router {
  const now = deps.now ?? Date.now
  const router = express.Router()
  const send = (res: Response, code: ErrorCode, message: string) => answerError(res, code, message)
  const iso = () => new Date(now()).toISOString()

  const hostOnly = async (req: HostRequest, res: Response, next: NextFunction) => {
    try {
      const token = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]
      const check = await deps.gate.admit(token, req, 'links')
      if (!check.ok) return refuse(req, res, check)
      if (check.actor.conferenceId !== req.params['id']) return send(res, 'forbidden', `this token is not for conference ${req.params['id']}`)
      const denied = queryRefusal(check.actor, 'links')
      if (denied) return send(res, 'forbidden', denied)
      req.actor = check.actor
      req.linkId = check.linkId
      next()
    } catch (err) {
      next(err)
    }
  }
  const json = express.json({ limit: '4kb' })

  const views = async (conferenceId: string): Promise<LinkView[]> => {
    const { state } = await deps.service.state(conferenceId)
    const at = now()
    return (await deps.links.listLinks(conferenceId)).map((l) => view(l, state, at))
  }
  const find = async (conferenceId: string, linkId: unknown) =>
    typeof linkId === 'string' ? (await views(conferenceId)).find((l) => l.id === linkId) : undefined
  const activeHosts = (all: LinkView[]) => all.filter((l) => l.role === 'host' && l.status === 'active')
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
  const issued = (req: HostRequest, res: Response, link: LinkRecord, token: string, state: ConferenceState) => {
    const url = linkUrl(baseUrl(req), PAGE_OF_ROLE[link.role], token)
    const shown = view(link, state, now())
    if (deps.dataDir) recordLink(deps.dataDir, link.conferenceId, { ...link, name: shown.name }, { url, token })
    res.status(201).json({ link: shown, url })
  }

  router.get('/conferences/:id/head', hostOnly, async (req: HostRequest, res) => {
    const { seq, hash } = await deps.service.head(req.actor!.conferenceId)
    res.json({ seq, hash })
  })

  router.get('/conferences/:id/links', hostOnly, async (req: HostRequest, res) => {
    const conferenceId = req.actor!.conferenceId
    const links = await views(conferenceId)
    const { state } = await deps.service.state(conferenceId)
    res.json({ links, self: req.linkId, missing: missingLinks(state, links) })
  })

  router.post('/conferences/:id/links', hostOnly, json, async (req: HostRequest, res) => {
    const body = IssueBody.safeParse(req.body)
    if (!body.success) return send(res, 'invalid', `${body.error.issues[0]?.path.join('.') || 'body'}: ${body.error.issues[0]?.message}`)
    const { role, siteId, blocId, expiresAt } = body.data
    const conferenceId = req.actor!.conferenceId
    const { state } = await deps.service.state(conferenceId)
    const grant: AccessGrant = { conferenceId, role }
    if (role === 'site') {
      const site = state.sites.find((s) => s.id === siteId)
      if (!site) return send(res, 'not_found', `siteId: no site ${siteId ?? '(missing)'} in this conference`)
      Object.assign(grant, { siteId: site.id, label: site.name })
    } else if (role === 'signer') {
      const bloc = state.blocs.find((b) => b.id === blocId)
      if (!bloc) return send(res, 'not_found', `blocId: no bloc ${blocId ?? '(missing)'} in this conference`)
      Object.assign(grant, { blocId: bloc.id, label: bloc.signerName ?? bloc.name })
    } else {
      grant.label = role === 'host' ? 'Ban tổ chức' : 'Người xem'
    }
    if (expiresAt && Date.parse(expiresAt) <= now()) return send(res, 'invalid', 'expiresAt: must be in the future')
    const token = newToken()
    const createdAt = iso()
    await deps.links.saveToken(hashToken(token), grant, { createdAt, ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}) })
    const link = await deps.links.findLink(hashToken(token))
    issued(req, res, link!, token, state)
  })

  router.post('/conferences/:id/links/:linkId/revoke', hostOnly, json, async (req: HostRequest, res) => {
    const conferenceId = req.actor!.conferenceId
    const all = await views(conferenceId)
    const link = all.find((l) => l.id === req.params['linkId'])
    if (!link) return send(res, 'not_found', `no access link ${String(req.params['linkId'])} in this conference`)
    if (link.status === 'revoked') return send(res, 'conflict', 'this link is already revoked')
    const denied = guardHost(link, activeHosts(all), req.linkId, ConfirmBody.safeParse(req.body).data?.confirm === true)
    if (denied) return send(res, 'conflict', denied)
    await deps.links.revokeLink(conferenceId, link.id, iso())
    deps.revocations.ended(link.id)
    res.json({ link: await find(conferenceId, link.id) })
  })

  router.post('/conferences/:id/links/:linkId/reissue', hostOnly, json, async (req: HostRequest, res) => {
    const conferenceId = req.actor!.conferenceId
    const link = await find(conferenceId, req.params['linkId'])
    if (!link) return send(res, 'not_found', `no access link ${String(req.params['linkId'])} in this conference`)
    if (link.status === 'revoked') return send(res, 'conflict', 'this link is revoked; issue a new one for its role instead')
    if (link.id === req.linkId && ConfirmBody.safeParse(req.body).data?.confirm !== true) {
      return send(res, 'conflict', 'confirm: this is the link this page uses; it will stop working, so keep the new one')
    }
    const token = newToken()
    const fresh = await deps.links.reissueLink(conferenceId, link.id, hashToken(token), iso())
    if (!fresh) return send(res, 'conflict', 'this link changed meanwhile; reload the list')
    deps.revocations.ended(link.id)
    issued(req, res, fresh, token, (await deps.service.state(conferenceId)).state)
  })

  router.post('/conferences/:id/links/:linkId/expiry', hostOnly, json, async (req: HostRequest, res) => {
    const body = ExpiryBody.safeParse(req.body)
    if (!body.success) return send(res, 'invalid', 'expiresAt: must be a date and time with its offset, or null')
    const conferenceId = req.actor!.conferenceId
    const all = await views(conferenceId)
    const link = all.find((l) => l.id === req.params['linkId'])
    if (!link || link.status === 'revoked') return send(res, 'not_found', `no live access link ${String(req.params['linkId'])} in this conference`)
    const expiresAt = body.data.expiresAt === null ? null : new Date(body.data.expiresAt).toISOString()
    if (expiresAt !== null && link.role === 'host' && activeHosts(all).filter((h) => h.id !== link.id && !h.expiresAt).length === 0) {
      return send(res, 'conflict', 'this is the only host link without an expiry: issue another host link first, or the console would lock itself out')
    }
    if (expiresAt !== null && Date.parse(expiresAt) <= now()) return send(res, 'invalid', 'expiresAt: must be in the future (revoke the link to stop it now)')
    await deps.links.setLinkExpiry(conferenceId, link.id, expiresAt)
    res.json({ link: await find(conferenceId, link.id) })
  })

  return router
}

/** Why a host link may not be revoked now: never the last one; one's own only when confirmed. */
function guardHost(link: LinkView, activeHosts: LinkView[], selfId: string | undefined, confirmed: boolean): string | null {
  if (link.role !== 'host') return null
  if (link.status === 'active' && activeHosts.length <= 1) return 'this is the only host link: issue another host link first, or nobody could run the conference'
  if (link.id === selfId && !confirmed) return 'confirm: this is the link this page uses; the page will close'
  return null
}

function view(l: LinkRecord, state: ConferenceState, at: number): LinkView {
  const status = l.revokedAt ? 'revoked' : l.expiresAt && Date.parse(l.expiresAt) <= at ? 'expired' : 'active'
  const subject = l.siteId ? state.sites.find((s) => s.id === l.siteId)?.name : l.blocId ? state.blocs.find((b) => b.id === l.blocId)?.name : undefined
  return { ...l, status, name: subject ?? l.label ?? l.role }
}

/** Sites and blocs that have no live link: added after the links were issued, or all revoked. */
function missingLinks(state: ConferenceState, links: LinkView[]) {
  const live = links.filter((l) => l.status === 'active')
  return [
    ...state.sites.filter((s) => !live.some((l) => l.siteId === s.id)).map((s) => ({ role: 'site' as const, siteId: s.id, name: s.name })),
    ...state.blocs.filter((b) => !live.some((l) => l.blocId === b.id)).map((b) => ({ role: 'signer' as const, blocId: b.id, name: b.name })),
  ]
}
