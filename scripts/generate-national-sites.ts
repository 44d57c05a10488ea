/**
 * Writes the national demo's sites, server/seed/data/toan-quoc/diem-cau.csv, once: the central hub,
 * the 34 provinces and cities of July 2025 (tinh-thanh.csv beside it: their real names and how many
 * communes and wards each has, 3,321 in all), and under each province that many communes and wards.
 * The official list of the 3,321 could not be obtained and checked here, so their NAMES ARE
 * GENERATED (two syllables of common Vietnamese place names), except the 13 special zones (đặc
 * khu), whose names are real; the split between wards and communes is generated too. The file's
 * header says so. The national demo seeds from that file (server/seed/national.ts), so this script
 * runs only to regenerate it:
 *
 *   npx tsx scripts/generate-national-sites.ts
 *
 * The same seed always writes the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readCsv, writeCsv } from '../server/awards/csv.js'
import { slug } from '../server/seed/scale.js'
import { defined } from '../shared/testing/defined.js'
import { mulberry32 } from '../shared/testing/seeded.js'

const SEED = 20250701
const dir = (file: string) => fileURLToPath(new URL(`../server/seed/data/toan-quoc/${file}`, import.meta.url))

const rng = mulberry32(SEED)
const pick = <T>(xs: readonly T[]): T => defined(xs[Math.floor(rng() * xs.length)])

/** The 13 special zones (đặc khu) of July 2025, by province id: real names. */
const SPECIAL_ZONES: Record<string, string[]> = {
  'quang-ninh': ['Vân Đồn', 'Cô Tô'],
  'hai-phong': ['Cát Hải', 'Bạch Long Vĩ'],
  'quang-tri': ['Cồn Cỏ'],
  'da-nang': ['Hoàng Sa'],
  'quang-ngai': ['Lý Sơn'],
  'khanh-hoa': ['Trường Sa'],
  'lam-dong': ['Phú Quý'],
  'ho-chi-minh': ['Côn Đảo'],
  'an-giang': ['Phú Quốc', 'Kiên Hải', 'Thổ Châu'],
}
/** Wards in the six cities (generated as a share for the provinces). */
const CITY_WARDS: Record<string, number> = { 'ha-noi': 51, 'ho-chi-minh': 113, 'hai-phong': 45, 'da-nang': 23, 'can-tho': 31, hue: 21 }

const FIRST = [
  'An', 'Bình', 'Hòa', 'Phước', 'Tân', 'Thạnh', 'Vĩnh', 'Long', 'Mỹ', 'Phú', 'Hưng', 'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Quang', 'Minh',
  'Hải', 'Sơn', 'Lâm', 'Thanh', 'Hồng', 'Kim', 'Ninh', 'Gia', 'Xuân', 'Cẩm', 'Đức', 'Nghĩa', 'Lộc', 'Thuận', 'Yên', 'Định', 'Hiệp', 'Lương',
  'Thái', 'Vân', 'Hà', 'Cát', 'Tiên', 'Hoàng', 'Quế', 'Tam', 'Thượng', 'Hạ', 'Vạn', 'Châu', 'Lạc', 'Thạch',
]
const SECOND = [
  'An', 'Bình', 'Hòa', 'Phú', 'Lợi', 'Hưng', 'Thịnh', 'Thành', 'Sơn', 'Hải', 'Lâm', 'Điền', 'Phong', 'Lộc', 'Thọ', 'Khánh', 'Tiến', 'Thắng',
  'Trung', 'Xuân', 'Hà', 'Giang', 'Nguyên', 'Dương', 'Mỹ', 'Quang', 'Tân', 'Đông', 'Tây', 'Nam', 'Bắc', 'Phước', 'Thạnh', 'Long', 'Yên',
  'Hiệp', 'Hội', 'Đức', 'Ninh', 'Vinh', 'Định', 'Linh', 'Chánh', 'Lạc', 'Kiều', 'Cường', 'Tường', 'Trạch', 'Hồng', 'Minh',
]

const provinces = (() => {
  const text = readFileSync(dir('tinh-thanh.csv'), 'utf8').replace(/^\uFEFF/, '')
  const sheet = readCsv(text)
  if (!sheet.ok) throw new Error(sheet.message)
  return sheet.rows.slice(1).map(({ cells: [id, name, count] }) => ({ id: defined(id), name: defined(name), count: Number(count) }))
})()
const total = provinces.reduce((n, p) => n + p.count, 0)
if (provinces.length !== 34 || total !== 3321) throw new Error(`tinh-thanh.csv: ${provinces.length} provinces, ${total} communes; 34 and 3,321 expected`)

// 687 wards in all: the cities' share above, the rest spread over the provinces by their size.
const provinceWards = 687 - Object.values(CITY_WARDS).reduce((a, b) => a + b, 0)
const provincesOnly = provinces.filter((p) => !(p.id in CITY_WARDS))
const provinceCommunes = provincesOnly.reduce((n, p) => n + p.count, 0)

const header = ['Mã', 'Tên', 'Loại', 'Thuộc', 'Ghi chú: tên xã, phường SINH TỰ ĐỘNG (scripts/generate-national-sites.ts), không phải danh mục chính thức; tên tỉnh, số đơn vị mỗi tỉnh và tên đặc khu là thật']
const rows: string[][] = [['trung-uong', 'Điểm cầu Trung ương', 'hub', '']]
let given = 0
for (const p of provinces) {
  rows.push([p.id, p.name, 'province', 'trung-uong'])
  const zones = SPECIAL_ZONES[p.id] ?? []
  const wards = CITY_WARDS[p.id] ?? (p === provincesOnly.at(-1) ? provinceWards - given : Math.round((p.count * provinceWards) / provinceCommunes))
  if (!(p.id in CITY_WARDS)) given += wards
  const used = new Set<string>()
  const names: string[] = zones.map((z) => `Đặc khu ${z}`)
  for (const z of zones) used.add(slug(z))
  for (let i = 0; names.length < p.count; i++) {
    const place = `${pick(FIRST)} ${pick(SECOND)}`
    const [a, b] = place.split(' ')
    // Two names that differ only in their marks (Thạnh Bình, Thành Bình) would share an id: one of them only.
    if (a === b || used.has(slug(place))) continue
    used.add(slug(place))
    names.push(`${names.length - zones.length < wards ? 'Phường' : 'Xã'} ${place}`)
  }
  for (const name of names) rows.push([`${p.id}--${slug(name)}`, name, 'commune', p.id])
}
writeFileSync(dir('diem-cau.csv'), writeCsv([header, ...rows]))
process.stdout.write(`wrote ${rows.length} sites (1 hub, ${provinces.length} provinces, ${rows.length - 1 - provinces.length} communes and wards)\n`)
