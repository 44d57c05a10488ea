/**
 * What a server process under test tells its bench over IPC, read from inside it: the CPU time it
 * has used (process.cpuUsage), its memory (after a full collection when asked, so that two
 * readings compare what is held, not what awaits the collector) and how many sockets it holds.
 */
import type { Server } from 'socket.io'

/** One reading of a server process. */
export interface Usage {
  /** User + system CPU time since the process started, ms. */
  cpuMs: number
  rss: number
  heapUsed: number
  /** Bytes outside the V8 heap (buffers), as process.memoryUsage counts them. */
  external: number
  sockets: number
  /** Connections the server closed or lost since it started, by engine.io's reason ("ping timeout": no pong within pingTimeout). */
  closes: Record<string, number>
}

/** The request handlers 'usage' (no collection: it must not cost CPU inside a measured window) and 'memory'. */
export function usageHooks(io: Pick<Server, 'of' | 'engine'>) {
  const closes: Record<string, number> = {}
  io.engine.on('connection', (conn: { once(e: 'close', f: (reason: string) => void): void }) => {
    // A client that closes itself says "transport close"; the bench closes with "client namespace disconnect" first.
    conn.once('close', (reason) => (closes[reason] = (closes[reason] ?? 0) + 1))
  })
  const usage = (): Usage => {
    const { user, system } = process.cpuUsage()
    const m = process.memoryUsage()
    return { cpuMs: (user + system) / 1000, rss: m.rss, heapUsed: m.heapUsed, external: m.external, sockets: io.of('/').sockets.size, closes: { ...closes } }
  }
  return {
    usage,
    memory: () => {
      // Started with --expose-gc: two full collections, the second for what the first released.
      const gc = (globalThis as { gc?: () => void }).gc
      gc?.()
      gc?.()
      return usage()
    },
  }
}

/** Node flags for a server process under test: `gc` exposed for the memory readings. */
export const SERVER_EXEC_ARGV = ['--expose-gc']
