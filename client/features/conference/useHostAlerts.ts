/**
 * What the host is told without looking: a site that drops or returns, a problem reported or
 * resolved (by the site or by the organisers), and this console's own reconnection. Presence is
 * compared only within one connection: the first figures after a reconnect are not news.
 */
import { watch } from 'vue'
import { storeToRefs } from 'pinia'
import { useI18n } from 'vue-i18n'
import type { ConferenceState } from '../../../shared/domain.js'
import type { Presence } from '../../../shared/protocol.js'
import { useConferenceStore } from '../../stores/conference.js'
import { useSessionStore } from '../../stores/session.js'
import { useNoticesStore } from '../../stores/notices.js'
import { useFormat } from '../../composables/useFormat.js'

/** Beyond this many sites changing at once, one notice counts them instead of naming each. */
const NAME_AT_MOST = 3

export function useHostAlerts(): void {
  const { state } = storeToRefs(useConferenceStore())
  const { presence, connection } = storeToRefs(useSessionStore())
  const notices = useNoticesStore()
  const { t } = useI18n()
  const { formatClock } = useFormat()

  let wasLive = false
  let last: Presence | null = null
  watch(connection, (now, before) => {
    if (now === 'live' && before !== 'live' && wasLive) notices.push('success', t('console.reconnected'))
    if (now === 'live') wasLive = true
    last = null
  })

  const nameOf = (s: ConferenceState, id: string) => s.sites.find((x) => x.id === id)?.name ?? id

  watch(presence, (p) => {
    const before = last
    last = connection.value === 'live' ? p : null
    if (!before || connection.value !== 'live') return
    const dropped: string[] = []
    const back: string[] = []
    const first: string[] = []
    for (const [id, now] of Object.entries(p.sites)) {
      const was = before.sites[id]
      if (was?.online && !now.online) dropped.push(id)
      // Back only if it had been here before (a last sign of life); otherwise this is its first
      // connection (presence lists only the sites seen since the server started: absent is unseen).
      else if (!was?.online && now.online) (was?.lastSeenAt ? back : first).push(id)
    }
    const s = state.value
    if (dropped.length > NAME_AT_MOST) notices.push('warning', t('console.sitesDropped', { n: dropped.length }))
    else for (const id of dropped) notices.push('warning', t('console.siteDropped', { name: nameOf(s, id), time: formatClock(p.sites[id]?.lastSeenAt ?? p.serverTime) }))
    if (back.length > NAME_AT_MOST) notices.push('success', t('console.sitesBack', { n: back.length }))
    else for (const id of back) notices.push('success', t('console.siteBack', { name: nameOf(s, id) }))
    if (first.length > NAME_AT_MOST) notices.push('info', t('console.sitesFirst', { n: first.length }))
    else for (const id of first) notices.push('info', t('console.siteFirst', { name: nameOf(s, id) }))
  })

  let issues: Map<string, string> | null = null
  watch(state, (s) => {
    if (!s.id) return
    const now = new Map(s.sites.flatMap((x) => (x.issue ? [[x.id, x.issue.at] as const] : [])))
    const before = issues
    issues = now
    if (!before) return
    for (const site of s.sites) {
      const was = before.get(site.id)
      if (site.issue && was !== site.issue.at) notices.push('warning', t('console.issueReported', { name: site.name, message: site.issue.message }))
      else if (!site.issue && was) {
        const by = site.issues?.at(-1)?.resolvedBy
        notices.push('success', t(by === 'host' ? 'console.issueResolvedByHost' : 'console.issueResolvedBySite', { name: site.name }))
      }
    }
  })
}
