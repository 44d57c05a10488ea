/**
 * npm run bench (documents): the minutes and one signed pledge of the demo at its full volume
 * (2,996 awards announced, one retracted, 10 blocs signed, one voided and signed again,
 * witnessed, ended), each timed from reading the log to the last byte of the PDF, beside a
 * baseline measured in the same run: an empty one-page PDF with the same embedded font.
 *   RUNS=7 tsx bench/documents.ts
 */
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { fullDemo } from './full-demo.js'
import { minutesModel } from '../server/documents/minutes-model.js'
import { finish, FONT, newDocument } from '../server/documents/pdf/kit.js'
import { renderMinutes } from '../server/documents/pdf/minutes.js'
import { renderPledge } from '../server/documents/pdf/pledge.js'
import { PLEDGE_EVENT_TYPES, pledgeModel } from '../server/documents/pledge-model.js'
import { loadSource } from '../server/documents/source.js'
import { defined } from '../shared/testing/defined.js'

const RUNS = Number(process.env.RUNS ?? 7)
const demo = await fullDemo()
const id = demo.conferenceId
const state = (await demo.service.state(id)).state
const blocId = defined(state.blocs[1]).id // the bloc whose first signature was voided: the longest pledge document

const minutes = async () => renderMinutes(minutesModel(await loadSource(demo, id)))
const pledge = async () => renderPledge(pledgeModel(await loadSource(demo, id, PLEDGE_EVENT_TYPES), blocId))
const empty = async () => {
  const doc = await newDocument({ title: 'Trang trống', subject: 'baseline' })
  doc.font(FONT.regular).fontSize(11).text('Giao ước thi đua')
  return finish(doc, { header: state.title, footer: 'baseline', draft: false })
}

async function time(run: () => Promise<Buffer>) {
  let t = performance.now()
  const bytes = (await run()).length
  const first = performance.now() - t
  const runs: number[] = []
  for (let i = 0; i < RUNS; i++) {
    t = performance.now()
    await run()
    runs.push(performance.now() - t)
  }
  runs.sort((a, b) => a - b)
  return { first, median: defined(runs[Math.floor(runs.length / 2)]), max: defined(runs.at(-1)), bytes }
}

const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`
const row = (name: string, r: Awaited<ReturnType<typeof time>>, limit?: string) =>
  console.log(`  ${name.padEnd(34)} first ${ms(r.first)}  median ${ms(r.median)}  max ${ms(r.max)}  ${(r.bytes / 1024).toFixed(0).padStart(5)} KiB${limit ? `  (target < ${limit})` : ''}`)

const announced = state.awards.filter((a) => a.announcedAt).length
const signed = state.blocs.filter((b) => b.signature).length
console.log(`\nDocuments on the demo at full volume: ${announced.toLocaleString('en')} awards announced, ${signed}/${state.blocs.length} blocs signed, log of ${(await demo.store.head(id)).seq} events; ${RUNS} runs after the first; load average ${defined(loadavg()[0]).toFixed(1)} on ${cpus().length} cores`)
const base = await time(empty)
const p = await time(pledge)
const m = await time(minutes)
row('baseline: empty page, same font', base)
row(`pledge (${blocId}), read log → PDF`, p, '300 ms')
row('minutes (report.pdf), read log → PDF', m, '3 s')
console.log(`  pledge ${(p.median / base.median).toFixed(1)}× the baseline, minutes ${(m.median / base.median).toFixed(1)}×`)
await demo.close()
