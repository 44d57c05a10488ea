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
