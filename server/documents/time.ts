/**
 * Times on the documents: in the conference's own time zone (ConferenceState.timeZone), whatever
 * the machine's zone is, in the way a Vietnamese record writes them ("08:05, 22/02/2023").
 */
import { DEFAULT_TIME_ZONE } from '../../shared/domain.js'

/** The formatters of one zone, as the documents write times. */
export interface DocumentTimes {
  /** The IANA zone the times are read in. */
  timeZone: string
  /** "08:05:09 22/02/2023" (seconds kept: the records say when exactly). */
  dateTime(iso: string | undefined): string
  /** "08:05" */
  clock(iso: string | undefined): string
  /** "08:05:09" */
  clockSeconds(iso: string | undefined): string
  /** "22/02/2023" */
  day(iso: string | undefined): string
  /** The zone's offset from UTC at `iso` (or now): "UTC+7", "UTC+5:30". */
  offset(iso?: string): string
  /** How the zone is named beside a time: "giờ Việt Nam", else "giờ UTC+9" (its offset at `iso`, or now). */
  zoneName(iso?: string): string
}

const made = new Map<string, DocumentTimes>()

/** The documents' formatters for `timeZone` (the demo's zone when none is given or it is unknown). */
export function documentTimes(timeZone: string | undefined): DocumentTimes {
  const zone = timeZone || DEFAULT_TIME_ZONE
  const known = made.get(zone)
  if (known) return known
  let parts: Intl.DateTimeFormat
  let offsets: Intl.DateTimeFormat
  try {
    parts = new Intl.DateTimeFormat('vi-VN', {
      timeZone: zone,
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    })
    offsets = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
  } catch {
    return documentTimes(DEFAULT_TIME_ZONE)
  }
  const fields = (iso: string | undefined): Record<string, string> | null => {
    const d = iso ? new Date(iso) : null
    if (!d || Number.isNaN(d.getTime())) return null
    return Object.fromEntries(parts.formatToParts(d).map((p) => [p.type, p.value]))
  }
  const times: DocumentTimes = {
    timeZone: zone,
    dateTime: (iso) => {
      const f = fields(iso)
      return f ? `${f.hour}:${f.minute}:${f.second} ${f.day}/${f.month}/${f.year}` : '—'
    },
    clock: (iso) => {
      const f = fields(iso)
      return f ? `${f.hour}:${f.minute}` : '—'
    },
    clockSeconds: (iso) => {
      const f = fields(iso)
      return f ? `${f.hour}:${f.minute}:${f.second}` : '—'
    },
    day: (iso) => {
      const f = fields(iso)
      return f ? `${f.day}/${f.month}/${f.year}` : '—'
    },
    offset: (iso) => {
      const d = iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso) : new Date()
      const name = offsets.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
      return name.replace('GMT', 'UTC')
    },
    zoneName: (iso) => (zone === DEFAULT_TIME_ZONE ? 'giờ Việt Nam' : `giờ ${times.offset(iso)}`),
  }
  made.set(zone, times)
  return times
}

/** Minutes between two ISO times, to the tenth. */
export function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 6000) / 10
}

/** "12 phút", "1 giờ 05 phút", "45 giây". */
export function duration(minutes: number | undefined): string {
  if (minutes === undefined) return '—'
  if (minutes < 1) return `${Math.round(minutes * 60)} giây`
  const m = Math.round(minutes)
  return m < 60 ? `${m} phút` : `${Math.floor(m / 60)} giờ ${String(m % 60).padStart(2, '0')} phút`
}
