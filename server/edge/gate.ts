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
import { retryAfterSeconds, type BudgetName, type Budgets } from './budgets.js'
import { remoteAddress, type OriginPolicy } from './origin.js'
import { DEFAULT_SOCKET_CAPS, OpenSockets, type SocketCaps } from './open-sockets.js'

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
  /** Sockets open at once per address and per link (server/edge/open-sockets.ts). */
  socketCaps?: Partial<SocketCaps>
}

/** A socket beyond a cap waits this long before its page tries again (with jitter). */
const CAP_RETRY_MS = 5000

/** The Origin, the token, the budgets and the socket caps, asked the same way by every transport. */
export class Gate {
  private readonly open = new OpenSockets()
  readonly caps: SocketCaps

  constructor(private readonly deps: GateDeps) {
    this.caps = { ...DEFAULT_SOCKET_CAPS, ...deps.socketCaps }
  }

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
   * The actor a token grants. A live token is admitted whatever its address has spent; a revoked,
   * reissued or expired one is told why and costs nothing; only a token nobody issued spends one
   * of the address's guesses, and once they are spent such tokens are refused for rate. `via`
   * names the transport in the log.
   */
  async admit(token: unknown, req: IncomingMessage, via: string): Promise<Admission> {
    const address = this.address(req)
    const check = await resolveToken(this.deps.links, token, this.deps.now)
    if (check.ok) return { ok: true, actor: check.actor, linkId: check.linkId, address }
    if (check.problem === 'unknown') {
      const blocked = await this.guessed(address)
      if (blocked) return { ok: false, ...blocked }
    }
    log.info({ via, address, refused: check.problem }, 'access link refused')
    return { ok: false, code: 'unauthorized', message: check.reason, reason: TOKEN_REASON[check.problem] }
  }

  /**
   * A secret nobody issued was presented from `address` (an unknown token, a forged document
   * link): spends one of its guesses, or refuses for rate once they are spent.
   */
  async guessed(address: string): Promise<Refusal | null> {
    const blocked = await this.deps.budgets.spent('guess', address)
    if (!blocked.ok) return tooMany(WHAT.guess, blocked.retryAfterMs)
    await this.deps.budgets.take('guess', address)
    return null
  }

  /**
   * Spends one of `name` for this link; null when allowed. A viewer link is shared by every
   * viewer of the conference, so its reads and handshakes are counted per address as well.
   */
  async spend(name: BudgetName, who: Admitted): Promise<Refusal | null> {
    const viewer = who.actor.role === 'viewer'
    const key = viewer && name !== 'command' ? `${who.linkId}@${who.address}` : who.linkId
    // The viewer link's handshakes from one address are a hall's, budgeted as such.
    const budget = viewer && name === 'handshake' ? 'hall' : name
    const r = await this.deps.budgets.take(budget, key)
    if (r.ok) return null
    log.info({ role: who.actor.role, conferenceId: who.actor.conferenceId, budget: name, refused: 'rate_limited' }, 'budget spent')
    return tooMany(WHAT[name], r.retryAfterMs)
  }

  /** Spends one handshake of an address, whatever the link. */
  async spendAddress(address: string): Promise<Refusal | null> {
    const r = await this.deps.budgets.take('address', address)
    return r.ok ? null : tooMany(WHAT.address, r.retryAfterMs)
  }

  /** Spends one read of a document opened by a signed link: such reads are counted per address. */
  async spendSignedRead(address: string): Promise<Refusal | null> {
    const r = await this.deps.budgets.take('read', `signed@${address}`)
    return r.ok ? null : tooMany(WHAT.read, r.retryAfterMs)
  }

  /** Holds one open socket of `address` until `release`; a refusal when the address is at its cap. */
  holdAddress(address: string): { release: () => void } | Refusal {
    const release = this.open.hold(`address:${address}`, this.caps.address)
    return release ? { release } : tooMany('too many open connections from this address', CAP_RETRY_MS)
  }

  /** Holds one open socket of a link (the viewer link: per address) until `release`; a refusal at its cap. */
  holdLink(who: Admitted): { release: () => void } | Refusal {
    const { role } = who.actor
    const key = role === 'viewer' ? `link:${who.linkId}@${who.address}` : `link:${who.linkId}`
    const release = this.open.hold(key, this.caps[role])
    return release ? { release } : tooMany('too many open connections of this access link', CAP_RETRY_MS)
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
  hall: 'too many connections from this access link',
  address: 'too many connections from this address',
  guess: 'too many refused access links from this address',
  verify: 'the log was verified moments ago from this access link',
}

function tooMany(what: string, retryAfterMs: number): Refusal {
  const seconds = retryAfterSeconds(retryAfterMs)
  return { code: 'rate_limited', message: `${what}; wait ${seconds} s and retry`, reason: ErrorReason.rateLimited, params: { seconds }, retryAfterMs }
}
