/**
 * A server of a spec's own (e2e/lobby-server.ts), for what must not touch the shared e2e
 * conference: its lobby before the start and its end. Runs under the same e2e lock as the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { APIRequestContext } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import type { ConferenceState } from '../shared/domain.js'
import type { AccessLinks } from './helpers.js'

export interface PrivateServer {
  base: string
  links: AccessLinks
  /** A page URL for a token at any path (the token decides the page). */
  url: (path: string, token: string) => string
  state: (request: APIRequestContext) => Promise<ConferenceState>
  command: (request: APIRequestContext, type: string, data: unknown) => Promise<{ ok: boolean }>
  stop: () => Promise<void>
}

/**
 * `sites`: seed the demo with that many sites (server/seed/scale.ts) instead of its eight.
 * `redisUrl`: keep the log and links in that Redis (server/test/redis-server.ts starts one).
 */
export async function startPrivateServer(port = 3198, opts: { sites?: number; redisUrl?: string } = {}): Promise<PrivateServer> {
  const dataDir = `.tmp/e2e-lobby-${port}`
  const child: ChildProcess = spawn('node_modules/.bin/tsx', ['e2e/lobby-server.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...(opts.sites ? { SEED_SITES: String(opts.sites) } : {}), ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the lobby server stopped: ${output}`)
    try {
      if ((await fetch(`${base}/api/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the lobby server did not start: ${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  const links = JSON.parse(readFileSync(`${dataDir}/access-links.json`, 'utf8')) as AccessLinks
  const auth = { authorization: `Bearer ${links.host.token}` }
  return {
    base,
    links,
    url: (path, token) => `${base}${path}?token=${encodeURIComponent(token)}`,
    state: async (request) => ((await (await request.get(`${base}/api/conferences/${links.conferenceId}/state`, { headers: auth })).json()) as { state: ConferenceState }).state,
    command: async (request, type, data) =>
      (await (await request.post(`${base}/api/conferences/${links.conferenceId}/commands`, { headers: auth, data: { id: randomUUID(), type, data } })).json()) as { ok: boolean },
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    },
  }
}
