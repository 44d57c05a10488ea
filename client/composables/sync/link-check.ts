/** Asking the server over HTTP whether it still honours this page's access link. */
import { refusalReason } from '../../lib/refusal.js'

/** While handshakes fail, the link is checked over HTTP at most this often. */
const LINK_CHECK_EVERY_MS = 3000

/**
 * Whether the server still honours this link: the reason (`token.revoked`, …) when it answers
 * 401, else null (accepted, busy, or no answer: a transient failure).
 */
export async function linkRefusal(token: string): Promise<string | null> {
  try {
    const res = await fetch('/api/me', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' })
    if (res.status !== 401) return null
    return refusalReason(await res.json().catch(() => ({})))
  } catch {
    return null
  }
}

/**
 * A throttled check: `check()` asks at most once per LINK_CHECK_EVERY_MS and one at a time, and
 * calls `onRefused` with the reason when the server refuses the link.
 */
export function linkChecker(token: string, onRefused: (reason: string) => void): { check: () => Promise<void> } {
  let last = -Infinity
  let busy = false
  return {
    async check() {
      if (busy || performance.now() - last < LINK_CHECK_EVERY_MS) return
      busy = true
      last = performance.now()
      try {
        const reason = await linkRefusal(token)
        if (reason) onRefused(reason)
      } finally {
        busy = false
      }
    },
  }
}
