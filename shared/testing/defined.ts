/** Tests and tools: a value that must be there, or a failure naming what was missing (instead of a `!`). */
export function defined<T>(value: T | null | undefined, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected a ${what}, got ${String(value)}`)
  return value
}
