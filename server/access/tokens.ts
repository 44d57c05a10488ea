/**
 * Access links: a random secret per role and subject, stored only as its SHA-256. A link can be
 * revoked or given an expiry from the host console; either refuses it from then on.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Actor } from '../../shared/domain.js'
import { linkIdOf, type LinkRecord, type LinkStore } from '../store/link-store.js'

/** 192 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** The Socket.IO room every socket opened with one link joins, so that revoking it closes them all. */
/** The id of the link a token opens (what the link store and revocations name it by). */
export const linkIdOfToken = (token: string): string => linkIdOf(hashToken(token))

export const linkRoom = (linkId: string) => `link:${linkId}`

/** Why a token is refused, for the page to say so: a reissued link's page is told to use the new one. */
export type TokenProblem = 'missing' | 'unknown' | 'revoked' | 'reissued' | 'expired'

export type TokenCheck = { ok: true; actor: Actor; linkId: string } | { ok: false; reason: string; problem: TokenProblem }

/** "Last used" is written at most this often per link: a handshake or request must not cost a write each. */
const TOUCH_EVERY_MS = 60_000
const touched = new Map<string, number>()

/** Resolves a presented token to the actor it grants, or says why not. */
export async function resolveToken(store: LinkStore, token: unknown, now: () => number = Date.now): Promise<TokenCheck> {
  if (typeof token !== 'string' || token.length === 0) return { ok: false, reason: 'missing token: open the conference with your access link', problem: 'missing' }
  if (token.length > 200) return { ok: false, reason: 'unknown or revoked token', problem: 'unknown' }
  const link = await store.findLink(hashToken(token))
  if (!link) return { ok: false, reason: 'unknown or revoked token', problem: 'unknown' }
  const at = now()
  if (link.revokedAt) {
    return (await wasReissued(store, link))
      ? { ok: false, reason: 'this access link was replaced by a new one: open the new link the organisers sent', problem: 'reissued' }
      : { ok: false, reason: 'this access link was revoked by the organisers: ask them for the new one', problem: 'revoked' }
  }
  if (link.expiresAt && Date.parse(link.expiresAt) <= at) return { ok: false, reason: 'this access link has expired: ask the organisers for a new one', problem: 'expired' }
  const actor: Actor = { conferenceId: link.conferenceId, role: link.role }
  if (link.siteId) actor.siteId = link.siteId
  if (link.blocId) actor.blocId = link.blocId
  if (link.label) actor.label = link.label
  if (at - (touched.get(link.id) ?? -Infinity) >= TOUCH_EVERY_MS) {
    touched.set(link.id, at)
    await store.touchLink(link.id, new Date(at).toISOString()).catch(() => undefined)
  }
  return { ok: true, actor, linkId: link.id }
}

/**
 * A reissue revokes the old token and saves the same grant under a new one at that same instant
 * (LinkStore.reissueLink): a live link of the same grant created when this one was revoked.
 */
async function wasReissued(store: LinkStore, link: LinkRecord): Promise<boolean> {
  const links = await store.listLinks(link.conferenceId)
  return links.some((l) => l.id !== link.id && l.createdAt === link.revokedAt
    && l.role === link.role && l.siteId === link.siteId && l.blocId === link.blocId)
}
