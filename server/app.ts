/**
 * createApp(deps) -> { app, io, httpServer }: the whole server, its storage handed in,
 * so that tests start it on port 0 against a real store in a temp dir.
 */
import { createServer, type Server as HttpServer } from 'node:http'
import { existsSync } from 'node:fs'
import path from 'node:path'
import express from 'express'
import { Server } from 'socket.io'
import { apiRouter } from './http/api.js'
import { apiErrors, refuse } from './edge/answers.js'
import { Gate } from './edge/gate.js'
import { securityHeaders } from './edge/headers.js'
import { SOCKET_MESSAGE_LIMIT, UNAUTHENTICATED_BODY_LIMIT, COMMAND_BODY_LIMIT } from './edge/limits.js'
import { originPolicy, parseOrigins } from './edge/origin.js'
import { serveClient } from './http/static-assets.js'
import { MAX_IMPORT_BYTES } from './awards/parse.js'
import { log } from './log.js'
import { ErrorReason } from '../shared/errors.js'
import { Budgets, budgetsFromEnv, type BudgetSpecs, type Clock } from './edge/budgets.js'
import { socketCapsFromEnv, type SocketCaps } from './edge/open-sockets.js'
import { redisBudgets } from './edge/redis-budgets.js'
import { documentsRouter } from './http/documents.js'
import { linksRouter } from './http/links.js'
import { openLinkSigner } from './documents/links.js'
import { ConferenceService } from './conference/service.js'
import { allowRequest, attachRealtime, broadcast, type AppServer, type SlowClientBounds } from './realtime/socket.js'
import { watchStoreStatus } from './realtime/store-status.js'
import { Revocations } from './access/revocations.js'
import { LinkConsole } from './access/link-console.js'
import type { EventStore } from './store/event-store.js'
import type { LinkStore } from './store/link-store.js'
import { withLinkHealth } from './store/store-health.js'
import type { LogFeed } from './store/feed.js'

/** How long an idle HTTP connection is kept open: longer than nginx's upstream keepalive (60 s). */
const KEEP_ALIVE_MS = 65_000

export interface AppDeps {
  store: EventStore
  /** The access links and the shared secrets (the documents' signing key). */
  links: LinkStore
  /** The logs as this process follows them, when other processes append too (Redis); else the store's own appends. */
  feed?: LogFeed
  /** The data directory: where the host console writes the links it issues (access-links.json). */
  dataDir?: string
  /** Built client to serve (dist/client); omitted in API-only tests. */
  clientDir?: string
  now?: () => number
  snapshotEvery?: number
  /** Budgets per link and address (server/edge/budgets.ts); tests and benches may widen or narrow them. */
  budgets?: Partial<BudgetSpecs>
  /** The budgets' clock: monotonic by default, injected by the clock-step test. */
  budgetClock?: Clock
  /**
   * Redis for budgets shared by the cluster's processes (default: REDIS_URL); null keeps them in
   * this process's memory.
   */
  budgetsRedisUrl?: string | null
  /** Sockets open at once per address and per link (server/edge/open-sockets.ts; default: SOCKET_CAPS). */
  socketCaps?: Partial<SocketCaps>
  /**
   * How long a page's heartbeat may go unanswered before it is dropped (default
   * SOCKET_PING_TIMEOUT_MS, else 3 s). Raised by tests on a starved machine that are about
   * something else than noticing a drop.
   */
  pingTimeoutMs?: number
  /** Pages of other origins allowed to connect (default: ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins?: string[]
  /** The address people open (default: PUBLIC_URL): its origin is allowed. */
  publicUrl?: string
  /** Behind a reverse proxy (default: TRUST_PROXY=1): X-Forwarded-For/-Proto/-Host are believed. */
  trustProxy?: boolean
  /** When a client that does not read is dropped (server/realtime/socket.ts). */
  slowClients?: Partial<SlowClientBounds>
}

export interface App {
  app: express.Express
  io: AppServer
  httpServer: HttpServer
  service: ConferenceService
  /** Live figures beside the log, shared with the other processes of a cluster (server/realtime/cluster.ts). */
  trackers: Pick<ReturnType<typeof attachRealtime>, 'presence' | 'reveals'>
  /** Stops accepting, snapshots every loaded conference, closes sockets; the store stays open. */
  close(): Promise<void>
}

export function createApp(deps: AppDeps): App {
  // Health (/api/health, the pages' status) counts the access links' store with the log's.
  deps = { ...deps, store: withLinkHealth(deps.store, deps.links) }
  const now = deps.now ?? Date.now
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  const trustProxy = deps.trustProxy ?? process.env['TRUST_PROXY'] === '1'
  if (trustProxy) app.set('trust proxy', true)
  const origins = originPolicy({ allowed: deps.allowedOrigins ?? parseOrigins(process.env['ALLOWED_ORIGINS']), publicUrl: deps.publicUrl ?? process.env['PUBLIC_URL'], trustProxy })
  const redisUrl = deps.budgetsRedisUrl === undefined ? process.env['REDIS_URL'] : deps.budgetsRedisUrl
  const shared = redisUrl ? redisBudgets(redisUrl) : null
  const budgets = new Budgets(deps.budgets ?? budgetsFromEnv(process.env['BUDGETS']), { now: deps.budgetClock, limiter: shared?.limiter })
  const socketCaps = deps.socketCaps ?? socketCapsFromEnv(process.env['SOCKET_CAPS'])
  const gate = new Gate({ links: deps.links, budgets, origins, trustProxy, now, socketCaps })
  const httpServer = createServer(app)
  // An idle keep-alive connection is closed by the client or its proxy, not by us first: with
  // Node's 5 s a request sent just as the server closes the connection is lost (ECONNRESET at
  // the host's console, or at nginx whose upstream keepalive holds connections 60 s).
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS
  httpServer.headersTimeout = KEEP_ALIVE_MS + 1_000
  const io: AppServer = new Server(httpServer, {
    serveClient: false,
    // The largest legitimate message is a signature at its limits (server/edge/limits.ts).
    maxHttpBufferSize: SOCKET_MESSAGE_LIMIT,
    // The token, the Origin and the budgets are checked on the HTTP request, before the upgrade.
    allowRequest: allowRequest(gate),
    // A dropped connection is noticed within pingInterval + pingTimeout (4.5 s) on both sides: the
    // host's board shows a silent site offline, and a page sees that it lost the server. The
    // timeout leaves room for an event loop busy for a few seconds (a large PDF) before it drops anyone.
    pingInterval: 1500,
    pingTimeout: deps.pingTimeoutMs ?? (Number(process.env['SOCKET_PING_TIMEOUT_MS']) || 3000),
  })
  const service = new ConferenceService({
    store: deps.store,
    feed: deps.feed,
    now,
    snapshotEvery: deps.snapshotEvery,
    onAppended: (conferenceId, events) => {
      broadcast(io, conferenceId, events)
      reveals.appended(conferenceId, events)
    },
  })
  // Whether the log can be written: every page of this process is told when that changes (never through Redis).
  const storeStatus = watchStoreStatus(deps.store, now, (status) => io.local.emit('status', status))
  const revocations = new Revocations()
  const stopExpiries = revocations.watchExpiries(deps.links, now)
  httpServer.once('close', stopExpiries)
  const realtime = attachRealtime(io, { service, gate, status: () => storeStatus.current(), revocations, now, slowClients: deps.slowClients })
  const { presence, reveals } = realtime

  app.use(securityHeaders({ trustProxy }))
  // Before any router: a page of another origin changes nothing, and a request without a token
  // may not announce a large body (it is never read; the connection closes with the refusal).
  app.use('/api', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      const foreign = gate.origin(req)
      if (foreign) {
        log.info({ via: 'http', refused: 'origin', origin: req.get('origin')?.slice(0, 100), path: req.path.slice(0, 100) }, 'foreign origin refused')
        return refuse(req, res, foreign)
      }
    }
    const declared = Number(req.get('content-length') ?? 0)
    const limit = /^Bearer\s/i.test(req.get('authorization') ?? '') ? Math.max(MAX_IMPORT_BYTES, COMMAND_BODY_LIMIT) : UNAUTHENTICATED_BODY_LIMIT
    if (declared > limit) return refuse(req, res, { code: 'invalid', message: `the request body is larger than ${Math.round(limit / 1024)} KB`, reason: ErrorReason.requestTooLarge, params: { maxKb: Math.round(limit / 1024) } }, 413)
    next()
  })

  // The documents judge a signed link themselves, so they come before the API's token check.
  app.use('/api', documentsRouter({ gate, service, signer: openLinkSigner(deps.links, now), now }), apiErrors)
  app.use('/api', linksRouter({ linkConsole: new LinkConsole(deps.links, now), service, revocations, gate, dataDir: deps.dataDir, now }), apiErrors)
  // Bodies are parsed per route, after the token (server/http/api.ts).
  app.use('/api', apiRouter({ service, gate }), apiErrors)
  if (deps.clientDir && existsSync(path.join(deps.clientDir, 'index.html'))) {
    const clientDir = deps.clientDir
    serveClient(app, clientDir)
  }
  app.use(apiErrors)

  return {
    app,
    io,
    httpServer,
    service,
    trackers: { presence, reveals },
    async close() {
      presence.stop()
      reveals.stop()
      realtime.stop()
      storeStatus.stop()
      stopExpiries()
      await new Promise<void>((resolve) => io.close(() => resolve()))
      await service.flush()
      service.stop()
      await shared?.close()
    },
  }
}
