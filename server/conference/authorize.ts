/**
 * Who may send which command, and on which subject: one table, in one place.
 */
import type { Actor, Role } from '../../shared/domain.js'
import type { Command, CommandType } from '../../shared/commands.js'

const RIGHTS: Record<CommandType, readonly Role[]> = {
  'conference.start': ['host'],
  'conference.end': ['host'],
  'agenda.goto': ['host'],
  'agenda.next': ['host'],
  'agenda.previous': ['host'],
  'site.checkIn': ['site'],
  'site.reportIssue': ['site', 'host'],
  'site.resolveIssue': ['site', 'host'],
  'award.announce': ['host'],
  'award.retract': ['host'],
  'award.import': ['host'],
  'pledge.openSigning': ['host'],
  'pledge.closeSigning': ['host'],
  'pledge.sign': ['signer'],
  'pledge.witness': ['host'],
}

/** Returns why the actor may not send this command, or null when it may. */
export function authorize(actor: Actor, cmd: Command): string | null {
  if (!RIGHTS[cmd.type].includes(actor.role)) {
    return `the ${actor.role} role may not send ${cmd.type}`
  }
  switch (cmd.type) {
    case 'site.reportIssue':
    case 'site.resolveIssue':
      if (actor.role === 'site' && cmd.data.siteId !== undefined && cmd.data.siteId !== actor.siteId) {
        return `a site may report or resolve only its own problems, not site ${cmd.data.siteId}`
      }
      return null
    case 'pledge.sign':
      return cmd.data.blocId === actor.blocId ? null : `this signer may sign only the pledge of bloc ${actor.blocId}, not ${cmd.data.blocId}`
    default:
      return null
  }
}
