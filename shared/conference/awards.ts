/** The awards feature's contract and state helpers, at the path other folders import them from. */
export { AnnounceAwards, ImportAwards, NewAward, RetractAward } from '../features/awards/contract.js'
export { AwardShown, sealAward, shown } from '../features/awards/state.js'
export { publicAwardEvent } from '../audience.js'
