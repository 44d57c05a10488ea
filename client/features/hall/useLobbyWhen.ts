/**
 * The lobby's words for when the conference opens, shared by the hall's screen and the phone:
 * the distance (lobby-time.ts) on the server clock, the start's time and its day with the weekday.
 */
import { computed, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { useI18n } from 'vue-i18n'
import { useConferenceStore } from '../../stores/conference.js'
import { useFormat } from '../../composables/useFormat.js'
import { lobbyDistance, type LobbyDistance } from './lobby-time.js'

export function useLobbyWhen(now: Readonly<Ref<number>>) {
  const { state } = storeToRefs(useConferenceStore())
  const { t, locale } = useI18n()
  const { formatDate, formatTime, timeZone } = useFormat()

  const startsAt = computed(() => (state.value.startsAt ? Date.parse(state.value.startsAt) : null))
  const distance = computed<LobbyDistance | null>(() => (startsAt.value === null ? null : lobbyDistance(startsAt.value, now.value, timeZone())))
  /** "Thứ Năm, 10/12/2026": the start's day, the weekday in the page's language. */
  const day = computed(() => {
    if (startsAt.value === null) return ''
    const weekday = new Intl.DateTimeFormat(locale.value === 'en' ? 'en-GB' : 'vi-VN', { weekday: 'long', timeZone: timeZone() }).format(startsAt.value)
    return t('hall.onDay', { weekday, date: formatDate(startsAt.value) })
  })
  const time = computed(() => (startsAt.value === null ? '' : formatTime(startsAt.value)))
  /** The distance in words ("Còn 3 ngày 14 giờ", "Còn 11 giờ 6 phút"), '' on the day itself. */
  const left = computed(() => {
    const d = distance.value
    if (d?.kind === 'days') return t('hall.left', { text: t('hall.daysHours', { d: d.days, h: d.hours }) })
    if (d?.kind === 'tomorrow') return t('hall.left', { text: t('hall.hoursMinutes', { h: d.hours, m: d.minutes }) })
    return ''
  })
  return { startsAt, distance, day, time, left }
}
