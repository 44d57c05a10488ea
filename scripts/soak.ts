/**
 * npm run soak [-- --minutes 30 --clients 300]: a simulated conference left running, the server in
 * its own process (the demo conference, the real budgets for commands and reads). The host
 * announces awards and moves the agenda, sites check in and report problems, hundreds of viewers
 * and site screens join and leave all the time (half of them resuming with their lastSeq), a few
 * stop reading their socket. Every minute it prints the clients, the events, the seq gaps seen by
 * any client (target 0), the slow clients dropped, and the server's memory; at the end the growth
 * of the server's heap after warm-up. Not in CI.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inflateSync } from 'node:zlib'
import { io, type Socket } from 'socket.io-client'
import { defined } from '../shared/testing/defined.js'

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : dflt
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`)
  return v
}

interface Ready { url: string; host: string; viewer: string; sites: string[]; awardIds: string[] }
interface Memory { rss: number; heapUsed: number; external: number; sockets: number }

if (process.argv.includes('--serve')) await serve()
else await soak()

/** The server side, in a child process: the demo conference, memory on request. */
async function serve(): Promise<void> {
  const { createApp } = await import('../server/app.js')
  const { ensureDemo } = await import('../server/seed/bootstrap.js')
  const { DEMO_CONFERENCE_ID } = await import('../server/seed/demo.js')
  const { openSqliteStore } = await import('../server/store/sqlite.js')
  const { openSqliteLinkStore } = await import('../server/store/sqlite-links.js')
  const { DEFAULT_BUDGETS, LOAD_TEST_BUDGETS } = await import('../server/realtime/rate-limit.js')
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diemcau-soak-'))
  const store = openSqliteStore(dataDir)
  const linkStore = openSqliteLinkStore(dataDir)
  // Handshakes of hundreds of clients from one address: wide; commands and reads: as deployed.
  const app = createApp({ store, links: linkStore, dataDir, budgets: { ...LOAD_TEST_BUDGETS, command: DEFAULT_BUDGETS.command, read: DEFAULT_BUDGETS.read } })
  console.log = (...a: unknown[]) => console.error(...a)
  const links = await ensureDemo(linkStore, app.service, dataDir, 'http://soak')
  await app.service.handle({ conferenceId: DEMO_CONFERENCE_ID, role: 'host' }, { id: 'soak-start', type: 'conference.start', data: {} })
  const room = await app.service.state(DEMO_CONFERENCE_ID)
  await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r))
  const port = (app.httpServer.address() as { port: number }).port
  process.send?.({ ready: { url: `http://127.0.0.1:${port}`, host: links.host.token, viewer: links.viewer.token, sites: links.sites.map((s) => s.token), awardIds: room.state.awards.map((a) => a.id) } })
  process.on('message', (m: { memory?: boolean; stop?: boolean }) => {
    if (m.memory) {
      const u = process.memoryUsage()
      process.send?.({ memory: { rss: u.rss, heapUsed: u.heapUsed, external: u.external, sockets: app.io.of('/').sockets.size } })
    }
    if (m.stop) {
      void app.close().then(() => linkStore.close()).then(() => store.close()).then(() => {
        rmSync(dataDir, { recursive: true, force: true })
        process.exit(0)
      })
    }
  })
}

async function soak(): Promise<void> {
  const minutes = arg('minutes', 30)
  const target = arg('clients', 300)
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn' } })
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`soak server exited with ${code}`)))
    child.on('message', (m: { ready?: Ready }) => m.ready && resolve(m.ready))
  })
  const memory = () => new Promise<Memory>((resolve) => {
    const on = (m: { memory?: Memory }) => {
      if (!m.memory) return
      child.off('message', on)
      resolve(m.memory)
    }
    child.on('message', on)
    child.send({ memory: true })
  })

  const stats = { joined: 0, left: 0, events: 0, gaps: 0, refusedJoins: 0, dropped: 0, commands: 0, commandsRefused: 0, rateLimited: 0 }
  const dropReasons: Record<string, number> = {}
  interface Sim { socket: Socket; seq: number; stopReading: boolean }
  const clients = new Set<Sim>()

  function join(token: string, lastSeq?: number, stopReading = false): void {
    const sim: Sim = { socket: undefined as unknown as Socket, seq: lastSeq ?? -1, stopReading }
    const socket = io(ready.url, { query: { token }, auth: { token, ...(lastSeq !== undefined ? { lastSeq } : {}), snapshotEncoding: 'deflate' }, transports: ['websocket'], reconnection: false, forceNew: true })
    sim.socket = socket
    clients.add(sim)
    stats.joined++
    socket.on('connect_error', () => {
      stats.refusedJoins++
      clients.delete(sim)
    })
    socket.on('snapshot', (s: { seq: number; packed?: Uint8Array | ArrayBuffer }) => {
      if (s.packed) JSON.parse(inflateSync(s.packed instanceof ArrayBuffer ? new Uint8Array(s.packed) : s.packed).toString('utf8'))
      sim.seq = s.seq
    })
    socket.on('events', ({ events }: { events: { seq: number }[] }) => {
      for (const e of events) {
        if (sim.seq >= 0 && e.seq !== sim.seq + 1) stats.gaps++
        sim.seq = e.seq
        stats.events++
      }
    })
    socket.on('disconnect', (reason) => {
      if (clients.has(sim) && !(sim as { leaving?: boolean }).leaving) {
        stats.dropped++
        dropReasons[reason] = (dropReasons[reason] ?? 0) + 1
      }
      clients.delete(sim)
    })
    if (stopReading) {
      socket.io.engine.on('open', () => {
        const raw = (socket.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void; resume: () => void } } }).ws?._socket
        if (raw) {
          raw.pause()
          raw.resume = () => undefined
        }
      })
    }
  }
  function leave(sim: Sim): number {
    ;(sim as { leaving?: boolean }).leaving = true
    clients.delete(sim)
    sim.socket.disconnect()
    stats.left++
    return sim.seq
  }

  const host = io(ready.url, { query: { token: ready.host }, auth: { token: ready.host }, transports: ['websocket'], forceNew: true })
  const command = async (type: string, data: object) => {
    stats.commands++
    const ack = (await host.timeout(10_000).emitWithAck('command', { id: crypto.randomUUID(), type, data }).catch(() => ({ ok: false, error: { code: 'timeout' } }))) as { ok: boolean; error?: { code: string } }
    if (!ack.ok) {
      stats.commandsRefused++
      if (ack.error?.code === 'rate_limited') stats.rateLimited++
    }
  }
  const sites = ready.sites.map((token) => io(ready.url, { query: { token }, auth: { token }, transports: ['websocket'], forceNew: true }))

  // Fill up to the target, then churn: every second about 3% leave and as many join.
  for (let i = 0; i < target; i++) {
    join(i % 5 === 0 ? defined(ready.sites[i % ready.sites.length]) : ready.viewer)
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 100))
  }
  await new Promise((r) => setTimeout(r, 3000))
  const warm = await memory()
  const start = Date.now()
  const end = start + minutes * 60_000
  let next = 0
  let tick = 0
  console.log(`soak: ${minutes} min, ${target} clients, server ${ready.url}; warm heap ${mb(warm.heapUsed)}, rss ${mb(warm.rss)}`)
  console.log('minute  clients  joined  left  events   gaps  dropped  cmds  refused(rate)  heap      rss')
  while (Date.now() < end) {
    tick++
    // The host: one command every 2 s (well within its budget); sites check in now and then.
    if (tick % 2 === 0 && next < ready.awardIds.length) {
      const n = 1 + (tick % 4)
      await command('award.announce', { awardIds: ready.awardIds.slice(next, next + n) })
      next += n
    }
    if (tick % 30 === 0) await command('agenda.next', {})
    if (tick % 7 === 0) {
      const s = defined(sites[tick % sites.length])
      void s.timeout(10_000).emitWithAck('command', { id: crypto.randomUUID(), type: 'site.checkIn', data: { attendees: 50 + (tick % 200) } }).catch(() => undefined)
    }
    const churn = Math.max(1, Math.round(clients.size * 0.03))
    const list = [...clients]
    for (let i = 0; i < churn && list.length; i++) {
      const sim = defined(list[Math.floor(Math.random() * list.length)])
      const seq = leave(sim)
      // Half come back with their lastSeq (a page reconnecting), half fresh (a new viewer); one in fifty stops reading.
      join(Math.random() < 0.2 ? defined(ready.sites[i % ready.sites.length]) : ready.viewer, Math.random() < 0.5 && seq >= 0 ? seq : undefined, Math.random() < 0.02)
    }
    if (tick % 60 === 0) {
      const m = await memory()
      console.log(`${String(Math.round((Date.now() - start) / 60_000)).padStart(6)}  ${String(m.sockets).padStart(7)}  ${String(stats.joined).padStart(6)}  ${String(stats.left).padStart(4)}  ${String(stats.events).padStart(7)}  ${String(stats.gaps).padStart(5)}  ${String(stats.dropped).padStart(7)}  ${String(stats.commands).padStart(4)}  ${String(stats.commandsRefused).padStart(7)}(${stats.rateLimited})  ${mb(m.heapUsed).padStart(8)}  ${mb(m.rss).padStart(8)}`)
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  for (const sim of [...clients]) leave(sim)
  host.disconnect()
  for (const s of sites) s.disconnect()
  await new Promise((r) => setTimeout(r, 3000))
  const last = await memory()
  console.log(`\nseq gaps: ${stats.gaps} (target 0); joins ${stats.joined} (${stats.refusedJoins} refused), clients dropped ${stats.dropped} ${JSON.stringify(dropReasons)}; host commands ${stats.commands}, rate-limited ${stats.rateLimited}`)
  console.log(`server heap: ${mb(warm.heapUsed)} after warm-up → ${mb(last.heapUsed)} at the end (growth ${mb(last.heapUsed - warm.heapUsed)}); rss ${mb(warm.rss)} → ${mb(last.rss)}`)
  child.send({ stop: true })
  await new Promise((r) => child.once('exit', r))
  process.exit(stats.gaps === 0 ? 0 : 1)
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
