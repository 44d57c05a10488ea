import { describe, expect, it } from 'vitest'
import { initialState, type SiteKind } from '../../../shared/domain.js'
import { hubKey } from './hub-name.js'

const sites = (...kinds: SiteKind[]) => ({ ...initialState('c1'), sites: kinds.map((kind, i) => ({ id: `s${i}`, name: `Điểm ${i}`, kind })) })

describe('hubKey', () => {
  it('names the hub after the level the conference joins: a province\'s, or the nation\'s when provinces are sites', () => {
    expect(hubKey(sites('hub', 'district', 'commune'))).toBe('hall.hub')
    expect(hubKey(sites('hub', 'province', 'commune'))).toBe('hall.hubNational')
  })
})
