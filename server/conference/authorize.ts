/**
 * Who may send which command, and on which subject: read from each command's rule in its
 * feature slice (`*.decide.ts`), checked here in one place.
 */
import type { Actor } from '../../shared/domain.js'
import { ErrorReason, type ErrorDetail } from '../../shared/errors.js'
import type { Command } from '../../shared/commands.js'
import type { Rule } from './decision.js'
import { RULES } from './rules.js'

/** Returns why the actor may not send this command, or null when it may. */
export function authorize(actor: Actor, cmd: Command): string | null {
  const rule = RULES[cmd.type] as Rule<Command['type']>
  if (!rule.roles.includes(actor.role)) return `the ${actor.role} role may not send ${cmd.type}`
  return rule.subject?.(actor, cmd as never) ?? null
}

/** The refusal of an actor `authorize` turned away, coded for the page: its role and the command, or the subject. */
export function forbidden(actor: Actor, cmd: Command): { message: string; detail: ErrorDetail } | null {
  const why = authorize(actor, cmd)
  if (!why) return null
  const rule = RULES[cmd.type] as Rule<Command['type']>
  const reason = rule.roles.includes(actor.role) ? ErrorReason.subjectForbidden : ErrorReason.roleForbidden
  return { message: why, detail: { reason, params: { role: actor.role, command: cmd.type } } }
}
