/**
 * The documents read every time in the conference's own zone (state.timeZone), not the demo's:
 * a conference in Asia/Tokyo (UTC+9, two hours from Asia/Ho_Chi_Minh) gets its signature, start
 * and witness times on the pledge and the minutes as Tokyo reads them, named "giờ UTC+9".
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ConferenceState } from '../../shared/domain.js'
import { PLEDGE_A, sha256 } from '../../shared/testing/tiny-conference.js'
import { sampleSignature } from '../test/sample-signature.js'
import { documentTimes } from './time.js'
import { firstSync, send, smallConference, startServer, type Running } from '../test/harness.js'
import { defined } from '../../shared/testing/defined.js'

let server: Running
let state: ConferenceState

/** "08:05:09 22/02/2023" in `timeZone`, written independently of the code under test. */
function expected(iso: string, timeZone: string): string {
  const f = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
  return `${f['hour']}:${f['minute']}:${f['second']} ${f['day']}/${f['month']}/${f['year']}`
}

async function pdfText(url: string): Promise<string> {
  const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${server.links.host.token}` } })
  expect(res.status).toBe(200)
  const file = path.join(server.dataDir, `${path.basename(url)}`)
  writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

beforeAll(async () => {
  const events = smallConference()
  const created = defined(events[0])
  if (created.type !== 'conference.created') throw new Error('the first event creates the conference')
  created.data = { ...created.data, timeZone: 'Asia/Tokyo' }
  server = await startServer({ events })
  const host = server.connect(server.links.host.token)
  const pad = server.connect(defined(server.links.signers[0]).token)
  await Promise.all([firstSync(host), firstSync(pad)])
  expect(await send(host, 'conference.start', {})).toMatchObject({ ok: true })
  expect(await send(host, 'pledge.openSigning', {})).toMatchObject({ ok: true })
  expect(await send(pad, 'pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: sampleSignature(1) })).toMatchObject({ ok: true })
  const res = await fetch(`${server.url}/api/conferences/test-conf/state`, { headers: { authorization: `Bearer ${server.links.host.token}` } })
  state = ((await res.json()) as { state: ConferenceState }).state
  expect(state.timeZone).toBe('Asia/Tokyo')
})
afterAll(async () => server?.stop())

it('the pledge gives its signature time in the conference’s zone, and names the zone', async () => {
  const at = defined(defined(state.blocs.find((b) => b.id === 'blocA')).signature).at
  const text = await pdfText('/api/conferences/test-conf/pledges/blocA.pdf')
  expect(text).toContain(`ĐÃ KÝ lúc ${expected(at, 'Asia/Tokyo')} (giờ UTC+9)`)
  expect(text).toContain(`Ký lúc ${expected(at, 'Asia/Tokyo')} (giờ UTC+9, theo đồng hồ máy chủ)`)
  expect(text).not.toContain(expected(at, 'Asia/Ho_Chi_Minh'))
  expect(text).not.toContain('giờ Việt Nam')
})

it('the minutes give the start and the signature in the conference’s zone', async () => {
  const text = await pdfText('/api/conferences/test-conf/report.pdf')
  expect(text).toContain(`Bắt đầu: ${expected(defined(state.startedAt), 'Asia/Tokyo')}`)
  expect(text).toContain('mọi thời điểm theo giờ UTC+9 (Asia/Tokyo)')
  expect(text).not.toContain('giờ Việt Nam')
  expect(text).not.toContain(expected(defined(state.startedAt), 'Asia/Ho_Chi_Minh'))
  expect(text).toContain(`ký lúc ${expected(defined(defined(state.blocs.find((b) => b.id === 'blocA')).signature).at, 'Asia/Tokyo')}`)
})

it('a zone the runtime does not know falls back to the demo’s; Vietnam’s zone is named as people say it', () => {
  expect(documentTimes('Mars/Olympus').timeZone).toBe('Asia/Ho_Chi_Minh')
  expect(documentTimes(undefined).zoneName()).toBe('giờ Việt Nam')
  expect(documentTimes('Asia/Tokyo').dateTime('2026-01-01T00:00:00.000Z')).toBe('09:00:00 01/01/2026')
  expect(documentTimes('Asia/Ho_Chi_Minh').dateTime('2026-01-01T00:00:00.000Z')).toBe('07:00:00 01/01/2026')
  expect(documentTimes('Asia/Tokyo').zoneName('2026-01-01T00:00:00.000Z')).toBe('giờ UTC+9')
  expect(documentTimes('Asia/Ho_Chi_Minh').offset()).toBe('UTC+7')
})
