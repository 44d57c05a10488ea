/**
 * The pure formatters of lib/format.ts bound to this page: numbers in the page's language,
 * times in the conference's time zone (the default zone until its state arrives).
 */
import { storeToRefs } from 'pinia'
import { useI18n } from 'vue-i18n'
import { DEFAULT_TIME_ZONE } from '../../shared/domain.js'
import * as f from '../lib/format.js'
import { useConferenceStore } from '../stores/conference.js'

type At = string | number | undefined | null

export function useFormat() {
  const { state } = storeToRefs(useConferenceStore())
  const { locale } = useI18n()
  /** The conference's time zone, read afresh (templates re-render when it changes). */
  const timeZone = (): string => state.value.timeZone || DEFAULT_TIME_ZONE
  return {
    timeZone,
    formatNumber: (n: number) => f.formatNumber(n, locale.value),
    formatClock: (at: At) => f.formatClock(at, timeZone()),
    formatTime: (at: At) => f.formatTime(at, timeZone()),
    formatDate: (at: At) => f.formatDate(at, timeZone()),
    formatDateTime: (at: At) => f.formatDateTime(at, timeZone()),
    formatDuration: f.formatDuration,
    zonedParts: (at: string | number) => f.zonedParts(at, timeZone()),
    zonedInstant: (date: string, time: string) => f.zonedInstant(date, time, timeZone()),
  }
}

/** What a page's formatters are, for helpers that are handed them. */
export type PageFormat = ReturnType<typeof useFormat>
