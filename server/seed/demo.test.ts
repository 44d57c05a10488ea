import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AgendaItem, Award, AwardType, Bloc, Site } from '../../shared/domain.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { replay } from '../../shared/evolve.js'
import { buildDemoConference, demoEvents } from './demo.js'

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
  const { setup, awards } = buildDemoConference()

  it('has 2996 awards with the per-type counts of the article', () => {
    expect(awards).toHaveLength(2996)
    expect(setup.awardTypes.map((t) => t.id).sort()).toEqual(Object.keys(EXPECTED).sort())
    for (const [typeId, [collectives, individuals]] of Object.entries(EXPECTED)) {
      const ofType = awards.filter((a) => a.typeId === typeId)
      expect(ofType.filter((a) => a.recipientKind === 'collective'), typeId).toHaveLength(collectives)
      expect(ofType.filter((a) => a.recipientKind === 'individual'), typeId).toHaveLength(individuals)
    }
  })

  it('gives each award a kind its type allows', () => {
    const kinds = new Map(setup.awardTypes.map((t) => [t.id, t.recipientKind]))
    for (const a of awards) {
      const k = kinds.get(a.typeId)
      expect(k === 'both' || k === a.recipientKind, a.id).toBe(true)
    }
    expect(setup.awardTypes.filter((t) => t.level === 'national').map((t) => t.id)).toHaveLength(4)
  })

  it('has unique ASCII award ids and unique recipient names within a type', () => {
    expect(new Set(awards.map((a) => a.id)).size).toBe(awards.length)
    for (const a of awards) expect(a.id).toMatch(/^[a-z0-9-]+-\d{4}$/)
    for (const typeId of Object.keys(EXPECTED)) {
      const names = awards.filter((a) => a.typeId === typeId).map((a) => a.recipientName)
      expect(new Set(names).size, typeId).toBe(names.length)
    }
  })

  it('points every award at a known site and type, with a unit and a decision', () => {
    const sites = new Set(setup.sites.map((s) => s.id))
    const types = new Set(setup.awardTypes.map((t) => t.id))
    for (const a of awards) {
      expect(sites.has(a.siteId!), a.id).toBe(true)
      expect(types.has(a.typeId), a.id).toBe(true)
      expect(a.unit, a.id).toBeTruthy()
      expect(a.decision, a.id).toMatch(/^Quyết định số \d+\/QĐ-(UBND|CTN|TTg) ngày \d{2}\/\d{2}\/20\d{2}$/)
    }
    const national = new Set(setup.awardTypes.filter((t) => t.level === 'national').map((t) => t.id))
    for (const a of awards) expect(/QĐ-(CTN|TTg)/.test(a.decision!), a.id).toBe(national.has(a.typeId))
    // every district takes part
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
    expect(new Set(setup.agenda.map((i) => i.id)).size).toBe(setup.agenda.length)
  })

  it('has about ten blocs whose pledge hashes match their texts', () => {
    expect(setup.blocs.length).toBeGreaterThanOrEqual(9)
    expect(setup.blocs.length).toBeLessThanOrEqual(12)
    for (const b of setup.blocs) {
      expect(b.pledge.contentHash, b.id).toBe(sha256(b.pledge.text))
      expect(b.pledge.text).toContain('GIAO ƯỚC THI ĐUA NĂM 2023')
      expect(b.pledge.text).toContain('Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc')
      expect(b.members!.length, b.id).toBeGreaterThanOrEqual(3)
      expect(b.members!.length, b.id).toBeLessThanOrEqual(8)
      expect(b.members, b.id).toContain(b.headUnit)
      expect(b.pledge.text).toContain(b.signerName!)
    }
  })

  it('is in Unicode NFC throughout', () => {
    const json = JSON.stringify({ setup, awards })
    expect(json.normalize('NFC')).toBe(json)
  })

  it('is deterministic', () => {
    expect(buildDemoConference()).toEqual({ setup, awards })
  })

  it('parses with the domain schemas', () => {
    for (const s of setup.sites) Site.parse(s)
    for (const i of setup.agenda) AgendaItem.parse(i)
    for (const t of setup.awardTypes) AwardType.parse(t)
    for (const b of setup.blocs) Bloc.parse(b)
    for (const a of awards) {
      const r = Award.safeParse(a)
      expect(r.success, `${a.id}: ${r.error?.message}`).toBe(true)
    }
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
