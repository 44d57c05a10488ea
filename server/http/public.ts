/**
 * The read tier: the public audience's snapshot of each seq as immutable bytes, for a cache in
 * front of the processes (nginx `proxy_cache`, a CDN) to answer a join storm. A page reads
 * `…/public/latest` (the current seq, cached a second), then `…/public/<seq>` (cached for a year:
 * the public state at a seq never changes), then connects its socket with that `lastSeq` and takes
 * only the events after it. Mounted by `apiRouter` behind its token check, so the process answers
 * only a token of the conference (docs/operations.md: what a cache in front keys on).
 */
import { inflateSync } from 'node:zlib'
import express, { type Request, type Response, type Router } from 'express'
import type { ConferenceService } from '../conference/service.js'
import { PublicSnapshots, type PublicBytes } from '../conference/public-snapshots.js'
import type { Admitted, Gate } from '../edge/gate.js'
import { refuse } from '../edge/answers.js'

/** How long a cache may answer `latest` without asking again: a joining page is at most this far behind, and its socket catches up the rest. */
export const LATEST_MAX_AGE_S = 1
const IMMUTABLE = 'public, max-age=31536000, immutable'

type Authed = Request & { admitted?: Admitted }

function admittedOf(req: Authed): Admitted {
  if (!req.admitted) throw new Error('this route runs behind the token check')
  return req.admitted
}

export function publicRouter(deps: { service: ConferenceService; gate: Gate }): Router {
  const router = express.Router()
  const tier = new PublicSnapshots((id) => deps.service.snapshotFor(id, 'public'))

  router.get('/conferences/:id/public/latest', async (req: Authed, res, next) => {
    const who = admittedOf(req)
    const over = await deps.gate.spend('read', who)
    if (over) return refuse(req, res.set('Cache-Control', 'no-store'), over)
    try {
      const { seq } = await tier.latest(who.actor.conferenceId)
      res.set('Cache-Control', `public, max-age=${LATEST_MAX_AGE_S}`).json({ seq, url: `${req.baseUrl}/conferences/${encodeURIComponent(who.actor.conferenceId)}/public/${seq}` })
    } catch (err) {
      next(err)
    }
  })

  router.get('/conferences/:id/public/:seq', async (req: Authed, res, next) => {
    const who = admittedOf(req)
    const raw = req.params['seq']
    const text = typeof raw === 'string' ? raw : ''
    const seq = /^\d{1,15}$/.test(text) ? Number(text) : NaN
    res.set('Cache-Control', 'no-store')
    if (!Number.isSafeInteger(seq)) return refuse(req, res, { code: 'invalid', message: 'seq: must be a whole number of 0 or more, or latest' })
    try {
      const bytes = await tier.at(who.actor.conferenceId, seq)
      if (!bytes) return refuse(req, res, { code: 'not_found', message: `seq ${seq} is not held by this server (too old, or not reached yet); read …/public/latest and ask again` })
      answer(req, res, bytes)
    } catch (err) {
      next(err)
    }
  })
  return router
}

/** The bytes of one seq: deflated to a client (or cache) that takes it, else inflated once for it. */
function answer(req: Request, res: Response, b: PublicBytes): void {
  const deflate = req.acceptsEncodings('deflate') === 'deflate'
  const etag = deflate ? b.etag.replace(/"$/, '-d"') : b.etag
  res.set({ 'Cache-Control': IMMUTABLE, ETag: etag, Vary: 'Accept-Encoding', 'X-Conference-Seq': String(b.seq) })
  if (req.get('if-none-match')?.split(/\s*,\s*/).includes(etag)) return void res.status(304).end()
  const body = deflate ? b.deflated : inflateSync(b.deflated)
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length, ...(deflate ? { 'Content-Encoding': 'deflate' } : {}) })
  res.end(body)
}
