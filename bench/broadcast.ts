/**
 * npm run bench (first part): fan-out, the time from a host command to its arrival at N viewers
 * (p50, p99), for the real server and, side by side, a bare Socket.IO server broadcasting the
 * very message the app sent in the same round to as many clients of the same farm, its rounds
 * alternating with the app's so that both meet the same minute of the machine; and the
 * memory a viewer's connection costs each server (RSS and heap with N viewers minus without, over N).
 * Each server runs alone in its own process; the viewers are played by the farm (bench/farm.ts).
 *   CLIENTS=1000 ROUNDS=50 npm run bench
 */
import { CLIENTS, farmNote, kib, loadLine, max, ms, pct } from './common.js'
import { dropsText, Farm, serverCloses, workersFor } from './farm.js'
import { announce, command, connectOne, fanOutSideBySide, type FanOut } from './rounds.js'
import { perUnit, rssText, startApp, startBare } from './target.js'

const ROUNDS = Number(process.env.ROUNDS ?? 50)
const WARMUP = 10

const farm = await Farm.start(workersFor(CLIENTS))
const app = await startApp()
const bare = await startBare()
const { ready } = app
try {
  console.log(`\nFan-out: ${CLIENTS} viewers, ${ROUNDS} announcements each (after ${WARMUP} warm-up); ${loadLine()}`)
  // Both servers hold their viewers at once, and the rounds alternate (the app's, then the bare
  // server's with the very message the app's delivered): the floor meets the same minute of the machine.
  const a0 = await app.memory()
  await farm.connect([app.url], { token: ready.viewerToken, lastSeq: ready.seq }, CLIENTS, 'app')
  const a1 = await app.memory()
  const b0 = await bare.memory()
  await farm.connect([bare.url], {}, CLIENTS, 'floor')
  const b1 = await bare.memory()
  const host = await connectOne(app.url, { token: ready.hostToken, lastSeq: ready.seq })
  const bareHost = await connectOne(bare.url, {})
  const { app: real, floor } = await fanOutSideBySide(farm, ROUNDS, WARMUP,
    { group: 'app', send: (i) => command(host, announce(ready.awardIds[i])) },
    { group: 'floor', send: (_i, message) => command(bareHost, { message }) })
  host.disconnect()
  bareHost.disconnect()
  const drops = await farm.close()
  const realDrops = { ...drops, dropped: drops.byGroup?.['app'] ?? 0 }
  const floorDrops = { ...drops, dropped: drops.byGroup?.['floor'] ?? 0 }

  const row = (name: string, r: FanOut, acks: boolean) =>
    console.log(`${name.padEnd(34)} ${pct(r.latencies, 50).toFixed(2).padStart(8)} ${pct(r.latencies, 99).toFixed(2).padStart(8)} ${max(r.latencies).toFixed(2).padStart(8)} ${(acks ? pct(r.acks, 50).toFixed(2) : '').padStart(8)}`)
  console.log(`${'measure'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'ack p50'.padStart(8)}`)
  row('bare Socket.IO, the same message', floor, false)
  row('Điểm Cầu award.announce', real, true)
  console.log(`p99 over the floor: ${(pct(real.latencies, 99) / pct(floor.latencies, 99)).toFixed(2)}×; p50: ${(pct(real.latencies, 50) / pct(floor.latencies, 50)).toFixed(2)}×`)
  console.log('(arrival: host command sent -> the event decoded by each viewer, across the farm\'s processes on one clock; ack: until the host has its answer, i.e. durable)')
  for (const [name, r, d] of [['Điểm Cầu', real, realDrops], ['bare', floor, floorDrops]] as const) {
    if (r.short || d.dropped || r.gaps) console.error(`${name}: ${r.short} rounds not received by every viewer within 15 s, ${r.gaps} gaps in seq, ${dropsText(d)}`)
  }
  console.log(`viewers: Điểm Cầu ${dropsText(realDrops)}, bare ${dropsText(floorDrops)}`)
  const am = perUnit(a0, a1, CLIENTS)
  const bm = perUnit(b0, b1, CLIENTS)
  console.log(`memory per connection (with ${CLIENTS} viewers minus without, over ${CLIENTS}, after a full collection):`)
  console.log(`  Điểm Cầu RSS ${(am.rss / 1024).toFixed(1)} KiB, ${rssText(a0, a1)} (heap ${(am.heap / 1024).toFixed(1)} KiB, buffers ${(am.external / 1024).toFixed(1)} KiB); bare Socket.IO RSS ${(bm.rss / 1024).toFixed(1)} KiB, ${rssText(b0, b1)} (heap ${(bm.heap / 1024).toFixed(1)} KiB)`)
  const { bytes, deflatedBytes, stringifyMs } = ready.snapshot
  console.log(`snapshot of the demo conference (${ready.awardIds.length} awards): ${kib(bytes)} JSON, ${kib(deflatedBytes)} deflated, serialized in ${ms(stringifyMs)}`)
  console.log(`${farmNote(farm.size)}; clocks of the farm agree within ${ms(farm.clockSkewMs, 2)}; ${loadLine()}`)
  if (farm.problems.length) console.error(`farm: ${farm.problems.join('; ')}`)
  console.log(`connections a server closed itself (no pong within its 3 s, or dropped as slow): Điểm Cầu ${serverCloses((await app.usage()).closes)}, bare ${serverCloses((await bare.usage()).closes)}`)
  console.log(app.logSummary())
} finally {
  farm.stop()
  app.kill()
  bare.kill()
}
process.exit(0)
