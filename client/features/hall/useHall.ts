/**
 * What the parts of a hall's screen share, provided once by the screen (HallScreen, or the
 * viewer's phone page): the revealed award batches (one reveal clock per screen, one report per
 * announcement) and the server clock ticking on its second boundaries.
 */
import { computed, inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { useConferenceStore } from '../../stores/conference.js'
import { useSessionStore } from '../../stores/session.js'
import { useReveal, type RevealBatch } from '../awards/useReveal.js'
import { useServerClock } from '../../composables/useServerClock.js'
import type { ConferenceSync } from '../../composables/useConferenceSync.js'

export interface HallContext {
  /** Revealed announcements, newest first. */
  batches: Readonly<Ref<RevealBatch[]>>
  /** Server epoch ms now, by this page's corrected clock (read afresh). */
  serverNow: () => number
  /** Server epoch ms, ticking once a second on the server's second boundaries. */
  now: Readonly<Ref<number>>
  /** The site whose screen this is: its own awards are marked. */
  ownSiteId: ComputedRef<string | undefined>
}

const HallKey: InjectionKey<HallContext> = Symbol('hall')

/** Items whose presenter speaks from the stage: named on a lower third. */
export const SPEAKER_KINDS: ReadonlySet<string> = new Set(['speech', 'directive', 'report'])

/** For the screen itself. `sync`: the page's connection, told when each reveal reached the screen (none for a preview). */
export function provideHall(ownSiteId: () => string | undefined, sync: ConferenceSync | null): HallContext {
  const { state } = storeToRefs(useConferenceStore())
  const { clockOffsetMs } = storeToRefs(useSessionStore())
  const awards = computed(() => state.value.awards)
  const { batches, serverNow } = useReveal(awards, clockOffsetMs, sync ? { onShown: (revealAt, at) => sync.reportReveal(revealAt, at) } : {})
  const { now } = useServerClock()
  const hall: HallContext = { batches, serverNow, now, ownSiteId: computed(ownSiteId) }
  provide(HallKey, hall)
  return hall
}

/** For the parts of a screen. */
export function useHall(): HallContext {
  const hall = inject(HallKey)
  if (!hall) throw new Error('useHall() needs a screen that called provideHall()')
  return hall
}
