/**
 * The one reducer. Pure, run unchanged by the server and by every browser: two sites that have
 * applied the same events show the same state. It routes each event to its feature (./features/).
 */
export { evolve, replay } from './features/registry.js'
