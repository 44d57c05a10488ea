/**
 * npm run bench -- --capacity: the most viewers one server process holds, found by stepping N.
 * A step passes when, on a fresh server with the demo, an announcement reaches all N viewers with
 * fan-out p99 ≤ 250 ms, a join storm of all N (every award announced, so each snapshot is the
 * full 61 KiB) holds every viewer within 5 s, and no viewer is lost. Between the last step that
 * passed and the first that failed, one step halfway. The farm (bench/farm.ts) shares the 2
 * cores with the server at a lower priority: the figure is what the server holds while the
 * machine also plays its clients, so it is a floor of what it holds with the cores to itself.
 *   CAPACITY_STEPS=500,1000,2000,3000,4000,5000,6000,8000 ROUNDS=20 npm run bench -- --capacity
 */
import { farmNote, loadLine, ms, pct } from './common.js'
import { dropsText, Farm, serverCloses, workersFor } from './farm.js'
import { announce, command, connectOne, fanOut } from './rounds.js'
import { joinStorm, stormLosses } from './storm.js'
import { perUnit, startApp } from './target.js'

const STEPS = (process.env.CAPACITY_STEPS ?? '500,1000,2000,3000,4000,5000,6000,8000').split(',').map(Number).filter((n) => n > 0)
const ROUNDS = Number(process.env.ROUNDS ?? 20)
const WARMUP = 5
const P99_MS = 250
const STORM_MS = 5000

interface Step { n: number; p50: number; p99: number; storm: number; stormP50: number; cpuPerJoin: number; rssPerConn: number; heapPerConn: number; lost: number; load: string; pass: boolean }

async function step(farm: Farm, n: number): Promise<Step> {
  const app = await startApp()
  const { ready } = app
  try {
    const m0 = await app.memory()
    await farm.connect([app.url], { token: ready.viewerToken, lastSeq: ready.seq, eventsEncoding: 'deflate' }, n)
    const m1 = await app.memory()
    const host = await connectOne(app.url, { token: ready.hostToken, lastSeq: ready.seq })
    const f = await fanOut(farm, ROUNDS, WARMUP, (i) => command(host, announce(ready.awardIds[i])))
    const fanDrops = await farm.close()
    // Every award announced before the storm: each viewer joins to the full state.
    await command(host, { id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: ready.awardIds.slice(ROUNDS + WARMUP) } }, 120_000)
    host.disconnect()
    const s = await joinStorm(farm, app, [app.url], { token: ready.viewerToken, snapshotEncoding: 'deflate', eventsEncoding: 'deflate' }, n)
    const mem = perUnit(m0, m1, n)
    const lost = fanDrops.dropped + f.short + stormLosses(s)
    if (lost) console.error(`  ${n}: fan-out ${dropsText(fanDrops)}, ${f.short} rounds short; storm ${JSON.stringify(s.lost)} ${dropsText(s.drops)}; the server closed ${serverCloses((await app.usage()).closes)}`)
    const p99 = pct(f.latencies, 99)
    return { n, p50: pct(f.latencies, 50), p99, storm: s.ms, stormP50: s.p50, cpuPerJoin: s.cpuPerJoin, rssPerConn: mem.rss, heapPerConn: mem.heap, lost, load: loadLine().split(' ').slice(2, 3).join(''), pass: p99 <= P99_MS && s.ms <= STORM_MS && lost === 0 }
  } catch (err) {
    // The host itself dropped (its heartbeat missed) or a command refused: the step does not hold, and says why.
    console.error(`  ${n}: ${err instanceof Error ? err.message : String(err)}`)
    await farm.close()
    return { n, p50: NaN, p99: NaN, storm: NaN, stormP50: NaN, cpuPerJoin: NaN, rssPerConn: NaN, heapPerConn: NaN, lost: n, load: loadLine().split(' ').slice(2, 3).join(''), pass: false }
  } finally {
    app.kill()
  }
}

const farm = await Farm.start(workersFor(Math.max(...STEPS)))
const head = ['viewers', 'fan-out p50', 'p99', 'storm all', 'storm p50', 'CPU/join', 'RSS/conn', 'heap/conn', 'lost', 'load 1m', '']
const rows: string[][] = []
const print = (s: Step) => {
  const row = [String(s.n), ms(s.p50), ms(s.p99), ms(s.storm, 0), ms(s.stormP50, 0), ms(s.cpuPerJoin, 2), `${(s.rssPerConn / 1024).toFixed(1)} KiB`, `${(s.heapPerConn / 1024).toFixed(1)} KiB`, String(s.lost), s.load, s.pass ? 'holds' : 'over']
  rows.push(row)
  console.log(row.map((c, i) => (i === 0 ? c.padStart(7) : c.padStart(Math.max(head[i]?.length ?? 0, 10)))).join(' '))
}
try {
  console.log(`\nCapacity of one server process: fan-out p99 ≤ ${P99_MS} ms, a join storm of every viewer ≤ ${STORM_MS / 1000} s, none lost; ${ROUNDS} announcements a step; ${loadLine()}`)
  console.log(`${farmNote(farm.size)}: the figure is what the server holds while this machine also plays its clients`)
  console.log(head.map((c, i) => (i === 0 ? c.padStart(7) : c.padStart(Math.max(c.length, 10)))).join(' '))
  let best: Step | null = null
  let failed: Step | null = null
  for (const n of STEPS) {
    const s = await step(farm, n)
    print(s)
    if (!s.pass) {
      failed = s
      break
    }
    best = s
  }
  if (best && failed && process.env.CAPACITY_REFINE !== '0') {
    const mid = Math.round((best.n + failed.n) / 2 / 100) * 100
    if (mid > best.n && mid < failed.n) {
      const s = await step(farm, mid)
      print(s)
      if (s.pass) best = s
    }
  }
  if (!best) console.log(`capacity: not even ${STEPS[0]} viewers within the bounds`)
  else console.log(`capacity: one process holds ${best.n} viewers${failed ? ` (not ${failed.n}: ${failed.p99 > P99_MS ? `fan-out p99 ${ms(failed.p99)}` : ''}${failed.storm > STORM_MS ? ` storm ${ms(failed.storm, 0)}` : ''}${failed.lost ? ` ${failed.lost} lost` : ''})` : ' (the largest step tried)'}; ${loadLine()}`)
} finally {
  farm.stop()
}
process.exit(0)
