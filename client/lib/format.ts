/**
 * Numbers, times and durations the Vietnamese way (1.597; 08:30:05; 22/02/2023), English when
 * chosen. Every time is shown in the conference's time zone (Asia/Ho_Chi_Minh for the demo),
 * never the device's: a UTC laptop shows 14:53 for 07:53Z like every other screen.
 */
import { getActivePinia } from 'pinia'
import { DEFAULT_TIME_ZONE } from '../../shared/domain.js'
import { i18n } from '../i18n/index.js'
import { useConferenceStore } from '../stores/conference.js'

const tag = () => (i18n.global.locale.value === 'en' ? 'en-GB' : 'vi-VN')

export function formatNumber(n: number): string {
  return n.toLocaleString(tag())
}

/** The time zone of the conference this page shows; the default before its state arrives. */
export function conferenceTimeZone(): string {
  const pinia = getActivePinia()
  if (!pinia) return DEFAULT_TIME_ZONE
  return useConferenceStore(pinia).state.timeZone || DEFAULT_TIME_ZONE
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function parts(ms: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, f)
  }
  const out: Record<string, string> = {}
  for (const p of f.formatToParts(ms)) out[p.type] = p.value
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>
}

/** Epoch ms of an ISO string or a number; null when it is not a time. */
function toMs(at: string | number | undefined | null): number | null {
  if (at === undefined || at === null || at === '') return null
  const t = typeof at === 'number' ? at : Date.parse(at)
  return Number.isNaN(t) ? null : t
}

/** HH:mm:ss in the conference's time zone (or `timeZone`); '' for no time. */
export function formatClock(at: string | number | undefined | null, timeZone = conferenceTimeZone()): string {
  const t = toMs(at)
  if (t === null) return ''
  const p = parts(t, timeZone)
  return `${p.hour}:${p.minute}:${p.second}`
}

/** HH:mm in the conference's time zone (or `timeZone`); '' for no time. */
export function formatTime(at: string | number | undefined | null, timeZone = conferenceTimeZone()): string {
  const t = toMs(at)
  if (t === null) return ''
  const p = parts(t, timeZone)
  return `${p.hour}:${p.minute}`
}

/**
 * dd/MM/yyyy of an instant in the conference's time zone; a calendar date (2023-02-22) is
 * that date wherever it is read.
 */
export function formatDate(at: string | number | undefined | null, timeZone = conferenceTimeZone()): string {
  if (typeof at === 'string') {
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(at)
    if (d) return `${d[3]}/${d[2]}/${d[1]}`
  }
  const t = toMs(at)
  if (t === null) return typeof at === 'string' ? at : ''
  const p = parts(t, timeZone)
  return `${p.day}/${p.month}/${p.year}`
}

/** "HH:mm dd/MM/yyyy" in the conference's time zone. */
export function formatDateTime(at: string | number | undefined | null, timeZone = conferenceTimeZone()): string {
  const t = toMs(at)
  return t === null ? '' : `${formatTime(t, timeZone)} ${formatDate(t, timeZone)}`
}

export interface DurationOptions {
  /** '+' before a positive duration (an overrun), '−' before a negative one. */
  sign?: boolean
  /** 'ceil' for a countdown: it reads 0:00 only when the time is up. Default 'floor'. */
  round?: 'floor' | 'ceil'
}

/** mm:ss under an hour, h:mm:ss from an hour: 07:05, 1:02:09, +02:13. */
export function formatDuration(ms: number, opts: DurationOptions = {}): string {
  const total = (opts.round === 'ceil' ? Math.ceil : Math.floor)(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  const body = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`
  if (!opts.sign || total === 0) return body
  return `${ms < 0 ? '−' : '+'}${body}`
}

/** The conference-zone wall clock of an instant as `{ date: 'yyyy-MM-dd', time: 'HH:mm' }` (for date and time inputs). */
export function zonedParts(at: string | number, timeZone = conferenceTimeZone()): { date: string; time: string } {
  const p = parts(toMs(at) ?? 0, timeZone)
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` }
}

/**
 * The instant at which the conference's clock reads `date` `time` (yyyy-MM-dd, HH:mm), whatever
 * the device's own zone; null for a date or time that does not parse.
 */
export function zonedInstant(date: string, time: string, timeZone = conferenceTimeZone()): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return null
  const wall = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +t[1]!, +t[2]!)
  if (Number.isNaN(wall)) return null
  // The zone's offset at a guess, then at the answer (a daylight-saving change between them).
  const offsetAt = (ms: number) => {
    const p = parts(ms, timeZone)
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000
  }
  let at = wall - offsetAt(wall)
  at = wall - offsetAt(at)
  return at
}
