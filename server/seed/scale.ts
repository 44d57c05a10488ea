/**
 * The demo at a larger conference's scale: the same conference (agenda, award types, blocs, award
 * list) reaching `n` sites, the province hub and its seven districts as in the demo, then communes
 * (UBND xã / phường / thị trấn …, under their district) spread over the districts until there are `n`. The communes' names
 * are Ninh Thuận's own; past them, a commune has several connection points ("… – điểm cầu 2").
 * For trying the host console and the halls with hundreds of sites (e2e/lobby-server.ts SEED_SITES).
 */
import type { Site } from '../../shared/domain.js'
import type { ConferenceSetup } from '../../shared/events.js'
import { MAX_SITES } from '../../shared/conference/sites.js'
import { DEMO_DISTRICTS, demoSetup } from './demo.js'

/** Each district's communes, wards and townships, by the district's id. */
const COMMUNES: Record<string, string[]> = {
  'phan-rang-thap-cham': [
    'phường Bảo An', 'phường Đài Sơn', 'phường Đạo Long', 'phường Đô Vinh', 'phường Đông Hải', 'phường Kinh Dinh', 'phường Mỹ Bình',
    'phường Mỹ Đông', 'phường Mỹ Hải', 'phường Mỹ Hương', 'phường Phủ Hà', 'phường Phước Mỹ', 'phường Tấn Tài', 'phường Thanh Sơn',
    'phường Văn Hải', 'xã Thành Hải',
  ],
  'ninh-hai': ['thị trấn Khánh Hải', 'xã Hộ Hải', 'xã Nhơn Hải', 'xã Phương Hải', 'xã Tân Hải', 'xã Thanh Hải', 'xã Tri Hải', 'xã Vĩnh Hải', 'xã Xuân Hải'],
  'ninh-phuoc': [
    'thị trấn Phước Dân', 'xã An Hải', 'xã Phước Hải', 'xã Phước Hậu', 'xã Phước Hữu', 'xã Phước Sơn', 'xã Phước Thái',
    'xã Phước Thuận', 'xã Phước Vinh',
  ],
  'ninh-son': ['thị trấn Tân Sơn', 'xã Hòa Sơn', 'xã Lâm Sơn', 'xã Lương Sơn', 'xã Ma Nới', 'xã Mỹ Sơn', 'xã Nhơn Sơn', 'xã Quảng Sơn'],
  'bac-ai': ['xã Phước Bình', 'xã Phước Chính', 'xã Phước Đại', 'xã Phước Hòa', 'xã Phước Tân', 'xã Phước Thắng', 'xã Phước Thành', 'xã Phước Tiến', 'xã Phước Trung'],
  'thuan-bac': ['xã Bắc Phong', 'xã Bắc Sơn', 'xã Công Hải', 'xã Lợi Hải', 'xã Phước Chiến', 'xã Phước Kháng'],
  'thuan-nam': ['xã Cà Ná', 'xã Nhị Hà', 'xã Phước Diêm', 'xã Phước Dinh', 'xã Phước Hà', 'xã Phước Minh', 'xã Phước Nam', 'xã Phước Ninh'],
}

/** Lower-case ASCII, words joined by "-": an id made from a Vietnamese name. */
export function slug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

/**
 * `n` sites (at least the demo's eight, at most MAX_SITES): the demo's hub and districts, then
 * communes taken from each district in turn, so every district grows alike.
 */
export function scaleSites(n: number): Site[] {
  const base = demoSetup().sites
  if (!Number.isInteger(n) || n < base.length || n > MAX_SITES) throw new Error(`a seeded conference has ${base.length} to ${MAX_SITES} sites, not ${n}`)
  const sites: Site[] = [...base]
  // Round r takes the r-th commune of each district; past a district's list, its communes again as second, third … connection points.
  for (let round = 0; sites.length < n; round++) {
    for (const d of DEMO_DISTRICTS) {
      if (sites.length >= n) break
      const list = COMMUNES[d.id] ?? []
      const commune = list[round % list.length]
      if (!commune) continue
      const point = Math.floor(round / list.length) + 1
      const name = `UBND ${commune}${point > 1 ? ` – điểm cầu ${point}` : ''}`
      sites.push({ id: `${d.id}--${slug(commune)}${point > 1 ? `-${point}` : ''}`, name, kind: 'commune', parentId: d.id })
    }
  }
  return sites
}

/** The demo's setup with `n` sites. */
export function scaleSetup(n: number): ConferenceSetup {
  return { ...demoSetup(), sites: scaleSites(n).map((s) => ({ ...s, name: s.name.normalize('NFC') })) }
}
