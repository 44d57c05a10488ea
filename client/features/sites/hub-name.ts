import type { ConferenceState } from '../../../shared/domain.js'

/**
 * The hub's name on screens: "Điểm cầu Trung ương" when provinces are among the sites (a national
 * conference), "Điểm cầu tỉnh" otherwise (a province's own day).
 */
export function hubKey(state: ConferenceState): 'hall.hub' | 'hall.hubNational' {
  return state.sites.some((s) => s.kind === 'province') ? 'hall.hubNational' : 'hall.hub'
}
