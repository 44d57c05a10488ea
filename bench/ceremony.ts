/**
 * npm run bench (second part): the award ceremony at the real scale, each figure beside its floor
 * measured in the same run; the servers each in a process of their own, the viewers played by the
 * farm (bench/farm.ts):
 *   - reveal spread: N viewers reveal each announcement at revealAt on their corrected clocks (and
 *     report it, as pages do); the spread of the instants, beside the naive show-on-arrival spread;
 *   - volume: all remaining demo awards in one command, until every viewer has the message;
 *   - join storm: with every award announced, N viewers connect at once until each holds its
 *     snapshot, beside a bare Socket.IO server handing out a tiny snapshot and one handing out the
 *     same deflated bytes; with the server CPU time per join of each;
 *   - memory per connection: RSS and heap of each server with N viewers minus without, over N;
 *   - wire size: a viewer's snapshot at the end of the ceremony, raw and as sent (deflated).
 *   CLIENTS=1000 ROUNDS=50 npm run bench
 */
import { CLIENTS, farmNote, kib, loadLine, max, ms, pct } from './common.js'
import { dropsText, Farm, serverCloses, workersFor } from './farm.js'
import { command, connectOne } from './rounds.js'
import { joinStorm, stormLosses, type Storm } from './storm.js'
import { perUnit, rssText, startApp, startBare } from './target.js'

const ROUNDS = Number(process.env.ROUNDS ?? 50)

const farm = await Farm.start(workersFor(CLIENTS))
const app = await startApp()
const bare = await startBare()
const { ready } = app
let host = await connectOne(app.url, { token: ready.hostToken, lastSeq: ready.seq })
const problems: string[] = []
/** A host command's seq; a host dropped on the way (its heartbeat missed) is said, connected again, and -1 returned. */
async function send(envelope: { id: string; type: string; data: object }, timeoutMs?: number): Promise<number> {
  try {
    return await command(host, envelope, timeoutMs)
  } catch (err) {
    if (host.connected) throw err
    problems.push(`the host was dropped during ${envelope.type}: ${err instanceof Error ? err.message : String(err)}`)
    host = await connectOne(app.url, { token: ready.hostToken })
    return -1
  }
}
try {
  // ------------------------------------------------------------ reveal spread
  const m0 = await app.memory()
  await farm.connect([app.url], { token: ready.viewerToken, lastSeq: ready.seq, eventsEncoding: 'deflate' }, CLIENTS)
  const m1 = await app.memory()
  await farm.clock(4)
  await farm.watch('reveal')
  const revealSpread: number[] = []
  const naiveSpread: number[] = []
  const lateness: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    await send({ id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: [ready.awardIds[r]] } })
    const reports = await farm.collect(undefined, 15_000)
    if (!reports) {
      problems.push(`reveal round ${r} did not reach every viewer within 15 s`)
      continue
    }
    const reveals = reports.flatMap((x) => Array.from(x.reveals))
    const arrivals = reports.flatMap((x) => Array.from(x.times))
    revealSpread.push(max(reveals) - Math.min(...reveals))
    naiveSpread.push(max(arrivals) - Math.min(...arrivals))
    for (const x of reports) for (const t of x.reveals) lateness.push(t - x.key)
  }

  // ------------------------------------------------------------ volume
  await farm.watch('arrivals')
  const rest = ready.awardIds.slice(ROUNDS)
  const v0 = await app.usage()
  const tv = performance.timeOrigin + performance.now()
  const volumeSeq = await send({ id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: rest } }, 120_000)
  const volumeAckMs = performance.timeOrigin + performance.now() - tv
  const volume = await farm.collect(volumeSeq < 0 ? undefined : volumeSeq, 120_000)
  const v1 = await app.usage()
  if (!volume) problems.push('the volume did not reach every viewer within 120 s')
  const volumeMs = volume ? max(volume.flatMap((x) => Array.from(x.times))) - tv : NaN
  const volumeAwards = volume ? Math.max(...volume.map((x) => x.awards)) : -1
  const viewerDrops = await farm.close()

  // ------------------------------------------------------------ join storm
  const b0 = await bare.memory()
  const tiny = await joinStorm(farm, bare, [bare.url], { join: 'tiny' }, CLIENTS, { memory: true })
  await bare.setSnapshot(await app.snapshot())
  const same = await joinStorm(farm, bare, [bare.url], { join: 'same' }, CLIENTS)
  const real = await joinStorm(farm, app, [app.url], { token: ready.viewerToken, snapshotEncoding: 'deflate', eventsEncoding: 'deflate' }, CLIENTS)
  const state = await (await fetch(`${app.url}/api/conferences/${ready.conferenceId}/state`, { headers: { authorization: `Bearer ${ready.viewerToken}` } })).text()

  console.log(`\nThe award ceremony at scale: ${CLIENTS} viewers; ${loadLine()}`)
  console.log(`reveal spread over ${ROUNDS} announcements (max − min of the instants each viewer revealed, on its corrected clock):`)
  console.log(`  Điểm Cầu reveal at revealAt  p50 ${ms(pct(revealSpread, 50))}  p99 ${ms(pct(revealSpread, 99))}   (lateness vs revealAt p99 ${ms(pct(lateness, 99))})`)
  console.log(`  naive show-on-arrival        p50 ${ms(pct(naiveSpread, 50))}  p99 ${ms(pct(naiveSpread, 99))}`)
  console.log(`volume: ${rest.length} awards in one award.announce reached all ${CLIENTS} viewers in ${ms(volumeMs)} (host ack ${ms(volumeAckMs)}; each got ${volumeAwards} awards' display data; server CPU ${ms(v1.cpuMs - v0.cpuMs, 0)})`)
  console.log(`  (the viewers ask eventsEncoding: 'deflate' as pages do: the batch goes as one deflated buffer, made once; a viewer's device inflates and parses it itself, the farm takes its bytes and one viewer per worker inflates and parses it)`)
  console.log(`join storm: ${CLIENTS} viewers connect at once, until each holds its snapshot (all ${real.awards} awards announced)`)
  const row = (name: string, s: Storm) => console.log(`  ${name.padEnd(52)} ${ms(s.ms).padStart(10)}  p50 ${ms(s.p50).padStart(10)}  server CPU ${ms(s.cpuPerJoin, 2)}/join`)
  row('bare Socket.IO, tiny snapshot', tiny)
  row(`bare Socket.IO, the same ${kib(same.bytes)} deflated state`, same)
  row('Điểm Cầu (token check, catch-up, presence)', real)
  console.log(`  over the floor of the same bytes: ${(real.ms / same.ms).toFixed(2)}× the time, ${(real.cpuPerJoin / same.cpuPerJoin).toFixed(2)}× the server CPU per join`)
  console.log(`  (the farm's CPU per join: ${ms(real.farmCpuPerJoin, 2)}; each snapshot is taken as bytes, one per worker inflated and parsed to check it)`)
  const am = perUnit(m0, m1, CLIENTS)
  const bm = perUnit(b0, tiny.held ?? b0, CLIENTS)
  console.log(`memory per connection (with ${CLIENTS} viewers minus without, over ${CLIENTS}, after a full collection): Điểm Cầu RSS ${(am.rss / 1024).toFixed(1)} KiB, heap ${(am.heap / 1024).toFixed(1)} KiB (${rssText(m0, m1)}); bare Socket.IO RSS ${(bm.rss / 1024).toFixed(1)} KiB, heap ${(bm.heap / 1024).toFixed(1)} KiB`)
  console.log(`wire size of a viewer's snapshot at the end of the ceremony: ${kib(state.length)} JSON, ${kib(real.bytes)} as sent (deflated, encoded once per seq)`)
  const lost = [tiny, same, real].map(stormLosses)
  console.log(`viewers: reveal rounds and volume ${dropsText(viewerDrops)}; storms lost ${lost.join(', ')} (tiny, same bytes, Điểm Cầu)`)
  for (const [name, s] of [['tiny', tiny], ['same', same], ['Điểm Cầu', real]] as const) {
    if (stormLosses(s)) problems.push(`storm ${name}: ${JSON.stringify(s.lost)} ${dropsText(s.drops)}`)
  }
  if (viewerDrops.dropped) problems.push(`reveal rounds and volume: ${dropsText(viewerDrops)}`)
  console.log(`${farmNote(farm.size)}; clocks of the farm agree within ${ms(farm.clockSkewMs, 2)}; ${loadLine()}`)
  console.log(`connections a server closed itself (no pong within its 3 s, or dropped as slow): Điểm Cầu ${serverCloses((await app.usage()).closes)}, bare ${serverCloses((await bare.usage()).closes)}`)
  console.log(app.logSummary())
  for (const p of [...problems, ...farm.problems]) console.error(`PROBLEM: ${p}`)
} finally {
  host.disconnect()
  farm.stop()
  app.kill()
  bare.kill()
}
process.exit(problems.length || farm.problems.length ? 1 : 0)
