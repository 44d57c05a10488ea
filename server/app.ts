/**
 * createApp(deps) -> { app, io, httpServer }: the whole server, its storage handed in,
 * so that tests start it on port 0 against a real store in a temp dir.
 */
import { createServer, type Server as HttpServer } from 'node:http'
import { existsSync } from 'node:fs'
import path from 'node:path'
import express from 'express'
import { Server } from 'socket.io'
import { apiErrors, apiRouter } from './http/api.js'
import { documentsRouter } from './http/documents.js'
import { linksRouter } from './http/links.js'
import { openLinkSigner } from './documents/links.js'
import { ConferenceService } from './conference/service.js'
import { attachRealtime, broadcast, type AppServer } from './realtime/socket.js'
import type { EventStore } from './store/event-store.js'

export interface AppDeps {
  store: EventStore
  /** The data directory: where the documents' link secret is kept (in memory without it). */
  dataDir?: string
  /** Built client to serve (dist/client); omitted in API-only tests. */
  clientDir?: string
  now?: () => number
  snapshotEvery?: number
}

export interface App {
  app: express.Express
  io: AppServer
  httpServer: HttpServer
  service: ConferenceService
  /** Stops accepting, snapshots every loaded conference, closes sockets; the store stays open. */
  close(): Promise<void>
}

export function createApp(deps: AppDeps): App {
  const now = deps.now ?? Date.now
  const app = express()
  app.disable('x-powered-by')
  const httpServer = createServer(app)
  const io: AppServer = new Server(httpServer, {
    serveClient: false,
    // Signatures carry strokes; keep the cap explicit rather than the 1 MB default.
    maxHttpBufferSize: 2e6,
    // A dropped connection is noticed within pingInterval + pingTimeout (4.5 s) on both sides: the
    // host's board shows a silent site offline, and a page sees that it lost the server. The
    // timeout leaves room for an event loop busy for a few seconds (a large PDF) before it drops anyone.
    pingInterval: 1500,
    pingTimeout: 3000,
  })
  const service = new ConferenceService({
    store: deps.store,
    now,
    snapshotEvery: deps.snapshotEvery,
    onAppended: (conferenceId, events) => {
      broadcast(io, conferenceId, events)
      reveals.appended(conferenceId, events)
    },
  })
  const { presence, reveals } = attachRealtime(io, { store: deps.store, service, now })

  // The documents judge a signed link themselves, so they come before the API's token check.
  app.use('/api', documentsRouter({ store: deps.store, service, links: openLinkSigner(deps.dataDir, now), now }), apiErrors)
  app.use('/api', linksRouter({ store: deps.store, service, sockets: io, dataDir: deps.dataDir, now }), apiErrors)
  app.use('/api', express.json({ limit: '2mb' }), apiRouter({ store: deps.store, service }), apiErrors)
  if (deps.clientDir && existsSync(path.join(deps.clientDir, 'index.html'))) {
    const clientDir = deps.clientDir
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }))
    app.get('/{*splat}', (_req, res) => res.sendFile(path.join(clientDir, 'index.html'), { maxAge: 0 }))
  }

  return {
    app,
    io,
    httpServer,
    service,
    async close() {
      presence.stop()
      reveals.stop()
      await new Promise<void>((resolve) => io.close(() => resolve()))
      await service.flush()
    },
  }
}
