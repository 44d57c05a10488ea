import { describe, expect, it } from 'vitest'
import { Site } from '../../shared/domain.js'
import { MAX_SITES } from '../../shared/conference/sites.js'
import { scaleSetup, scaleSites } from './scale.js'
import { demoSetup } from './demo.js'
import { defined } from '../../shared/testing/defined.js'

describe('the demo at scale', () => {
  it('700 sites: the demo hub and districts, then communes under every district, each id and name once', () => {
    const sites = scaleSites(700)
    expect(sites).toHaveLength(700)
    expect(sites.slice(0, 8)).toEqual(demoSetup().sites)
    expect(new Set(sites.map((s) => s.id)).size).toBe(700)
    expect(new Set(sites.map((s) => s.name)).size).toBe(700)
    for (const s of sites) expect(Site.safeParse(s).success, s.id).toBe(true)
    const communes = sites.slice(8)
    expect(communes.every((s) => s.kind === 'commune' && /^UBND (xã|phường|thị trấn) /.test(s.name))).toBe(true)
    const perDistrict = new Map<string, number>()
    for (const s of communes) perDistrict.set(defined(s.parentId), (perDistrict.get(defined(s.parentId)) ?? 0) + 1)
    expect([...perDistrict.keys()].sort()).toEqual(demoSetup().sites.filter((s) => s.kind === 'district').map((s) => s.id).sort())
    expect(Math.max(...perDistrict.values()) - Math.min(...perDistrict.values())).toBeLessThanOrEqual(1)
    expect(sites.find((s) => s.name === 'UBND xã Vĩnh Hải')?.parentId).toBe('ninh-hai')
    expect(sites.some((s) => s.name === 'UBND xã Vĩnh Hải – điểm cầu 2')).toBe(true)
  })

  it('keeps the rest of the demo and refuses a size the board is not made for', () => {
    const setup = scaleSetup(50)
    expect({ ...setup, sites: [] }).toEqual({ ...demoSetup(), sites: [] })
    expect(() => scaleSites(7)).toThrow(/8 to/)
    expect(() => scaleSites(MAX_SITES + 1)).toThrow(/not/)
  })
})
