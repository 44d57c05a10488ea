/**
 * Access links: a random secret per role and subject, stored only as its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Actor } from '../../shared/domain.js'
import type { EventStore } from '../store/event-store.js'

/** 192 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export type TokenCheck = { ok: true; actor: Actor } | { ok: false; reason: string }

/** Resolves a presented token to the actor it grants, or says why not. */
export async function resolveToken(store: EventStore, token: unknown): Promise<TokenCheck> {
  if (typeof token !== 'string' || token.length === 0) return { ok: false, reason: 'missing token: open the conference with your access link' }
  if (token.length > 200) return { ok: false, reason: 'unknown or revoked token' }
  const grant = await store.findToken(hashToken(token))
  if (!grant) return { ok: false, reason: 'unknown or revoked token' }
  const actor: Actor = { conferenceId: grant.conferenceId, role: grant.role }
  if (grant.siteId) actor.siteId = grant.siteId
  if (grant.blocId) actor.blocId = grant.blocId
  if (grant.label) actor.label = grant.label
  return { ok: true, actor }
}
