/** Names by id, rebuilt only when the lists they come from change. */
import { computed } from 'vue'
import { storeToRefs } from 'pinia'
import { useConferenceStore } from '../../stores/conference.js'

export function useLookups() {
  const { state } = storeToRefs(useConferenceStore())
  const types = computed(() => new Map(state.value.awardTypes.map((t) => [t.id, t])))
  const sites = computed(() => new Map(state.value.sites.map((s) => [s.id, s])))
  const typeName = (id: string) => types.value.get(id)?.name ?? id
  const siteName = (id: string | undefined) => (id ? sites.value.get(id)?.name ?? id : '')
  return { typeName, siteName, types, sites }
}
