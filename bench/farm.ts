/**
 * The client farm: the bench's socket.io clients played by W worker processes (bench/farm-worker.ts),
 * not by the bench itself. Child processes rather than worker_threads: each worker is a process
 * of its own, as a real client is (its own event loop, heap and collector, its own socket
 * buffers), and a process can be given a lower priority (nice) so that the server under test
 * gets the 2 cores first; threads of one process cannot be niced apart from the bench.
 * Every instant the workers report is on the machine's common clock (bench/common.ts), checked
 * at start (`clockSkewMs`): a fan-out is each arrival minus the one instant the bench sent at.
 */
import { setPriority } from 'node:os'
import { FARM_NICE, now } from './common.js'
import { start, type Channel } from './ipc.js'

/** One worker's report of one message (or one reveal). */
export interface Report { key: number; group: string; times: Float64Array; reveals: Float64Array; gaps: number; awards: number; sample?: unknown }
/** Clients dropped (disconnected by anything but the bench), by reason; the longest any worker's event loop was held up, ms. */
export interface Drops { dropped: number; reasons: Record<string, number>; lagMaxMs: number; byGroup?: Record<string, number> }

/** Workers for n clients: one per 500 (a broadcast's last client in a worker waits behind at most 500 decodes), 2 to 8. */
export const workersFor = (n: number) => Number(process.env.FARM_WORKERS ?? Math.min(8, Math.max(2, Math.ceil(n / 500))))

export class Farm {
  private inbox: Report[] = []
  private wake: () => void = () => {}
  /** Live clients per worker, by group ('' unless a bench holds two sets at once). */
  private live = new Map<string, number[]>()
  readonly problems: string[] = []

  private constructor(private readonly workers: Channel[], readonly clockSkewMs: number) {
    for (const w of workers) {
      for (const kind of ['arrivals', 'reveals']) w.onPush(kind, (m) => {
        this.inbox.push(m as unknown as Report)
        this.wake()
      })
      w.onPush('problem', (m) => this.problems.push(String(m.problem)))
    }
  }

  /** Starts W workers at niceness FARM_NICE and checks that their clocks agree with this process's. */
  static async start(workers: number): Promise<Farm> {
    const channels = await Promise.all(Array.from({ length: workers }, async (_, i) => {
      const { channel, ready } = await start<{ pid: number }>('bench/farm-worker.ts', { name: `farm worker ${i}`, env: { FARM_WORKER: String(i) } })
      setPriority(ready.pid, FARM_NICE)
      return channel
    }))
    let skew = 0
    for (const c of channels) {
      const t1 = now()
      const theirs = await c.call<number>('now')
      const t2 = now()
      // Their instant lies between ours: anything beyond half the round trip is a real disagreement.
      skew = Math.max(skew, Math.abs(theirs - (t1 + t2) / 2) + (t2 - t1) / 2)
    }
    return new Farm(channels, skew)
  }

  get size(): number {
    return this.workers.length
  }

  /**
   * Client i goes to worker i mod W, and to urls[i mod urls.length]; connected a batch at a time.
   * `group` names the set when the farm holds two at once (each server's clients in an interleaved
   * fan-out): `collect` then waits for one group's clients only.
   */
  async connect(urls: string[], auth: object, n: number, group = ''): Promise<number> {
    const shares = this.split(urls, n)
    const counts = await Promise.all(this.workers.map((w, k) => (shares[k]?.length ? w.call<number>('connect', { urls: shares[k], auth, group }) : 0)))
    this.count(group, counts)
    return counts.reduce((a, b) => a + b, 0)
  }

  private count(group: string, added: number[]): void {
    const live = this.live.get(group) ?? this.workers.map(() => 0)
    added.forEach((c, k) => (live[k] = (live[k] ?? 0) + c))
    this.live.set(group, live)
  }

  /** Each client estimates its server-clock offset from `rounds` clock round trips, as a page does. */
  async clock(rounds = 4): Promise<number[]> {
    return (await Promise.all(this.workers.map((w) => w.call<number[]>('clock', { rounds })))).flat()
  }

  /** What the clients record: arrivals of `events` (by first seq), reveals (by revealAt) or ink (by t). */
  async watch(kind: 'arrivals' | 'reveal' | 'ink', opts: { complete?: boolean; keepSample?: boolean } = {}): Promise<void> {
    this.inbox = []
    await Promise.all(this.workers.map((w) => w.call('watch', { kind, ...opts })))
  }

  /**
   * The next report from every worker holding clients of `group` that matches `key` (any key when
   * undefined), or null after timeoutMs; then what the workers had seen of it is flushed and discarded.
   */
  async collect(key: number | undefined, timeoutMs: number, group = ''): Promise<Report[] | null> {
    const expected = (this.live.get(group) ?? []).filter((n) => n > 0).length
    const deadline = now() + timeoutMs
    for (;;) {
      const match = this.inbox.filter((r) => (key === undefined || r.key === key) && r.group === group)
      if (match.length >= expected) {
        const out = match.slice(0, expected)
        this.inbox = this.inbox.filter((r) => !out.includes(r))
        return out
      }
      const left = deadline - now()
      if (left <= 0) {
        this.inbox = this.inbox.filter((r) => !match.includes(r))
        await this.flush()
        return null
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, left)
        this.wake = () => (clearTimeout(t), r())
      })
    }
  }

  /** What the workers have seen and not reported (ink arrivals; a message some clients never got). */
  async flush(): Promise<{ key: number; times: Float64Array; reveals: Float64Array }[]> {
    return (await Promise.all(this.workers.map((w) => w.call<{ key: number; times: Float64Array; reveals: Float64Array }[]>('flush')))).flat()
  }

  /** n clients connect at once (spread over the workers and urls) until each holds its snapshot. */
  async storm(urls: string[], auth: object, n: number) {
    const shares = this.split(urls, n)
    const t0 = now()
    const parts = await Promise.all(this.workers.map((w, k) => w.call<{ times: Float64Array; lost: Record<string, number>; bytes: number; awards: number }>('storm', { urls: shares[k] ?? [], auth, sample: true })))
    this.count('', parts.map((p) => p.times.length))
    const times = parts.flatMap((p) => Array.from(p.times, (t) => t - t0))
    const lost: Record<string, number> = {}
    for (const p of parts) for (const [why, c] of Object.entries(p.lost)) lost[why] = (lost[why] ?? 0) + c
    const sampled = parts.filter((p) => p.awards >= 0)
    return { times, lost, bytes: Math.max(0, ...parts.map((p) => p.bytes)), awards: sampled.length ? Math.min(...sampled.map((p) => p.awards)) : -1 }
  }

  /** n clients join at once through the read tier at `base` (HTTP), then their sockets at `urls` with that lastSeq. */
  async readStorm(base: string, urls: string[], conferenceId: string, auth: { token: string }, n: number) {
    const shares = this.split(urls, n)
    const t0 = now()
    const parts = await Promise.all(this.workers.map((w, k) => w.call<{ times: Float64Array; lost: Record<string, number>; bytes: number; awards: number; cacheHits: number }>('readStorm', { base, urls: shares[k] ?? [], conferenceId, auth })))
    this.count('', parts.map((p) => p.times.length))
    const lost: Record<string, number> = {}
    for (const p of parts) for (const [why, c] of Object.entries(p.lost)) lost[why] = (lost[why] ?? 0) + c
    const sampled = parts.filter((p) => p.awards >= 0)
    return { times: parts.flatMap((p) => Array.from(p.times, (t) => t - t0)), lost, bytes: Math.max(0, ...parts.map((p) => p.bytes)), awards: sampled.length ? Math.min(...sampled.map((p) => p.awards)) : -1, cacheHits: parts.reduce((a, p) => a + p.cacheHits, 0) }
  }

  /** Disconnects every client; the drops since the last close. */
  async close(): Promise<Drops> {
    const parts = await Promise.all(this.workers.map((w) => w.call<Drops>('close')))
    this.live.clear()
    return merge(parts)
  }

  /** Clients still connected, drops so far, and the CPU time the workers have used (ms). */
  async status(): Promise<Drops & { live: number; cpuMs: number }> {
    const parts = await Promise.all(this.workers.map((w) => w.call<Drops & { live: number; cpuMs: number }>('status')))
    return { ...merge(parts), live: parts.reduce((a, p) => a + p.live, 0), cpuMs: parts.reduce((a, p) => a + p.cpuMs, 0) }
  }

  stop(): void {
    for (const w of this.workers) w.kill()
  }

  private split(urls: string[], n: number): string[][] {
    const shares: string[][] = this.workers.map(() => [])
    for (let i = 0; i < n; i++) shares[i % this.workers.length]?.push(urls[i % urls.length] ?? '')
    return shares
  }
}

function merge(parts: Drops[]): Drops {
  const reasons: Record<string, number> = {}
  const byGroup: Record<string, number> = {}
  for (const p of parts) for (const [why, c] of Object.entries(p.reasons)) reasons[why] = (reasons[why] ?? 0) + c
  for (const p of parts) for (const [group, c] of Object.entries(p.byGroup ?? {})) byGroup[group] = (byGroup[group] ?? 0) + c
  return { dropped: parts.reduce((a, p) => a + p.dropped, 0), reasons, lagMaxMs: Math.max(0, ...parts.map((p) => p.lagMaxMs)), byGroup }
}

/** "0 dropped" or "3 dropped (transport close: 3)". */
export const dropsText = (d: Drops) =>
  `${d.dropped} dropped${d.dropped ? ` (${Object.entries(d.reasons).map(([r, c]) => `${r}: ${c}`).join(', ')}; the farm's event loops waited up to ${d.lagMaxMs.toFixed(0)} ms)` : ''}`

/** The connections a server closed itself since it started: no pong in time ("ping timeout"), or dropped as slow ("forced close"). */
export function serverCloses(closes: Record<string, number>): string {
  const own = Object.entries(closes).filter(([why]) => why === 'ping timeout' || why === 'forced close')
  return own.length ? own.map(([why, n]) => `${n} ${why}`).join(', ') : 'none'
}
