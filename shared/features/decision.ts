/**
 * What every feature's rules share: the decision a rule returns, the clock it is given, the
 * refusal and acceptance helpers, and the shape of a feature's rights (who may send what). Typed
 * by one contract (./define.ts): the registry (./registry.ts) names the decision over them all.
 */
import type { Actor, Role } from '../kernel.js'
import type { CommonReason, ErrorCode, ErrorDetailOf, ErrorParams } from '../error-codes.js'
import type { Contract, ContractCommand, ContractCommandType, ContractNewEvent, ContractReason } from './define.js'
import type { LifecycleReason } from './lifecycle.js'

/** What a rule decides: the events `E` it appends, or a refusal whose reason is one of `R`. */
export type Decision<E, R extends string = never> = { ok: true; events: E[] } | { ok: false; code: ErrorCode; message: string; detail?: ErrorDetailOf<R> }

/**
 * What a rule of contract `C` decides: its events (or `E`, when it decides another feature's too),
 * or a refusal with one of its contract's reasons, the lifecycle's, or one no feature owns.
 */
export type ContractDecision<C extends Contract, E = ContractNewEvent<C>> = Decision<E, ContractReason<C> | LifecycleReason | CommonReason>

export interface DecideClock {
  /** Server epoch ms now. */
  nowMs: number
}

/** A refusal: its code, an English message for scripts, and the reason and params a page words for people. */
export const refuse = <R extends string = never>(code: ErrorCode, message: string, reason?: R, params?: ErrorParams, field?: string): Decision<never, R> => ({
  ok: false, code, message, ...(reason ? { detail: { reason, ...(params ? { params } : {}), ...(field ? { field } : {}) } } : {}),
})
/** An acceptance: the events, checked against the decision the rule returns. */
export const accept = <E>(...events: NoInfer<E>[]): Decision<E> => ({ ok: true, events })

/** The `default` of an exhaustive switch: a case left out fails the type-check here. */
export function unreachable(x: never): never {
  throw new Error(`no case for ${JSON.stringify(x)}`)
}

/** Who may send the commands of contract `C`: the roles of each, and what a role may act on. */
export interface Rights<C extends Contract> {
  roles: { readonly [K in ContractCommandType<C>]: readonly Role[] }
  /** Why this actor may not act on the command's subject, or null when it may. Runs after `roles`. */
  subject?: (actor: Actor, cmd: ContractCommand<C>) => string | null
}
