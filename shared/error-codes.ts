/**
 * The codes every failure has, and the reasons no feature owns: a payload's fields, who may send
 * it, the transport. Imports nothing, so every feature's rules may refuse with them;
 * ./errors.ts joins them with each feature's own reasons into `ErrorReason`.
 */

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

/** Reasons of a payload and of who sends it: the first of `ErrorReason`. */
export const RequestReason = {
  // a field of the payload (zod), with the field's name in `field`
  fieldRequired: 'field.required',
  fieldEmpty: 'field.empty',
  fieldTooLong: 'field.tooLong',
  fieldTooShort: 'field.tooShort',
  fieldTooBig: 'field.tooBig',
  fieldTooSmall: 'field.tooSmall',
  fieldTooMany: 'field.tooMany',
  fieldTooFew: 'field.tooFew',
  fieldNotWhole: 'field.notWhole',
  fieldWrongType: 'field.wrongType',
  fieldBadFormat: 'field.badFormat',
  fieldBadValue: 'field.badValue',
  fieldUnknown: 'field.unknown',
  fieldDuplicate: 'field.duplicate',
  fieldHidden: 'field.hidden',
  badCommand: 'command.unknown',
  // who may act
  roleForbidden: 'role.forbidden',
  subjectForbidden: 'role.subject',
  tokenUnknown: 'token.unknown',
  tokenMissing: 'token.missing',
  tokenRevoked: 'token.revoked',
  tokenExpired: 'token.expired',
  /** Revoked because the host gave the link a new token: the page should ask for that one. */
  tokenReissued: 'token.reissued',
} as const

/** Reasons of the transport and the server: the last of `ErrorReason`. */
export const ServerReason = {
  rateLimited: 'rate.limited',
  requestOrigin: 'request.origin',
  requestTooLarge: 'request.tooLarge',
  requestMalformed: 'request.malformed',
  internal: 'server.internal',
  /** The event store (Redis) cannot be reached or did not answer in time: retry with the same id. */
  storeUnavailable: 'server.storeUnavailable',
} as const

/** A reason no feature owns. */
export type CommonReason = (typeof RequestReason)[keyof typeof RequestReason] | (typeof ServerReason)[keyof typeof ServerReason]

/** Values a reason's sentence names: a limit, a title, a role. Never shown raw when it is an id. */
export type ErrorParams = Record<string, string | number>

/** The parts of an error beyond its code, its reason one of `R`: what exactly, which field, with which values. */
export interface ErrorDetailOf<R extends string> {
  reason?: R
  /** The payload field at fault, without the envelope's `data.` ("attendees", "awardIds.3"). */
  field?: string
  params?: ErrorParams
}
