/**
 * The host console's access links: list, issue, revoke, reissue and expire through
 * /api/conferences/:id/links, with the page's own token; and the log's head. A secret comes back
 * only from issue and reissue, once: it is kept here until the host closes the notice.
 */
import { ref } from 'vue'
import { useRoute } from 'vue-router'
import type { Role } from '../../../shared/domain.js'
import { useConferenceStore } from '../../stores/conference.js'
import { useSessionStore } from '../../stores/session.js'

export interface LinkRow {
  id: string
  role: Role
  siteId?: string
  blocId?: string
  name: string
  status: 'active' | 'revoked' | 'expired'
  createdAt?: string
  expiresAt?: string
  revokedAt?: string
  lastUsedAt?: string
}
export interface MissingLink { role: 'site' | 'signer'; siteId?: string; blocId?: string; name: string }
/** What went wrong, for the panel to say in words: the HTTP status or 'offline', and the server's code. */
export interface LinkFailure { status: number | 'offline'; code?: string; action: string }

export function useAccessLinks() {
  const route = useRoute()
  const store = useConferenceStore()
  const session = useSessionStore()
  const links = ref<LinkRow[]>([])
  const missing = ref<MissingLink[]>([])
  const self = ref<string | null>(null)
  const head = ref<{ seq: number; hash: string } | null>(null)
  const loading = ref(false)
  const failure = ref<LinkFailure | null>(null)
  /** The link just issued: its URL is shown once. */
  const issued = ref<{ link: LinkRow; url: string; own: boolean } | null>(null)

  const base = () => `/api/conferences/${encodeURIComponent(session.actor?.conferenceId ?? store.state.id)}`
  async function call<T>(action: string, method: string, path: string, body?: unknown): Promise<T | null> {
    const token = typeof route.query.token === 'string' ? route.query.token : ''
    failure.value = null
    try {
      const res = await fetch(base() + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const json = (await res.json().catch(() => ({}))) as T & { error?: { code?: string } }
      if (res.ok) return json
      failure.value = { status: res.status, code: json.error?.code, action }
    } catch {
      failure.value = { status: 'offline', action }
    }
    return null
  }

  async function refresh(): Promise<void> {
    loading.value = true
    const [list, h] = await Promise.all([
      call<{ links: LinkRow[]; self: string; missing: MissingLink[] }>('load', 'GET', '/links'),
      call<{ seq: number; hash: string }>('load', 'GET', '/head'),
    ])
    if (list) {
      links.value = list.links
      missing.value = list.missing
      self.value = list.self
    }
    if (h) head.value = h
    loading.value = false
  }

  async function afterIssue(answer: { link: LinkRow; url: string } | null, own: boolean): Promise<void> {
    if (answer) issued.value = { ...answer, own }
    await refresh()
  }

  return {
    links, missing, self, head, loading, failure, issued, refresh,
    async issue(grant: { role: Role; siteId?: string; blocId?: string }) {
      await afterIssue(await call('issue', 'POST', '/links', grant), false)
    },
    async reissue(id: string) {
      await afterIssue(await call('reissue', 'POST', `/links/${id}/reissue`, { confirm: true }), id === self.value)
    },
    async revoke(id: string) {
      if (await call('revoke', 'POST', `/links/${id}/revoke`, { confirm: true })) await refresh()
    },
    async expire(id: string, expiresAt: string | null) {
      if (await call('expiry', 'POST', `/links/${id}/expiry`, { expiresAt })) await refresh()
    },
  }
}
