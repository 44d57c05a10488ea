/**
 * What every feature's rules share: the decision a rule returns, the clock it is given, the
 * refusal and acceptance helpers, and the shape of a feature's rights (who may send what).
 */
import type { Actor, Role } from '../kernel.js'
import type { ErrorCode, ErrorDetail, ErrorParams, ErrorReason } from '../errors.js'
import type { CommandOf, CommandType, NewEvent } from './contracts.js'

export type Decision = { ok: true; events: NewEvent[] } | { ok: false; code: ErrorCode; message: string; detail?: ErrorDetail }

export interface DecideClock {
  /** Server epoch ms now. */
  nowMs: number
}

/** A refusal: its code, an English message for scripts, and the reason and params a page words for people. */
export const refuse = (code: ErrorCode, message: string, reason?: ErrorReason, params?: ErrorParams, field?: string): Decision => ({
  ok: false, code, message, ...(reason ? { detail: { reason, ...(params ? { params } : {}), ...(field ? { field } : {}) } } : {}),
})
export const accept = (...events: NewEvent[]): Decision => ({ ok: true, events })

/** The `default` of an exhaustive switch: a case left out fails the type-check here. */
export function unreachable(x: never): never {
  throw new Error(`no case for ${JSON.stringify(x)}`)
}

/** Who may send a feature's commands: the roles of each, and what a role may act on. */
export interface Rights<T extends CommandType> {
  roles: { readonly [K in T]: readonly Role[] }
  /** Why this actor may not act on the command's subject, or null when it may. Runs after `roles`. */
  subject?: (actor: Actor, cmd: CommandOf<T>) => string | null
}
