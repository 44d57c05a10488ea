/** What each audience may see: owned by the awards feature, whose recipients stay sealed until announced. */
export { audienceOf, eventFor, publicAwardEvent, sameForAll, stateFor, type Audience } from './features/awards/audience.js'
