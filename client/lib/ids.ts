/**
 * A UUID v4 for command ids. `crypto.randomUUID` exists only in secure contexts (https or
 * localhost); a district hall opening http://192.168.x.x still gets getRandomValues.
 */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  // The version (4) and variant (10) bits; a Uint8Array reads 0 past its end, never undefined here.
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
