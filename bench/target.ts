/**
 * The servers a bench measures, each in its own process: the real app (bench/server.ts) and the
 * bare Socket.IO floor (bench/bare-server.ts). Their CPU time and memory are read over IPC
 * (bench/hooks.ts); the app's log goes to a file whose warnings and errors are counted at the end.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Usage } from './hooks.js'
import { SERVER_EXEC_ARGV } from './hooks.js'
import { start, type Channel } from './ipc.js'

/** What the app under test tells the bench when it is ready. */
export interface AppReady {
  appPort: number; conferenceId: string; hostToken: string; viewerToken: string; signerToken: string; blocId: string; seq: number; awardIds: string[]
  snapshot: { bytes: number; deflatedBytes: number; stringifyMs: number }
}

/** A server process under test. */
export interface Target {
  url: string
  usage(): Promise<Usage>
  /** After a full collection. */
  memory(): Promise<Usage>
  kill(): void
  channel: Channel
}

function target(channel: Channel, port: number): Target {
  return {
    url: `http://127.0.0.1:${port}`,
    usage: () => channel.call<Usage>('usage'),
    memory: () => channel.call<Usage>('memory'),
    kill: () => channel.kill(),
    channel,
  }
}

/** Starts the real server on a fresh temp data dir with the demo. */
export async function startApp(env: Record<string, string> = {}): Promise<Target & { ready: AppReady; snapshot(): Promise<{ seq: number; packed: Uint8Array }>; logSummary(): string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'diemcau-bench-'))
  const logFile = path.join(dir, 'server.log')
  const { channel, ready } = await start<AppReady>('bench/server.ts', { name: 'server under test', env: { DATA_DIR: dir, ...env }, logFile, execArgv: SERVER_EXEC_ARGV })
  return {
    ...target(channel, ready.appPort),
    ready,
    snapshot: () => channel.call('snapshot'),
    logSummary: () => summarizeLog(logFile),
  }
}

/** Starts the bare Socket.IO floor. */
export async function startBare(): Promise<Target & { setSnapshot(s: { seq: number; packed: Uint8Array }): Promise<void> }> {
  const { channel, ready } = await start<{ port: number }>('bench/bare-server.ts', { name: 'bare server', execArgv: SERVER_EXEC_ARGV })
  return { ...target(channel, ready.port), setSnapshot: async (s) => void (await channel.call('setSnapshot', s)) }
}

/** The server log's warnings and errors, counted by message: what the server said it did to clients. */
export function summarizeLog(file: string): string {
  const counts = new Map<string, number>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string }
      if ((entry.level ?? 0) >= 40) counts.set(entry.msg ?? '?', (counts.get(entry.msg ?? '?') ?? 0) + 1)
    } catch {
      // a line cut by the kill at the end
    }
  }
  if (counts.size === 0) return 'server log: no warnings or errors'
  return `server log: ${[...counts].map(([msg, n]) => `${n}× "${msg}"`).join(', ')}`
}

/** "RSS 181 → 236 MiB": two readings side by side, so that a per-connection figure can be judged. */
export const rssText = (before: Usage, after: Usage) => `RSS ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MiB`

/** The difference between two readings: CPU ms and memory bytes per unit. */
export function perUnit(before: Usage, after: Usage, units: number) {
  return {
    cpuMs: (after.cpuMs - before.cpuMs) / units,
    rss: (after.rss - before.rss) / units,
    heap: (after.heapUsed - before.heapUsed) / units,
    external: (after.external - before.external) / units,
  }
}
