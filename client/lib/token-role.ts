/**
 * What the server said about each token the router asked about: its role, or its refusal. Apart
 * from the router so the conference sync can read a refusal without importing the pages.
 */
import type { Role } from '../../shared/domain.js'
import { refusalReason } from './refusal.js'

const ROLES: readonly Role[] = ['host', 'site', 'signer', 'viewer']
/** Per token: its role, or null when the server does not know it (the page then says so itself). */
const known = new Map<string, Role | null>()
/** Per refused token: the server's reason, so the page says it without spending another guess on a handshake. */
const refusals = new Map<string, string>()

/** Per accepted token: its conference, as `/api/me` named it (the read tier's address needs it). */
const conferences = new Map<string, string>()

/** The conference of this token when the router asked the server about it. */
export function knownConference(token: string): string | undefined {
  return conferences.get(token)
}

/** Why the server refused this token when the router asked, if it did. */
export function knownRefusal(token: string): string | undefined {
  return refusals.get(token)
}

/** The role in `/api/me`'s answer, if it is one of ours. */
function roleIn(body: unknown): Role | null {
  const actor = typeof body === 'object' && body !== null && 'actor' in body ? body.actor : undefined
  const role = typeof actor === 'object' && actor !== null && 'role' in actor ? actor.role : undefined
  return ROLES.find((r) => r === role) ?? null
}

/** The role the server gives this token; undefined when it could not be asked (offline). */
export async function roleOf(token: string): Promise<Role | null | undefined> {
  if (known.has(token)) return known.get(token)
  try {
    const res = await fetch('/api/me', { headers: { authorization: `Bearer ${token}` } })
    if (res.status === 401) {
      known.set(token, null)
      refusals.set(token, refusalReason(await res.json().catch(() => ({}))))
      return null
    }
    if (!res.ok) return undefined
    const body: unknown = await res.json()
    const role = roleIn(body)
    known.set(token, role)
    const actor = typeof body === 'object' && body !== null && 'actor' in body ? body.actor : undefined
    const conferenceId = typeof actor === 'object' && actor !== null && 'conferenceId' in actor ? actor.conferenceId : undefined
    if (typeof conferenceId === 'string') conferences.set(token, conferenceId)
    return role
  } catch {
    return undefined
  }
}
