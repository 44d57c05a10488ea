import { describe, expect, it } from 'vitest'
import { Site } from '../../shared/domain.js'
import { MAX_SITES } from '../../shared/conference/sites.js'
import { ConferenceService } from '../conference/service.js'
import { freshDataDirs } from '../test/data-dir.js'
import { ensureDemo } from './bootstrap.js'
import { checkNational, NATIONAL_CONFERENCE_ID, nationalProvinces, nationalSetup, seedKind } from './national.js'
import { demoSetup } from './demo.js'
import { defined } from '../../shared/testing/defined.js'

/** The 34 provinces and cities since 1 July 2025 (Nghị quyết 202/2025/QH15). */
const PROVINCES = [
  'Thành phố Hà Nội', 'Thành phố Huế', 'Thành phố Hải Phòng', 'Thành phố Đà Nẵng', 'Thành phố Hồ Chí Minh', 'Thành phố Cần Thơ',
  'Tỉnh Lai Châu', 'Tỉnh Điện Biên', 'Tỉnh Sơn La', 'Tỉnh Lạng Sơn', 'Tỉnh Quảng Ninh', 'Tỉnh Thanh Hóa', 'Tỉnh Nghệ An', 'Tỉnh Hà Tĩnh',
  'Tỉnh Cao Bằng', 'Tỉnh Tuyên Quang', 'Tỉnh Lào Cai', 'Tỉnh Thái Nguyên', 'Tỉnh Phú Thọ', 'Tỉnh Bắc Ninh', 'Tỉnh Hưng Yên', 'Tỉnh Ninh Bình',
  'Tỉnh Quảng Trị', 'Tỉnh Quảng Ngãi', 'Tỉnh Gia Lai', 'Tỉnh Khánh Hòa', 'Tỉnh Lâm Đồng', 'Tỉnh Đắk Lắk', 'Tỉnh Đồng Nai', 'Tỉnh Tây Ninh',
  'Tỉnh Vĩnh Long', 'Tỉnh Đồng Tháp', 'Tỉnh Cà Mau', 'Tỉnh An Giang',
]

describe('the national demo as data', () => {
  const setup = nationalSetup()
  it('is the nation → province → commune hierarchy: one hub, the 34 provinces of 2025, 3,321 communes under them', () => {
    const { sites } = setup
    expect(sites).toHaveLength(1 + 34 + 3321)
    expect(sites.length).toBeLessThanOrEqual(MAX_SITES)
    const hub = sites.filter((s) => s.kind === 'hub')
    expect(hub).toHaveLength(1)
    const provinces = sites.filter((s) => s.kind === 'province')
    expect(provinces.map((p) => p.name).sort()).toEqual([...PROVINCES].sort())
    expect(provinces.every((p) => p.parentId === hub[0]?.id)).toBe(true)
    const provinceIds = new Set(provinces.map((p) => p.id))
    const communes = sites.filter((s) => s.kind === 'commune')
    expect(communes).toHaveLength(3321)
    expect(communes.every((c) => c.parentId !== undefined && provinceIds.has(c.parentId))).toBe(true)
    expect(communes.every((c) => /^(Xã|Phường|Đặc khu) /.test(c.name))).toBe(true)
    expect(communes.filter((c) => c.name.startsWith('Đặc khu '))).toHaveLength(13)
    expect(sites.some((s) => s.kind === 'district')).toBe(false)
    expect(new Set(sites.map((s) => s.id)).size).toBe(sites.length)
    for (const s of sites) expect(Site.safeParse(s).success, s.id).toBe(true)
  })
  it('each province has the communes its file gives it, and the files are NFC', () => {
    const rows = nationalProvinces()
    expect(rows.reduce((n, p) => n + p.communes, 0)).toBe(3321)
    expect(checkNational(setup.sites, rows)).toBeNull()
    const json = JSON.stringify(setup)
    expect(json.normalize('NFC')).toBe(json)
  })
  it('says which province disagrees with the file', () => {
    const rows = nationalProvinces()
    const lost = setup.sites.filter((s) => !(s.kind === 'commune' && s.parentId === 'khanh-hoa' && s.name.startsWith('Đặc khu')))
    expect(checkNational(lost, rows)).toMatch(/Tỉnh Khánh Hòa has 64 communes, 65 expected/)
    const renamed = setup.sites.map((s) => (s.id === 'hue' ? { ...s, name: 'Tỉnh Thừa Thiên Huế' } : s))
    expect(checkNational(renamed, rows)).toMatch(/province hue/)
  })
  it('keeps the provincial demo\'s agenda, award types and blocs', () => {
    const demo = demoSetup()
    expect(setup.id).toBe(NATIONAL_CONFERENCE_ID)
    expect(setup.agenda).toEqual(demo.agenda)
    expect(setup.blocs).toEqual(demo.blocs)
  })
  it('SEED chooses the demo, and a SEED it does not know is refused in Vietnamese first', () => {
    expect(seedKind(undefined)).toBe('demo')
    expect(seedKind('demo')).toBe('demo')
    expect(seedKind('national')).toBe('national')
    expect(() => seedKind('nation')).toThrow(/^SEED=nation: không có dữ liệu mẫu này/)
  })
})

describe('the national demo seeded on start', () => {
  const fresh = freshDataDirs('diemcau-national-')
  it('creates the conference with its 3,356 sites and a link for each, once', async () => {
    const { dataDir, store, linkStore } = fresh()
    const service = new ConferenceService({ store })
    const links = defined(await ensureDemo(linkStore, service, dataDir, 'http://demo', { oncePerCluster: false, seed: 'national' }))
    expect(links.conferenceId).toBe(NATIONAL_CONFERENCE_ID)
    expect(links.sites).toHaveLength(3356)
    const room = await service.state(NATIONAL_CONFERENCE_ID)
    expect(room.seq).toBe(1)
    expect(room.state.sites).toHaveLength(3356)
    const again = defined(await ensureDemo(linkStore, new ConferenceService({ store }), dataDir, 'http://demo', { oncePerCluster: false, seed: 'national' }))
    expect(again.host.token).toBe(links.host.token)
  }, 60_000)
})
