/**
 * Numbers, times and durations the Vietnamese way (1.597; 08:30:05; 22/02/2023), English when
 * chosen. Pure: the caller names the locale and the time zone (composables/useFormat.ts binds
 * them to the page's language and the conference's zone, never the device's: a UTC laptop shows
 * 14:53 for 07:53Z like every other screen).
 */

/** A number grouped the way the page's language writes it (1.597 in Vietnamese, 1,597 in English). */
export function formatNumber(n: number, locale: string): string {
  return n.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN')
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function parts(ms: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, f)
  }
  const all = f.formatToParts(ms)
  const get = (type: Intl.DateTimeFormatPartTypes) => all.find((p) => p.type === type)?.value ?? ''
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

/** Epoch ms of an ISO string or a number; null when it is not a time. */
function toMs(at: string | number | undefined | null): number | null {
  if (at === undefined || at === null || at === '') return null
  const t = typeof at === 'number' ? at : Date.parse(at)
  return Number.isNaN(t) ? null : t
}

/** HH:mm:ss in `timeZone`; '' for no time. */
export function formatClock(at: string | number | undefined | null, timeZone: string): string {
  const t = toMs(at)
  if (t === null) return ''
  const p = parts(t, timeZone)
  return `${p.hour}:${p.minute}:${p.second}`
}

/** HH:mm in `timeZone`; '' for no time. */
export function formatTime(at: string | number | undefined | null, timeZone: string): string {
  const t = toMs(at)
  if (t === null) return ''
  const p = parts(t, timeZone)
  return `${p.hour}:${p.minute}`
}

/**
 * dd/MM/yyyy of an instant in `timeZone`; a calendar date (2023-02-22) is
 * that date wherever it is read.
 */
export function formatDate(at: string | number | undefined | null, timeZone: string): string {
  if (typeof at === 'string') {
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(at)
    if (d) return `${d[3]}/${d[2]}/${d[1]}`
  }
  const t = toMs(at)
  if (t === null) return typeof at === 'string' ? at : ''
  const p = parts(t, timeZone)
  return `${p.day}/${p.month}/${p.year}`
}

/** "HH:mm dd/MM/yyyy" in `timeZone`. */
export function formatDateTime(at: string | number | undefined | null, timeZone: string): string {
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
export function zonedParts(at: string | number, timeZone: string): { date: string; time: string } {
  const p = parts(toMs(at) ?? 0, timeZone)
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` }
}

/**
 * The instant at which the conference's clock reads `date` `time` (yyyy-MM-dd, HH:mm), whatever
 * the device's own zone; null for a date or time that does not parse.
 */
export function zonedInstant(date: string, time: string, timeZone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return null
  const [, year, month, day] = d.map(Number)
  const [, hour, minute] = t.map(Number)
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return null
  const wall = Date.UTC(year, month - 1, day, hour, minute)
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
