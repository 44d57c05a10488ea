/**
 * A viewer page's join through the read tier: the public state of the current seq over HTTP (the
 * same bytes for every viewer, answered by the cache in front of the servers), so that its socket
 * asks only for the events after it. Any failure leaves the page to the socket's own snapshot.
 */
import type { Snapshot } from '../../../shared/events.js'
import { knownConference, roleOf } from '../../lib/token-role.js'

/** Longer than this and the socket's snapshot is the quicker way in. */
const READ_WITHIN_MS = 4000

/** The public snapshot of the current seq for a viewer's `token`; null for another role or on any failure. */
export async function readPublicSnapshot(token: string): Promise<Snapshot | null> {
  const conferenceId = knownConference(token)
  if (!conferenceId || (await roleOf(token)) !== 'viewer') return null
  const init = { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(READ_WITHIN_MS) }
  try {
    const latest = await fetch(`/api/conferences/${encodeURIComponent(conferenceId)}/public/latest`, init)
    if (!latest.ok) return null
    const body: unknown = await latest.json()
    const seq = typeof body === 'object' && body !== null && 'seq' in body ? body.seq : undefined
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return null
    // The browser inflates it (Content-Encoding: deflate) and keeps it: the bytes of a seq never change.
    const res = await fetch(`/api/conferences/${encodeURIComponent(conferenceId)}/public/${seq}`, init)
    if (!res.ok) return null
    return { seq, serverTime: Date.now(), state: (await res.json()) as Snapshot['state'] }
  } catch {
    return null
  }
}
