/**
 * npm run bench (live ink): a signer's pad streams ink batches (30 a second, as the page sends
 * them) to N dashboards played by the farm (bench/farm.ts); the time from the pad's send to each
 * dashboard's receipt (p50, p99), beside a bare Socket.IO relay of the same batches to the same
 * farm in the same run. Each server runs in its own process; the pad is in the bench's.
 *   CLIENTS=1000 BATCHES=150 npm run bench
 */
import type { Socket } from 'socket.io-client'
import { CLIENTS, farmNote, loadLine, now, pct, sleep } from './common.js'
import { dropsText, Farm, workersFor, type Drops } from './farm.js'
import { command, connectOne } from './rounds.js'
import { startApp, startBare } from './target.js'

const BATCHES = Number(process.env.BATCHES ?? 150)
const EVERY_MS = 33

/** Streams BATCHES batches from `pad` to the farm's connected clients; every (send → receipt) latency. */
async function stream(farm: Farm, pad: Socket, blocId: string): Promise<{ latencies: number[]; lost: number; drops: Drops }> {
  const screens = (await farm.status()).live
  await farm.watch('ink', { complete: false })
  const sentAt = new Map<number, number>()
  for (let i = 0; i < BATCHES; i++) {
    // Each batch: the next 4 points of a looping stroke; t (ms from the stroke's start) identifies it.
    const t = i * EVERY_MS
    const points = Array.from({ length: 4 }, (_, k) => [0.5 + 0.3 * Math.cos((i * 4 + k) / 9), 0.5 + 0.2 * Math.sin((i * 4 + k) / 5), t + k])
    sentAt.set(t, now())
    pad.emit('ink', { blocId, stroke: 0, points })
    await sleep(EVERY_MS)
  }
  await sleep(1000)
  const latencies: number[] = []
  for (const r of await farm.flush()) {
    const sent = sentAt.get(r.key)
    if (sent !== undefined) for (const at of r.times) latencies.push(at - sent)
  }
  pad.disconnect()
  return { latencies, lost: BATCHES * screens - latencies.length, drops: await farm.close() }
}

const farm = await Farm.start(workersFor(CLIENTS))
const app = await startApp()
const bare = await startBare()
const { ready } = app
try {
  await farm.connect([bare.url], {}, CLIENTS)
  const floor = await stream(farm, await connectOne(bare.url, {}), ready.blocId)

  const host = await connectOne(app.url, { token: ready.hostToken, lastSeq: ready.seq })
  const opened = await command(host, { id: crypto.randomUUID(), type: 'pledge.openSigning', data: {} })
  await farm.connect([app.url], { token: ready.viewerToken, lastSeq: opened }, CLIENTS)
  const real = await stream(farm, await connectOne(app.url, { token: ready.signerToken, lastSeq: opened }), ready.blocId)
  host.disconnect()

  console.log(`\nLive ink: ${BATCHES} batches at ${Math.round(1000 / EVERY_MS)}/s from one pad to ${CLIENTS} dashboards; ${loadLine()}`)
  console.log(`${'measure'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'lost'.padStart(6)}`)
  for (const [name, r] of [['bare Socket.IO relay', floor], ['Điểm Cầu ink (checked, relayed)', real]] as const) {
    console.log(`${name.padEnd(34)} ${pct(r.latencies, 50).toFixed(2).padStart(8)} ${pct(r.latencies, 99).toFixed(2).padStart(8)} ${String(r.lost).padStart(6)}`)
  }
  console.log('(volatile: a batch a slow screen cannot take is dropped, never queued; the signature itself comes by pledge.sign)')
  console.log(`dashboards: bare ${dropsText(floor.drops)}, Điểm Cầu ${dropsText(real.drops)}; ${farmNote(farm.size)}`)
} finally {
  farm.stop()
  app.kill()
  bare.kill()
}
process.exit(0)
