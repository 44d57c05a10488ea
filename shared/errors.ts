/** Every failure a client can see has one of these codes. */
export const ErrorCode = {
  invalid: 'invalid',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  rate_limited: 'rate_limited',
  internal: 'internal',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export interface ErrorBody {
  code: ErrorCode
  /** Plain words: what was wrong, naming the field or id. */
  message: string
}

export type Ack = { ok: true; seq: number; duplicate?: boolean } | { ok: false; error: ErrorBody }

export function fail(code: ErrorCode, message: string): { ok: false; error: ErrorBody } {
  return { ok: false, error: { code, message } }
}
