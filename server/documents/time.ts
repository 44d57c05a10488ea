/**
 * Times on the documents: always in the conference's zone (Asia/Ho_Chi_Minh), whatever the
 * machine's zone is, in the way a Vietnamese record writes them ("08:05, 22/02/2023").
 */
export const DOCUMENT_TIME_ZONE = 'Asia/Ho_Chi_Minh'

const parts = new Intl.DateTimeFormat('vi-VN', {
  timeZone: DOCUMENT_TIME_ZONE,
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
})

function fields(iso: string): Record<string, string> | null {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return null
  return Object.fromEntries(parts.formatToParts(d).map((p) => [p.type, p.value]))
}

/** "08:05:09 22/02/2023" (seconds kept: the records say when exactly). */
export function dateTime(iso: string | undefined): string {
  const f = iso ? fields(iso) : null
  return f ? `${f.hour}:${f.minute}:${f.second} ${f.day}/${f.month}/${f.year}` : '—'
}

/** "08:05" */
export function clock(iso: string | undefined): string {
  const f = iso ? fields(iso) : null
  return f ? `${f.hour}:${f.minute}` : '—'
}

/** "08:05:09" */
export function clockSeconds(iso: string | undefined): string {
  const f = iso ? fields(iso) : null
  return f ? `${f.hour}:${f.minute}:${f.second}` : '—'
}

/** "22/02/2023" */
export function day(iso: string | undefined): string {
  const f = iso ? fields(iso) : null
  return f ? `${f.day}/${f.month}/${f.year}` : '—'
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
