/**
 * What every feature's decide functions share: the decision type, the context they are given,
 * and the shape of a slice's rules (deciders and rights, one per command).
 */
import type { Actor, ConferenceState, Role } from '../../shared/domain.js'
import type { CommandOf, CommandType } from '../../shared/commands.js'
import type { NewEvent } from '../../shared/events.js'
import type { ErrorCode, ErrorDetail, ErrorParams, ErrorReason } from '../../shared/errors.js'

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

/** One command's rule: who may send it (and on which subject), and what it decides. */
export interface Rule<T extends CommandType> {
  roles: readonly Role[]
  /** Why this actor may not act on the command's subject, or null when it may. Runs after `roles`. */
  subject?: (actor: Actor, cmd: CommandOf<T>) => string | null
  decide: (state: ConferenceState, cmd: CommandOf<T>, actor: Actor, clock: DecideClock) => Decision
}

/** The rules of a slice, one per command it owns. */
export type Rules<T extends CommandType> = { [K in T]: Rule<K> }
