/**
 * A real server for e2e specs, each on a free port with a data directory of its own, so specs run
 * side by side (and beside anyone else's run) without sharing a conference or a port.
 * - `startAppServer`: `server/main.ts` itself, the demo seeded as on a first start.
 * - `startPrivateServer`: e2e/lobby-server.ts, the demo scheduled 25 minutes from now, for the
 *   lobby's countdown, a 700-site demo or a log kept in Redis.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { APIRequestContext } from '@playwright/test'
import type { ConferenceState } from '../shared/domain.js'
import type { AccessLinks } from './helpers.js'
import { builtArgs, type BuiltEntry } from '../server/test/built.js'

export interface PrivateServer {
  base: string
  links: AccessLinks
  /** A page URL for a token at any path (the token decides the page). */
  url: (path: string, token: string) => string
  state: (request: APIRequestContext) => Promise<ConferenceState>
  command: (request: APIRequestContext, type: string, data: unknown) => Promise<{ ok: boolean }>
  stop: () => Promise<void>
}

/** Generous: the 700-site demo on a loaded two-core machine. */
const START_WITHIN_MS = 120_000

/** A port nobody listens on now (the kernel's pick); a start that still loses the race is retried. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Runs the bundle of `script` (dist/server/, built by the run's global set-up) and resolves once `ready(output)` names the base URL it serves on.
 * Rejects with the process's output when it stops first or does not start in time.
 */
async function spawnServer(script: BuiltEntry, env: Record<string, string>, ready: (output: string) => Promise<string | null>): Promise<{ base: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, builtArgs(script), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise((r) => child.once('exit', r))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
  }
  const deadline = Date.now() + START_WITHIN_MS
  for (;;) {
    if (child.exitCode !== null) throw new ServerStopped(output)
    const base = await ready(output)
    if (base) return { base, stop }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`${script} did not start within ${START_WITHIN_MS} ms: ${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

class ServerStopped extends Error {
  constructor(readonly output: string) {
    super(`the server stopped while starting: ${output}`)
  }
}

function withApi(base: string, links: AccessLinks, stop: () => Promise<void>): PrivateServer {
  const auth = { authorization: `Bearer ${links.host.token}` }
  return {
    base,
    links,
    url: (p, token) => `${base}${p}?token=${encodeURIComponent(token)}`,
    state: async (request) => ((await (await request.get(`${base}/api/conferences/${links.conferenceId}/state`, { headers: auth })).json()) as { state: ConferenceState }).state,
    command: async (request, type, data) =>
      (await (await request.post(`${base}/api/conferences/${links.conferenceId}/commands`, { headers: auth, data: { id: randomUUID(), type, data } })).json()) as { ok: boolean },
    stop,
  }
}

const readLinksFile = (dataDir: string) => JSON.parse(readFileSync(path.join(dataDir, 'access-links.json'), 'utf8')) as AccessLinks

/** `server/main.ts` on a free port with a fresh DATA_DIR; its links are those it wrote there. */
export async function startAppServer(): Promise<PrivateServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const dataDir = mkdtempSync(path.join(tmpdir(), 'diem-cau-e2e-'))
    const base = `http://127.0.0.1:${port}`
    try {
      const started = await spawnServer('main', { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: base }, async (output) => {
        if (!output.includes('is serving on')) return null
        return (await fetch(`${base}/api/health`).catch(() => null))?.ok ? base : null
      })
      return withApi(base, readLinksFile(dataDir), async () => {
        await started.stop()
        rmSync(dataDir, { recursive: true, force: true })
      })
    } catch (err) {
      rmSync(dataDir, { recursive: true, force: true })
      // Someone took the port between the probe and the listen: another free port.
      if (!(err instanceof ServerStopped && err.output.includes('already in use') && attempt < 5)) throw err
    }
  }
}

/**
 * e2e/lobby-server.ts on a port it picks itself (it prints its address once seeded).
 * `sites`: seed the demo with that many sites (server/seed/scale.ts) instead of its eight.
 * `redisUrl`: keep the log and links in that Redis (server/test/redis-server.ts starts one).
 * `seed`: `national`, the national demo (34 provinces, 3,321 communes) instead.
 */
export async function startPrivateServer(opts: { sites?: number; redisUrl?: string; seed?: 'national' } = {}): Promise<PrivateServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diem-cau-e2e-lobby-'))
  const env: Record<string, string> = { PORT: '0', DATA_DIR: dataDir }
  if (opts.sites) env['SEED_SITES'] = String(opts.sites)
  if (opts.seed) env['SEED'] = opts.seed
  if (opts.redisUrl) env['REDIS_URL'] = opts.redisUrl
  try {
    const started = await spawnServer('lobby-server', env, async (output) => /lobby server on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? null)
    return withApi(started.base, readLinksFile(dataDir), async () => {
      await started.stop()
      rmSync(dataDir, { recursive: true, force: true })
    })
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true })
    throw err
  }
}
