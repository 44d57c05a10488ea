/**
 * Who may send which command, and on which subject: read from each command's rule in its
 * feature slice (`*.decide.ts`), checked here in one place.
 */
import type { Actor } from '../../shared/domain.js'
import type { Command } from '../../shared/commands.js'
import type { Rule } from './decision.js'
import { RULES } from './rules.js'

/** Returns why the actor may not send this command, or null when it may. */
export function authorize(actor: Actor, cmd: Command): string | null {
  const rule = RULES[cmd.type] as Rule<Command['type']>
  if (!rule.roles.includes(actor.role)) return `the ${actor.role} role may not send ${cmd.type}`
  return rule.subject?.(actor, cmd as never) ?? null
}
