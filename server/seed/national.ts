/**
 * The national demo (`SEED=national`): a conference held from the central hub with the 34
 * provinces and cities of July 2025 and their 3,321 communes, wards and special zones, as data in
 * ./data/toan-quoc/ (see its README: the provinces and their counts are real, the communes' names
 * are generated). The sites file is read like the provincial demo's (the same CSV reader and Site
 * schema); the agenda, award types and blocs are the provincial demo's; it has no award list.
 */
import { z } from 'zod'
import type { Site } from '../../shared/domain.js'
import { EVENTS, type ConferenceSetup } from '../../shared/events.js'
import { readCsv } from '../awards/csv.js'
import { demoSetup, readData, readSites } from './demo.js'

export const NATIONAL_CONFERENCE_ID = 'toan-quoc-2025'
const CREATED = EVENTS['conference.created'].schema
const ConferenceFile = CREATED.pick({ id: true, title: true, venue: true, date: true, startsAt: true, timeZone: true }).strict()

/** tinh-thanh.csv: each province's id, name and how many communes it has. */
interface ProvinceRow { id: string; name: string; communes: number }
function readProvinces(text: string): ProvinceRow[] {
  const sheet = readCsv(text)
  if (!sheet.ok) throw new Error(sheet.message)
  return sheet.rows.slice(1).map(({ row, cells: [id, name, communes] }) => {
    const p = z.object({ id: z.string().min(1), name: z.string().min(1), communes: z.coerce.number().int().positive() }).safeParse({ id, name, communes })
    if (!p.success) throw new Error(`row ${row}: ${z.prettifyError(p.error)}`)
    return p.data
  })
}

/**
 * The sites against the provinces file: one hub, each province once under it with its name, and
 * under each exactly the number of communes the file gives it. A mismatch names the province.
 */
export function checkNational(sites: readonly Site[], provinces: readonly ProvinceRow[]): string | null {
  const hubs = sites.filter((s) => s.kind === 'hub')
  if (hubs.length !== 1) return `${hubs.length} hubs, one expected`
  const counts = new Map<string, number>()
  for (const s of sites) if (s.kind === 'commune' && s.parentId) counts.set(s.parentId, (counts.get(s.parentId) ?? 0) + 1)
  for (const p of provinces) {
    const site = sites.find((s) => s.id === p.id)
    if (site?.kind !== 'province' || site.name !== p.name || site.parentId !== hubs[0]?.id) return `province ${p.id} (${p.name}) is not a province under the hub`
    if ((counts.get(p.id) ?? 0) !== p.communes) return `province ${p.name} has ${counts.get(p.id) ?? 0} communes, ${p.communes} expected`
  }
  const other = sites.find((s) => s.kind === 'district' || (s.kind === 'province' && !provinces.some((p) => p.id === s.id)))
  return other ? `site ${other.id} is not part of the nation → province → commune hierarchy` : null
}

function readSetup(): ConferenceSetup {
  const conference = readData('toan-quoc/hoi-nghi.json', (text) => ConferenceFile.parse(JSON.parse(text)))
  const provinces = readData('toan-quoc/tinh-thanh.csv', readProvinces)
  const sites = readData('toan-quoc/diem-cau.csv', readSites)
  const problem = checkNational(sites, provinces)
  if (problem) throw new Error(`the national demo's data files disagree: ${problem}`)
  const { agenda, awardTypes, blocs } = demoSetup()
  return CREATED.parse({ ...conference, sites, agenda, awardTypes, blocs })
}

let setup: ConferenceSetup | undefined
/** The national demo's `conference.created` data (a fresh copy each call). */
export function nationalSetup(): ConferenceSetup {
  setup ??= readSetup()
  return structuredClone(setup)
}

/** The provinces as their file lists them (for tests and tools). */
export function nationalProvinces(): ProvinceRow[] {
  return readData('toan-quoc/tinh-thanh.csv', readProvinces)
}

/** Which demo a server seeds: the province's day of 2023 (default) or the national one. */
export type SeedKind = 'demo' | 'national'

/** `SEED` read: unset or `demo` the province's demo, `national` the national one; anything else is a mistake said plainly. */
export function seedKind(value: string | undefined): SeedKind {
  if (value === undefined || value === '' || value === 'demo') return 'demo'
  if (value === 'national') return 'national'
  throw new Error(`SEED=${value}: không có dữ liệu mẫu này; dùng SEED=national (hội nghị toàn quốc) hoặc bỏ SEED (hội nghị mẫu của tỉnh). / No such demo: use SEED=national or leave SEED unset.`)
}
