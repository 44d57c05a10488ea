/**
 * A real redis-server for tests: its own free port and temp directory, the durable setting
 * (append-only file, fsync on every write), stopped and restarted on the same directory.
 * Never the machine's own service.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './process.js'

export interface TestRedis {
  url: string
  port: number
  dir: string
  /** Stops the server (SIGTERM, or SIGKILL with `hard`), keeping its directory. */
  stop(opts?: { hard?: boolean }): Promise<void>
  /** Starts it again on the same port and directory (its append-only file). */
  start(): Promise<void>
  /** Freezes the process (SIGSTOP): connections stay open and nothing answers, as with a hung host. */
  pause(): void
  /** Thaws it (SIGCONT). */
  resume(): void
  /** Stops it and removes its directory. */
  dispose(): Promise<void>
}

export const hasRedisServer = () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0


/** `appendfsync`: 'always' (the tests' durable setting, the default) or 'everysec' (what the cluster bench may compare). */
export async function startRedis(opts: { appendfsync?: 'always' | 'everysec' } = {}): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'diemcau-redis-'))
  const port = await freePort()
  let child: ChildProcess | null = null

  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', opts.appendfsync ?? 'always', '--save', '', '--daemonize', 'no', '--logfile', join(dir, 'redis.log')],
      { stdio: 'ignore' },
    )
    await waitForPort(port, true)
  }
  const stop = async (opts: { hard?: boolean } = {}) => {
    const c = child
    if (!c || c.exitCode !== null) return
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()))
    c.kill(opts.hard ? 'SIGKILL' : 'SIGTERM')
    await exited
    child = null
  }
  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    start,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async dispose() {
      child?.kill('SIGCONT')
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function waitForPort(port: number, open: boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      // Listening is not enough: while it loads its append-only file it answers -LOADING.
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => s.write('PING\r\n'))
      s.once('data', (d) => {
        s.destroy()
        resolve(d.toString().startsWith('+PONG'))
      })
      s.once('error', () => resolve(false))
    })
    if (ok === open) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`redis-server on port ${port} did not ${open ? 'start' : 'stop'} within 10 s`)
}
