/** A duration as people say it: "14 phút", "10 phút 36 giây", "45 giây" (and in English). Pure. */
export function spokenDuration(ms: number, locale: string): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const en = locale === 'en'
  const parts: string[] = []
  if (h) parts.push(en ? `${h} h` : `${h} giờ`)
  if (m) parts.push(en ? `${m} min` : `${m} phút`)
  if (s || !parts.length) parts.push(en ? `${s} s` : `${s} giây`)
  return parts.join(' ')
}
