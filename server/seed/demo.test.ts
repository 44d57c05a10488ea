import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AgendaItem, Award, AwardType, Bloc, Site } from '../../shared/domain.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { replay } from '../../shared/evolve.js'
import { parseAwardList } from '../awards/parse.js'
import { ConferenceService } from '../conference/service.js'
import { freshDataDirs } from '../test/data-dir.js'
import { ensureDemo } from './bootstrap.js'
import { DEMO_AWARDS_FILE, demoEvents, demoSetup } from './demo.js'
import { defined } from '../../shared/testing/defined.js'

/** The figures the article reports, per award type: [collectives, individuals]. */
const EXPECTED: Record<string, [number, number]> = {
  'huan-chuong-lao-dong': [4, 0],
  'huan-chuong-khang-chien': [0, 1],
  'ba-me-viet-nam-anh-hung': [0, 2],
  'bang-khen-thu-tuong': [5, 16],
  'co-thi-dua': [76, 0],
  'tap-the-lao-dong-xuat-sac': [263, 0],
  'chien-si-thi-dua-cap-tinh': [0, 23],
  'bang-khen-ubnd-tinh': [938, 1597],
  'huy-hieu-ninh-thuan': [0, 71],
}

const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex')

describe('demo conference', () => {
  const setup = demoSetup()
  const file = readFileSync(DEMO_AWARDS_FILE)
  let awards: Award[] = []
  const imported = parseAwardList(file, { filename: 'khen-thuong-2022.csv' }, { awardTypes: setup.awardTypes, sites: setup.sites, existing: [] })

  it('imports its data file with no row error: 2996 awards with the per-type counts of the article', async () => {
    const parsed = await imported
    expect(parsed.fileError).toBeUndefined()
    expect(parsed.errors).toEqual([])
    awards = parsed.awards
    expect(awards).toHaveLength(2996)
    expect(setup.awardTypes.map((t) => t.id).sort()).toEqual(Object.keys(EXPECTED).sort())
    for (const [typeId, [collectives, individuals]] of Object.entries(EXPECTED)) {
      const ofType = awards.filter((a) => a.typeId === typeId)
      expect(ofType.filter((a) => a.recipientKind === 'collective'), typeId).toHaveLength(collectives)
      expect(ofType.filter((a) => a.recipientKind === 'individual'), typeId).toHaveLength(individuals)
    }
  })

  it('is a CSV with Vietnamese headers and a BOM, as an organiser would save it', () => {
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(file.toString('utf8').split('\r\n')[0]).toBe('\uFEFFHình thức khen thưởng,Đối tượng,Tên,Đơn vị,Điểm cầu,Quyết định,Hạng')
  })

  it('orders the award types as the article presents them: national first, then the province’s', () => {
    const order = [...setup.awardTypes].sort((a, b) => defined(a.precedence) - defined(b.precedence)).map((t) => t.id)
    expect(order).toEqual([
      'huan-chuong-lao-dong', 'huan-chuong-khang-chien', 'ba-me-viet-nam-anh-hung', 'bang-khen-thu-tuong',
      'co-thi-dua', 'tap-the-lao-dong-xuat-sac', 'chien-si-thi-dua-cap-tinh', 'bang-khen-ubnd-tinh', 'huy-hieu-ninh-thuan',
    ])
    expect(setup.awardTypes.filter((t) => t.level === 'national').map((t) => t.id)).toHaveLength(4)
  })

  it('gives the Huân chương Lao động their class, and no other award one', async () => {
    await imported
    const withClass = awards.filter((a) => a.awardClass)
    expect(withClass.map((a) => a.typeId)).toEqual(Array(4).fill('huan-chuong-lao-dong'))
    for (const a of withClass) expect(a.awardClass).toMatch(/^hạng (Nhất|Nhì|Ba)$/)
  })

  it('gives each award a kind its type allows, unique ASCII ids and unique names within a type', async () => {
    await imported
    const kinds = new Map(setup.awardTypes.map((t) => [t.id, t.recipientKind]))
    for (const a of awards) {
      const k = kinds.get(a.typeId)
      expect(k === 'both' || k === a.recipientKind, a.id).toBe(true)
    }
    expect(new Set(awards.map((a) => a.id)).size).toBe(awards.length)
    for (const a of awards) expect(a.id).toMatch(/^[a-z0-9-]+-\d{4}$/)
    expect(defined(awards[0]).id).toBe('huan-chuong-lao-dong-0001')
    expect(defined(awards.find((a) => a.typeId === 'co-thi-dua')).id).toBe('co-thi-dua-0001')
    for (const typeId of Object.keys(EXPECTED)) {
      const names = awards.filter((a) => a.typeId === typeId).map((a) => a.recipientName)
      expect(new Set(names).size, typeId).toBe(names.length)
    }
  })

  it('points every award at a known site and type, with a unit and a decision', async () => {
    await imported
    const sites = new Set(setup.sites.map((s) => s.id))
    for (const a of awards) {
      expect(sites.has(defined(a.siteId)), a.id).toBe(true)
      expect(a.unit, a.id).toBeTruthy()
      expect(a.decision, a.id).toMatch(/^Quyết định số \d+\/QĐ-(UBND|CTN|TTg) ngày \d{2}\/\d{2}\/20\d{2}$/)
    }
    const national = new Set(setup.awardTypes.filter((t) => t.level === 'national').map((t) => t.id))
    for (const a of awards) expect(/QĐ-(CTN|TTg)/.test(defined(a.decision)), a.id).toBe(national.has(a.typeId))
    for (const s of setup.sites) expect(awards.some((a) => a.siteId === s.id), s.id).toBe(true)
  })

  it('has the hub and the seven districts and cities of Ninh Thuận', () => {
    expect(setup.id).toBe('ninh-thuan-2023')
    expect(setup.date).toBe('2023-02-22')
    const hubs = setup.sites.filter((s) => s.kind === 'hub')
    const districts = setup.sites.filter((s) => s.kind === 'district')
    expect(hubs.map((s) => s.id)).toEqual(['hub'])
    expect(districts).toHaveLength(7)
    expect(districts.every((s) => s.parentId === 'hub')).toBe(true)
    expect(districts.map((s) => s.name)).toContain('Thành phố Phan Rang - Tháp Chàm')
    expect(districts.map((s) => s.id)).toContain('ninh-hai')
  })

  it('has an agenda with eight speeches, the directive, the awards and the signing', () => {
    const kinds = setup.agenda.map((i) => i.kind)
    expect(kinds.filter((k) => k === 'speech')).toHaveLength(8)
    expect(kinds[0]).toBe('opening')
    expect(kinds.at(-1)).toBe('closing')
    for (const k of ['report', 'directive', 'awards', 'signing'] as const) expect(kinds).toContain(k)
    expect(setup.agenda.find((i) => i.kind === 'directive')?.presenter).toContain('Trần Quốc Nam')
    expect(setup.agenda.find((i) => i.kind === 'awards')?.presenter).toContain('Nguyễn Long Biên')
    expect(setup.agenda.every((i) => typeof i.plannedMinutes === 'number')).toBe(true)
    expect(setup.agenda.every((i) => !!i.unit && !!i.presenter)).toBe(true)
    expect(setup.agenda.find((i) => i.id === 'speech-1')).toMatchObject({ unit: 'UBND huyện Ninh Hải', presenter: 'Đại diện lãnh đạo UBND huyện Ninh Hải' })
    expect(setup.timeZone).toBe('Asia/Ho_Chi_Minh')
    expect(new Set(setup.agenda.map((i) => i.id)).size).toBe(setup.agenda.length)
  })

  it('has about ten blocs whose pledge hashes match their texts', () => {
    expect(setup.blocs.length).toBeGreaterThanOrEqual(9)
    expect(setup.blocs.length).toBeLessThanOrEqual(12)
    for (const b of setup.blocs) {
      expect(b.pledge.contentHash, b.id).toBe(sha256(b.pledge.text))
      expect(b.pledge.text).toContain('GIAO ƯỚC THI ĐUA NĂM 2023')
      expect(b.pledge.text).toContain('Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc')
      expect(defined(b.members).length, b.id).toBeGreaterThanOrEqual(3)
      expect(defined(b.members).length, b.id).toBeLessThanOrEqual(8)
      expect(b.members, b.id).toContain(b.headUnit)
      expect(b.pledge.text).toContain(defined(b.signerName))
    }
  })

  it('is in Unicode NFC throughout, and deterministic', async () => {
    await imported
    const json = JSON.stringify({ setup, awards })
    expect(json.normalize('NFC')).toBe(json)
    expect(demoSetup()).toEqual(setup)
  })

  it('parses with the domain schemas', async () => {
    await imported
    for (const s of setup.sites) Site.parse(s)
    for (const i of setup.agenda) AgendaItem.parse(i)
    for (const t of setup.awardTypes) AwardType.parse(t)
    for (const b of setup.blocs) Bloc.parse(b)
    for (const a of awards) {
      const r = Award.safeParse(a)
      expect(r.success, `${a.id}: ${r.error?.message}`).toBe(true)
    }
  })

  it('is byte for byte the demo the e2e specs and existing logs know (same ids, names, texts, pledge hashes)', () => {
    // Recompute only when the demo is meant to change: a changed setup is a different conference for every data folder seeded before.
    expect(sha256(JSON.stringify(setup))).toBe('47952c87df0c0f0b2a275c29ce0ef83250ea54ee3cb3c64b289dcaaa418c1bb5')
    expect(sha256(JSON.stringify(demoEvents()))).toBe('008e297796dfea1f361d4a8c0ac7c44e6b19dec7cbeadad4b9936fcf618c53f6')
  })

  it('replays through evolve into the seeded state', () => {
    const events = demoEvents().map((e, i) => ({ ...e, seq: i + 1, at: '2023-02-22T01:00:00.000Z' }) as ConferenceEvent)
    expect(events.map((e) => e.type)).toEqual(['conference.created', 'award.imported'])
    const state = replay(events)
    expect(state.id).toBe('ninh-thuan-2023')
    expect(state.status).toBe('scheduled')
    expect(state.awards).toHaveLength(2996)
    expect(state.blocs).toHaveLength(setup.blocs.length)
    expect(state.sites).toHaveLength(8)
    expect(state.agenda.currentItemId).toBeNull()
  })
})

describe('demo seed on start', () => {
  const fresh = freshDataDirs('diemcau-seed-')

  it('creates the conference and imports the list through award.import once; a second start adds nothing', async () => {
    const { dataDir, store, linkStore } = fresh()
    const first = new ConferenceService({ store })
    const links = await ensureDemo(linkStore, first, dataDir, 'http://demo')
    const room = await first.state('ninh-thuan-2023')
    expect(room.seq).toBe(2)
    expect(room.state.awards).toHaveLength(2996)
    const log = await store.read('ninh-thuan-2023', 0, 10)
    expect(log.map((e) => e.type)).toEqual(['conference.created', 'award.imported'])
    expect(await store.commandSeq('ninh-thuan-2023', 'seed-demo-conference')).toBe(1)
    expect((await store.commandSeq('ninh-thuan-2023', `import-${createHash('sha256').update(readFileSync(DEMO_AWARDS_FILE)).digest('hex').slice(0, 40)}`))).toBe(2)

    // A restart: a new service over the same store, and the same links.
    const second = new ConferenceService({ store })
    const again = await ensureDemo(linkStore, second, dataDir, 'http://demo')
    expect((await second.state('ninh-thuan-2023')).seq).toBe(2)
    expect(again.host.token).toBe(links.host.token)
  })
})
