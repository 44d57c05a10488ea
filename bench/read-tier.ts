/**
 * npm run bench -- read-tier: a join storm of N viewers with every award announced, three ways,
 * each on the same server process, with the CPU time that process spends for it:
 *   - the socket alone: each viewer connects and gets its deflated snapshot on the socket;
 *   - the read tier from the process: `…/public/latest`, the seq's bytes, then the socket with lastSeq;
 *   - the read tier through nginx's proxy_cache (bench/nginx.ts, the block of docs/operations.md):
 *     the same requests, answered by the cache; nginx's own CPU time beside it.
 * The sockets connect to the process directly in all three (through nginx they would cost nginx,
 * not the process). CLIENTS=3000 npm run bench -- read-tier
 */
import { CLIENTS, farmNote, kib, loadLine, max, ms, pct, sleep } from './common.js'
import { dropsText, Farm, workersFor } from './farm.js'
import { startNginx } from './nginx.js'
import { command, connectOne } from './rounds.js'
import { joinStorm, stormLosses } from './storm.js'
import { startApp } from './target.js'

const farm = await Farm.start(workersFor(CLIENTS))
const app = await startApp()
const nginx = await startNginx(app.url.replace('http://', ''))
const { ready } = app
const problems: string[] = []
const auth = { token: ready.viewerToken }
try {
  // Every award announced, once: the same command id again if the host is dropped on the way (a loaded machine).
  const announceAll = { id: crypto.randomUUID(), type: 'award.announce', data: { awardIds: ready.awardIds } }
  for (let attempt = 1; ; attempt++) {
    const host = await connectOne(app.url, { token: ready.hostToken, lastSeq: ready.seq })
    try {
      await command(host, announceAll, 120_000)
      break
    } catch (err) {
      if (attempt >= 3) throw err
    } finally {
      host.disconnect()
    }
  }
  await sleep(500)

  console.log(`join storm of ${CLIENTS} viewers at once, all ${ready.awardIds.length} awards announced; server CPU is the process's own (process.cpuUsage over the storm)`)
  const socketOnly = await joinStorm(farm, app, [app.url], { ...auth, snapshotEncoding: 'deflate', eventsEncoding: 'deflate' }, CLIENTS)
  console.log(`  socket alone (snapshot on the socket)        all in ${ms(socketOnly.ms, 0).padStart(8)}  p50 ${ms(socketOnly.p50, 0).padStart(8)}  server CPU ${ms(socketOnly.cpuPerJoin * CLIENTS, 0)} = ${ms(socketOnly.cpuPerJoin, 2)}/join  (${kib(socketOnly.bytes)} snapshot; ${loadLine()})`)
  if (stormLosses(socketOnly)) problems.push(`socket alone: ${JSON.stringify(socketOnly.lost)} ${dropsText(socketOnly.drops)}`)

  const tiers: [string, string | undefined][] = [['read tier, from the process', app.url], ['read tier, through nginx proxy_cache', nginx?.url]]
  for (const [name, base] of tiers) {
    if (!base) {
      console.log(`  ${name}: nginx is not installed (apt-get install -y nginx), not measured`)
      continue
    }
    const [u0, n0] = [await app.usage(), nginx?.cpuMs() ?? 0]
    const s = await farm.readStorm(base, [app.url], ready.conferenceId, auth, CLIENTS)
    const [u1, n1] = [await app.usage(), nginx?.cpuMs() ?? 0]
    const drops = await farm.close()
    await sleep(1000)
    const lost = Object.values(s.lost).reduce((a, b) => a + b, 0) + drops.dropped
    const cpu = u1.cpuMs - u0.cpuMs
    const viaNginx = base === nginx?.url
    console.log(`  ${name.padEnd(44)} all in ${ms(max(s.times), 0).padStart(8)}  p50 ${ms(pct(s.times, 50), 0).padStart(8)}  server CPU ${ms(cpu, 0)} = ${ms(cpu / CLIENTS, 2)}/join${viaNginx ? `; nginx CPU ${ms(n1 - n0, 0)}, ${s.cacheHits} of ${CLIENTS} seq reads from its cache` : ''}  (${kib(s.bytes)} on the wire, ${s.awards} awards; ${loadLine()})`)
    if (lost) problems.push(`${name}: ${JSON.stringify(s.lost)} ${dropsText(drops)}`)
  }
  console.log(`${farmNote(farm.size)}; ${loadLine()}`)
  console.log(app.logSummary())
  for (const p of [...problems, ...farm.problems]) console.error(`PROBLEM: ${p}`)
} finally {
  farm.stop()
  app.kill()
  nginx?.stop()
}
process.exit(problems.length || farm.problems.length ? 1 : 0)
