/**
 * Real server processes for the tests that need one (`kill -9`, start-up checks, a cluster):
 * `server/main.ts` in its own Node process, waited for until `/api/health` answers.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { defined } from '../../shared/testing/defined.js'
import { builtArgs } from './built.js'

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

/**
 * The Redis command limit of the processes tests start: on this two-core machine beside the whole
 * run (Playwright's browsers, the other fork), a healthy Redis has answered slower than the 800 ms
 * default after which a process counts it as unreachable (a CI run: three commands refused as
 * storeUnavailable, a link answered 503). The outage tests, which measure that limit, set 800.
 */
const UNDER_LOAD_REDIS_TIMEOUT_MS = '3000'

/**
 * Starts `server/main.ts` on `port` with `env` added to this process's environment, remembers it
 * in `children` (for the suite's cleanup), and resolves once it serves; rejects with its output
 * if it exits or does not serve within `timeoutMs`.
 */
export async function startServerProcess(port: number, env: Record<string, string>, children: ChildProcess[], timeoutMs = 60_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, builtArgs('main'), {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', REDIS_COMMAND_TIMEOUT_MS: UNDER_LOAD_REDIS_TIMEOUT_MS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  defined(child.stdout).on('data', (d) => (output += d))
  defined(child.stderr).on('data', (d) => (output += d))
  // Its streams close after it exits: the reason it printed is read whole before it is told.
  const closed = new Promise<string>((resolve) => child.once('close', (code, signal) => resolve(`code ${code ?? '—'}, signal ${signal ?? '—'}`)))
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${await closed}): ${output}`)
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)
    if (up) return child
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
