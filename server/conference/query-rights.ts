/**
 * Who may read what, beside the command rules (authorize.ts): one table that every transport
 * asks, instead of role checks spread through the routers. A right is a sentence saying why not,
 * or null.
 */
import type { Actor } from '../../shared/domain.js'

/** What can be read: the state, the log, its check, the links console, the documents. */
export type Query = 'state' | 'events' | 'verify' | 'links' | 'report' | 'pledge' | 'documentLinks'

type Right = (actor: Actor, subject: { blocId?: string }) => string | null

const hostOnly = (why: string): Right => (actor) => (actor.role === 'host' ? null : why)

const RIGHTS: Record<Query, Right> = {
  state: () => null,
  events: hostOnly('only the host may read the event log; other pages get the state'),
  verify: hostOnly('only the host may verify the log'),
  links: hostOnly('only the host may see and change the access links'),
  report: hostOnly('only the host may open the minutes: they hold every award and site'),
  // A signer opens its own bloc's pledge; every other role opens any.
  pledge: (actor, { blocId }) =>
    actor.role !== 'signer' || actor.blocId === blocId ? null : `this signer may open only the pledge of bloc ${actor.blocId}, not ${blocId}`,
  documentLinks: () => null,
}

/** Why `actor` may not make `query` (about `subject`), or null when it may. */
export function queryRefusal(actor: Actor, query: Query, subject: { blocId?: string } = {}): string | null {
  return RIGHTS[query](actor, subject)
}

/** Whether `actor` may make `query`. */
export const mayQuery = (actor: Actor, query: Query, subject: { blocId?: string } = {}): boolean => queryRefusal(actor, query, subject) === null
