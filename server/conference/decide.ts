/**
 * The server's entry point to the rules: decide(state, command, actor, clock) -> events or a
 * typed refusal. The rules are pure and live with their feature (shared/features/<name>/decide.ts).
 */
export { decide, type Decision } from '../../shared/features/registry.js'
export type { DecideClock } from '../../shared/features/decision.js'
