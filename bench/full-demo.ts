/**
 * The demo conference at its full volume, run through the real service on a real SQLite store:
 * the agenda from the first item to the last, every site checked in (one with a problem), all
 * 2,996 awards announced (one retracted), ten blocs signed (one voided and signed again, one on
 * the head's behalf), witnessed, and ended unless `end: false`. For the documents' benchmark,
 * and the README's picture of the minutes. A bench fixture: nothing in server/ imports it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Actor } from '../shared/domain.js'
import { ConferenceService } from '../server/conference/service.js'
import { DEMO_CONFERENCE_ID } from '../server/seed/demo.js'
import { seedDemo } from '../server/seed/bootstrap.js'
import { openSqliteStore } from '../server/store/sqlite.js'
import type { EventStore } from '../server/store/event-store.js'
import { sampleSignature } from '../server/test/sample-signature.js'

export interface FullDemo {
  store: EventStore
  service: ConferenceService
  conferenceId: string
  dataDir: string
  close(): Promise<void>
}

/** The demo run from the first check-in to the end (see above), on a fresh data folder that `close` removes. */
export async function fullDemo(opts: { end?: boolean; start?: string } = {}): Promise<FullDemo> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diemcau-docs-'))
  const store = openSqliteStore(dataDir)
  let clock = Date.parse(opts.start ?? '2023-02-22T00:58:00.000Z') // 07:58 in Ninh Thuận
  const service = new ConferenceService({ store, now: () => clock })
  const advance = (minutes: number) => (clock += Math.round(minutes * 60_000))
  const id = DEMO_CONFERENCE_ID
  await seedDemo(service)
  const host: Actor = { conferenceId: id, role: 'host', label: 'Ban tổ chức' }
  const run = async (actor: Actor, type: string, data: unknown) => {
    const ack = await service.handle(actor, { id: crypto.randomUUID(), type, data })
    if (!ack.ok) throw new Error(`${type}: ${ack.error.code}: ${ack.error.message}`)
  }
  const state = () => service.state(id).then((r) => r.state)

  const s0 = await state()
  for (const [i, site] of s0.sites.entries()) await run({ conferenceId: id, role: 'site', siteId: site.id }, 'site.checkIn', { attendees: i === 0 ? 180 : 60 + i * 7 })
  advance(2)
  await run(host, 'conference.start', {})
  const ninhSon = { conferenceId: id, role: 'site' as const, siteId: 'ninh-son' }
  for (const item of s0.agenda.items) {
    if ((await state()).agenda.currentItemId !== item.id) await run(host, 'agenda.goto', { itemId: item.id })
    if (item.kind === 'report') {
      advance(6)
      await run(ninhSon, 'site.reportIssue', { message: 'Mất tiếng từ điểm cầu tỉnh, đang kiểm tra đường truyền' })
      advance(4)
      await run(ninhSon, 'site.resolveIssue', {})
      await run(ninhSon, 'site.checkIn', { attendees: 104 })
      advance((item.plannedMinutes ?? 5) - 8)
    } else if (item.kind === 'awards') {
      const types = (await state()).awardTypes
      for (const t of types) {
        const ids = (await state()).awards.filter((a) => a.typeId === t.id && !a.announcedAt).map((a) => a.id)
        for (let k = 0; k < ids.length; k += 500) {
          await run(host, 'award.announce', { awardIds: ids.slice(k, k + 500) })
          advance(0.4)
        }
      }
      const wrong = (await state()).awards.find((a) => a.typeId === 'bang-khen-ubnd-tinh' && a.recipientKind === 'individual')
      if (!wrong) throw new Error('the demo has no individual Bằng khen of the province to retract')
      await run(host, 'award.retract', { awardId: wrong.id, reason: 'Xướng nhầm tên; quyết định khen thưởng ghi cho người khác cùng đơn vị' })
      advance(6)
    } else if (item.kind === 'signing') {
      await run(host, 'pledge.openSigning', {})
      for (const [i, b] of (await state()).blocs.entries()) {
        const signer: Actor = { conferenceId: id, role: 'signer', blocId: b.id }
        const behalf = i === 3 ? { signerName: 'Lê Thị Hồng Nhung', behalf: 'KT. GIÁM ĐỐC SỞ Y TẾ – PHÓ GIÁM ĐỐC' } : {}
        await run(signer, 'pledge.sign', { blocId: b.id, contentHash: b.pledge.contentHash, strokes: sampleSignature(i + 1), ...behalf })
        advance(0.7)
        if (i === 1) {
          await run(host, 'pledge.void', { blocId: b.id, reason: 'Ký nhầm vào giao ước của khối khác trên máy tính bảng' })
          advance(0.5)
          await run(signer, 'pledge.sign', { blocId: b.id, contentHash: b.pledge.contentHash, strokes: sampleSignature(i + 21) })
          advance(0.5)
        }
      }
      await run(host, 'pledge.witness', { witnessName: 'Đồng chí Trần Quốc Nam, Chủ tịch UBND tỉnh' })
      advance(2)
    } else {
      advance((item.plannedMinutes ?? 5) + ((item.id.length * 7) % 5) - 2)
    }
  }
  if (opts.end !== false) await run(host, 'conference.end', {})
  return {
    store, service, conferenceId: id, dataDir,
    async close() {
      await service.flush()
      await store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
