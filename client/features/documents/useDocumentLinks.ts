/**
 * Short-lived signed links to the day's PDFs (a bloc's signed pledge, the minutes), asked for
 * with the page's own token: a link opens as a plain link, and no access token goes into a URL.
 * Links last five minutes, so they are fetched when a person is about to open one.
 */
import { ref } from 'vue'
import { useRoute } from 'vue-router'
import { useConferenceStore } from '../../stores/conference.js'
import { useSessionStore } from '../../stores/session.js'

export interface DocumentLinks {
  report?: string
  pledges: Record<string, string>
  expiresAt: string
}

export function useDocumentLinks() {
  const route = useRoute()
  const store = useConferenceStore()
  const session = useSessionStore()
  const links = ref<DocumentLinks | null>(null)
  const loading = ref(false)
  /** Why the links could not be fetched: 'offline', or the HTTP status. */
  const failed = ref<string | null>(null)

  async function refresh(): Promise<void> {
    const token = typeof route.query.token === 'string' ? route.query.token : ''
    const id = session.actor?.conferenceId ?? store.state.id
    loading.value = true
    failed.value = null
    try {
      const res = await fetch(`/api/conferences/${encodeURIComponent(id)}/documents/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      })
      if (res.ok) links.value = (await res.json()) as DocumentLinks
      else failed.value = String(res.status)
    } catch {
      failed.value = 'offline'
    } finally {
      loading.value = false
    }
  }

  return { links, loading, failed, refresh }
}
