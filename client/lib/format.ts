/** Numbers and times the Vietnamese way (1.597; 08:30:05), English when chosen. */
import { i18n } from '../i18n/index.js'

const tag = () => (i18n.global.locale.value === 'en' ? 'en-GB' : 'vi-VN')

export function formatNumber(n: number): string {
  return n.toLocaleString(tag())
}

export function formatTime(at: string | number | undefined): string {
  if (at === undefined) return ''
  const d = new Date(at)
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(tag(), { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

/** A calendar date (2023-02-22 or an ISO time) as 22/02/2023. */
export function formatDate(at: string): string {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T12:00:00` : at)
  return Number.isNaN(d.getTime()) ? at : d.toLocaleDateString(tag(), { day: '2-digit', month: '2-digit', year: 'numeric' })
}
