/**
 * Size limits of what a client may send, and the cheap checks that run before any schema:
 * nothing unauthenticated is parsed, nothing authenticated is parsed past its route's limit, and
 * no refusal costs more to write than the request cost to send.
 */
import { MAX_SIGNATURE_POINTS, MAX_SIGNATURE_STROKES } from '../../shared/conference/signing.js'
import type { Ack, ErrorBody } from '../../shared/errors.js'

/** A request without a valid token is answered before its body is read; one declaring more than this is refused outright. */
export const UNAUTHENTICATED_BODY_LIMIT = 16 * 1024

/**
 * The largest legitimate command: a `pledge.sign` at the limits (6,000 points of
 * `[0.1234,0.5678,123456]`, about 140 KB as JSON), with room for names and the envelope.
 * Also Socket.IO's `maxHttpBufferSize`: no frame may be larger (measured in server/hardening.test.ts).
 */
export const COMMAND_BODY_LIMIT = 256 * 1024
export const SOCKET_MESSAGE_LIMIT = COMMAND_BODY_LIMIT

/** Shapes no command has: checked by walking the value before zod sees it. */
export const MAX_KEYS_PER_OBJECT = 64
export const MAX_DEPTH = 12
/** Values in one command: a signature at its limits has about 4 per point plus its strokes. */
export const MAX_NODES = MAX_SIGNATURE_POINTS * 4 + MAX_SIGNATURE_STROKES + 2000

/**
 * Why this value cannot be a command, found cheaply (stops at the first excess), or null.
 * A command with 150,000 unknown keys is refused here in well under a millisecond, with a
 * short answer, instead of drawing a 1.8 MB list of the keys from the schema.
 */
export function shapeProblem(value: unknown): string | null {
  let nodes = 0
  const stack: [unknown, number][] = [[value, 0]]
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth] = top
    if (++nodes > MAX_NODES) return `the command holds more than ${MAX_NODES} values`
    if (v === null || typeof v !== 'object') continue
    if (depth >= MAX_DEPTH) return `the command is nested deeper than ${MAX_DEPTH} levels`
    if (Array.isArray(v)) {
      if (v.length > MAX_NODES) return `the command holds more than ${MAX_NODES} values`
      for (const item of v) stack.push([item, depth + 1])
      continue
    }
    let keys = 0
    for (const k in v) {
      if (++keys > MAX_KEYS_PER_OBJECT) return `an object in the command has more than ${MAX_KEYS_PER_OBJECT} fields`
      stack.push([Reflect.get(v, k), depth + 1])
    }
  }
  return null
}

const MAX_MESSAGE = 300
const MAX_PARAM = 120
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/** An error body no longer than a few hundred bytes whatever the input: messages and params cut. */
export function capError(error: ErrorBody): ErrorBody {
  const out: ErrorBody = { ...error, message: cut(error.message, MAX_MESSAGE) }
  if (typeof error.field === 'string') out.field = cut(error.field, MAX_PARAM)
  if (error.params && typeof error.params === 'object') {
    out.params = Object.fromEntries(
      Object.entries(error.params).slice(0, 8).map(([k, v]) => [cut(k, 40), typeof v === 'string' ? cut(v, MAX_PARAM) : v]),
    )
  }
  return out
}

/** An ack with its error capped; a success passes unchanged. */
export function capAnswer(a: Ack): Ack {
  return a.ok ? a : { ...a, error: capError(a.error) }
}
