/**
 * The one door both transports go through: the Origin, the address's failed guesses, the token,
 * then the link's budgets. HTTP (server/http/api.ts) and the socket handshake
 * (server/realtime/socket.ts) ask the same questions of the same budgets, so a link's allowance
 * is the same whether it comes on one socket, on ten, or over HTTP.
 */
import type { IncomingMessage } from 'node:http'
import type { Actor } from '../../shared/domain.js'
import { ErrorReason, type ErrorCode, type ErrorParams } from '../../shared/errors.js'
import { resolveToken, type TokenProblem } from '../access/tokens.js'
import type { LinkStore } from '../store/link-store.js'
import { log } from '../log.js'
import { retryAfterSeconds, type BudgetName, type Budgets } from '../realtime/rate-limit.js'
import { remoteAddress, type OriginPolicy } from './origin.js'

export interface Refusal {
  code: ErrorCode
  message: string
  reason?: ErrorReason
  params?: ErrorParams
  /** For `rate_limited`: how long to wait. */
  retryAfterMs?: number
}

export interface Admitted {
  actor: Actor
  /** The link's id (its token's record), the key of its budgets. */
  linkId: string
  address: string
}

export type Admission = ({ ok: true } & Admitted) | ({ ok: false } & Refusal)

export interface GateDeps {
  /** Where the tokens are checked. */
  links: LinkStore
  budgets: Budgets
  origins: OriginPolicy
  trustProxy: boolean
  now: () => number
}

export class Gate {
  constructor(private readonly deps: GateDeps) {}

  get budgets(): Budgets {
    return this.deps.budgets
  }

  address(req: IncomingMessage): string {
    return remoteAddress(req, this.deps.trustProxy)
  }

  /** A foreign page's request, or null. */
  origin(req: IncomingMessage): Refusal | null {
    const problem = this.deps.origins.problem(req)
    return problem ? { code: 'forbidden', message: problem, reason: ErrorReason.requestOrigin } : null
  }

  /**
   * The actor a token grants, checked only while its address has guesses left; a refused token
   * spends one. `via` names the transport in the log.
   */
  async admit(token: unknown, req: IncomingMessage, via: string): Promise<Admission> {
    const address = this.address(req)
    const blocked = await this.deps.budgets.spent('guess', address)
    if (!blocked.ok) return { ok: false, ...tooMany('too many refused access links from this address', blocked.retryAfterMs) }
    const check = await resolveToken(this.deps.links, token, this.deps.now)
    if (!check.ok) {
      await this.deps.budgets.take('guess', address)
      log.info({ via, address, refused: 'unauthorized' }, 'access link refused')
      return { ok: false, code: 'unauthorized', message: check.reason, reason: TOKEN_REASON[check.problem] }
    }
    return { ok: true, actor: check.actor, linkId: check.linkId, address }
  }

  /**
   * Spends one of `name` for this link; null when allowed. A viewer link is shared by every
   * viewer of the conference, so its reads and handshakes are counted per address as well.
   */
  async spend(name: BudgetName, who: Admitted): Promise<Refusal | null> {
    const key = who.actor.role === 'viewer' && name !== 'command' ? `${who.linkId}@${who.address}` : who.linkId
    const r = await this.deps.budgets.take(name, key)
    if (r.ok) return null
    log.info({ role: who.actor.role, conferenceId: who.actor.conferenceId, budget: name, refused: 'rate_limited' }, 'budget spent')
    return tooMany(WHAT[name], r.retryAfterMs)
  }

  /** Spends one handshake of an address, whatever the link. */
  async spendAddress(address: string): Promise<Refusal | null> {
    const r = await this.deps.budgets.take('address', address)
    return r.ok ? null : tooMany(WHAT.address, r.retryAfterMs)
  }
}

const TOKEN_REASON: Record<TokenProblem, ErrorReason> = {
  missing: ErrorReason.tokenMissing,
  unknown: ErrorReason.tokenUnknown,
  revoked: ErrorReason.tokenRevoked,
  reissued: ErrorReason.tokenReissued,
  expired: ErrorReason.tokenExpired,
}

const WHAT: Record<BudgetName, string> = {
  command: 'too many commands from this access link',
  read: 'too many reads of the conference from this access link',
  handshake: 'too many connections from this access link',
  address: 'too many connections from this address',
  guess: 'too many refused access links from this address',
  verify: 'the log was verified moments ago from this access link',
}

function tooMany(what: string, retryAfterMs: number): Refusal {
  const seconds = retryAfterSeconds(retryAfterMs)
  return { code: 'rate_limited', message: `${what}; wait ${seconds} s and retry`, reason: ErrorReason.rateLimited, params: { seconds }, retryAfterMs }
}
