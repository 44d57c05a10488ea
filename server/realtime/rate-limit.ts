/** Moved to server/edge/budgets.ts; kept for the benches and scripts that import it from here. */
export * from '../edge/budgets.js'
