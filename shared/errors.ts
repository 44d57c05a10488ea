/**
 * Coded failures: the codes, the reasons (the request's and the server's from ./error-codes.ts,
 * each feature's from its contract) and the zod failure made into a reason.
 */
import { ErrorCode, RequestReason, ServerReason, type ErrorDetailOf, type ErrorParams } from './error-codes.js'
import { FEATURE_REASONS } from './features/contracts.js'

export { ErrorCode, type ErrorParams }

/**
 * What exactly went wrong, finer than the code: a page turns `reason` and `params` into a
 * sentence in the reader's language (client/lib/errors.ts); `message` stays for scripts.
 * Every reason has a Vietnamese and an English text.
 */
export const ErrorReason = {
  ...RequestReason,
  // each feature's own: its contract in shared/features/<name>/contract.ts
  ...FEATURE_REASONS,
  ...ServerReason,
} as const
export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason]

/** The parts of an error beyond its code: what exactly, which field, with which values. */
export type ErrorDetail = ErrorDetailOf<ErrorReason>

export interface ErrorBody extends ErrorDetail {
  code: ErrorCode
  /** Plain English for scripts and logs: what was wrong, naming the field or id. Pages never show it raw. */
  message: string
}

/** A command's answer. Refused for rate or while the store is away, `retryAfterMs` says when to send it again (same id). */
export type Ack = { ok: true; seq: number; duplicate?: boolean } | { ok: false; error: ErrorBody; retryAfterMs?: number }

export function fail(code: ErrorCode, message: string, detail?: ErrorDetail): { ok: false; error: ErrorBody } {
  return { ok: false, error: { code, message, ...detail } }
}

/** The one zod issue a refusal reports, reduced to what `zodDetail` reads. */
interface ZodIssueLike {
  code: string
  path: PropertyKey[]
  message: string
  origin?: string
  minimum?: number | bigint
  maximum?: number | bigint
  expected?: string
  keys?: string[]
}

/**
 * A zod failure as a coded detail: the field (path without the envelope's `data.`), what is
 * wrong with it and the limit it broke, e.g. `{ reason: 'field.tooBig', field: 'attendees', params: { max: 100000 } }`.
 */
export function zodDetail(error: { issues: readonly ZodIssueLike[] }): ErrorDetail {
  const issue = error.issues[0]
  if (!issue) return { reason: ErrorReason.fieldBadValue }
  const path = issue.path.map(String)
  if (path[0] === 'type' && path.length === 1) return { reason: ErrorReason.badCommand, field: 'type' }
  const field = (path[0] === 'data' ? path.slice(1) : path).join('.') || undefined
  const at = (reason: ErrorReason, params?: ErrorParams): ErrorDetail => ({ reason, ...(field ? { field } : {}), ...(params ? { params } : {}) })
  const n = (v: number | bigint | undefined) => Number(v ?? 0)
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return at(ErrorReason.fieldTooLong, { max: n(issue.maximum) })
      if (issue.origin === 'array' || issue.origin === 'set') return at(ErrorReason.fieldTooMany, { max: n(issue.maximum) })
      return at(ErrorReason.fieldTooBig, { max: n(issue.maximum) })
    case 'too_small':
      if (issue.origin === 'string') return n(issue.minimum) <= 1 ? at(ErrorReason.fieldEmpty) : at(ErrorReason.fieldTooShort, { min: n(issue.minimum) })
      if (issue.origin === 'array' || issue.origin === 'set') return at(ErrorReason.fieldTooFew, { min: n(issue.minimum) })
      return at(ErrorReason.fieldTooSmall, { min: n(issue.minimum) })
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return at(ErrorReason.fieldRequired)
      if (issue.expected === 'int') return at(ErrorReason.fieldNotWhole)
      return at(ErrorReason.fieldWrongType, { expected: issue.expected ?? '' })
    case 'invalid_format':
      return at(ErrorReason.fieldBadFormat)
    case 'custom': {
      // Person-facing text (shared/text.ts) says what is wrong in its message.
      const long = /at most (\d+) characters/.exec(issue.message)
      if (long) return at(ErrorReason.fieldTooLong, { max: Number(long[1]) })
      if (/must not be empty|no visible character/.test(issue.message)) return at(ErrorReason.fieldEmpty)
      if (/contains /.test(issue.message)) return at(ErrorReason.fieldHidden)
      return at(ErrorReason.fieldBadValue)
    }
    case 'unrecognized_keys':
      return { reason: ErrorReason.fieldUnknown, field: [...(path[0] === 'data' ? path.slice(1) : path), issue.keys?.[0] ?? ''].filter(Boolean).join('.'), params: { keys: (issue.keys ?? []).join(', ') } }
    default:
      return at(ErrorReason.fieldBadValue)
  }
}
