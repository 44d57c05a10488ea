/** Reading an HTTP refusal's body (`{ error: { reason, message } }`) without trusting its shape. */

/** The refusal's reason (`token.revoked`, …), else its message (an older server), else `token.unknown`. */
export function refusalReason(body: unknown): string {
  const error = typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null ? body.error : {}
  if ('reason' in error && typeof error.reason === 'string') return error.reason
  if ('message' in error && typeof error.message === 'string') return error.message
  return 'token.unknown'
}
