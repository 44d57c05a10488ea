/**
 * Refusals in people's words: a server error (code, reason, field, params) becomes one sentence,
 * Vietnamese first, saying what happened and what to do. The wire `message` (English, for
 * scripts) is never shown; neither is an id.
 */
import { DEFAULT_TIME_ZONE } from '../../shared/domain.js'
import type { ErrorBody, ErrorParams } from '../../shared/errors.js'
import { i18n } from './i18n.js'
import { formatNumber, formatTime } from './format.js'

/** What a page may hold of an error: at least its code (an HTTP answer's, possibly one this page does not know). */
export interface ShownError {
  code: ErrorBody['code'] | (string & {})
  reason?: string
  field?: string
  params?: ErrorParams
  message?: string
}

const t = (key: string, params?: Record<string, unknown>): string => (params ? i18n.global.t(key, params) : i18n.global.t(key))
const te = (key: string): boolean => i18n.global.te(key) || i18n.global.te(key, 'vi')

/** The label of a payload field ("attendees" → "Số người dự"); "awards.3.id" names the list. */
export function fieldLabel(field: string | undefined): string {
  const head = field?.split('.')[0]
  return head && te(`refusal.fields.${head}`) ? t(`refusal.fields.${head}`) : t('refusal.field')
}

function actionLabel(command: unknown): string {
  return typeof command === 'string' && te(`refusal.actions.${command}`) ? t(`refusal.actions.${command}`) : t('refusal.anyAction')
}

/** The params as the sentence shows them: numbers the local way, roles, statuses and actions in words. */
function shownParams(error: ShownError, timeZone: string): Record<string, string> {
  const p: ErrorParams = { ...error.params }
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(p)) out[k] = typeof v === 'number' ? formatNumber(v, i18n.global.locale.value) : v
  out.field = fieldLabel(error.field)
  const row = error.field?.split('.')[1]
  if (out.row === undefined && row !== undefined && /^\d+$/.test(row)) out.row = formatNumber(Number(row) + 1, i18n.global.locale.value)
  if (typeof p.role === 'string') out.role = te(`refusal.roles.${p.role}`) ? t(`refusal.roles.${p.role}`) : t('refusal.roles.viewer')
  if (typeof p.status === 'string' && te(`refusal.statuses.${p.status}`)) out.status = t(`refusal.statuses.${p.status}`)
  if (typeof p.kind === 'string' && te(`refusal.siteKinds.${p.kind}`)) out.kind = t(`refusal.siteKinds.${p.kind}`)
  // Instants are shown as times in the conference's zone, never as ISO strings.
  if (typeof p.at === 'string' && !Number.isNaN(Date.parse(p.at))) out.at = formatTime(p.at, timeZone)
  out.action = actionLabel(p.command)
  return out
}

/** One sentence for a refusal, in the page's language; the times it names in `timeZone` (the conference's). */
export function errorText(error: ShownError, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (error.reason && te(`refusal.reasons.${error.reason}`)) return t(`refusal.reasons.${error.reason}`, shownParams(error, timeZone))
  return te(`refusal.generic.${error.code}`) ? t(`refusal.generic.${error.code}`) : t('refusal.generic.internal')
}

export type AccessRefusal = 'missing' | 'unknown' | 'revoked' | 'reissued' | 'expired' | 'busy' | 'server' | 'other'

const ACCESS_OF_REASON: Record<string, AccessRefusal> = {
  'token.missing': 'missing', 'token.unknown': 'unknown', 'token.revoked': 'revoked', 'token.reissued': 'reissued',
  'token.expired': 'expired', 'rate.limited': 'busy',
}

/** Why the server refused this page's access link: from the refusal's reason, else from its (older server's) message. */
export function accessRefusal(reasonOrMessage: string | null | undefined): AccessRefusal {
  const known = ACCESS_OF_REASON[reasonOrMessage ?? '']
  if (known) return known
  const m = (reasonOrMessage ?? '').toLowerCase()
  return m.startsWith('missing token') ? 'missing'
    : m.includes('replaced by a new') ? 'reissued'
    : m.includes('revoked by') ? 'revoked'
    : m.includes('unknown or revoked') ? 'unknown'
    : m.includes('expired') ? 'expired'
    : m.includes('wait') || m.includes('too many') ? 'busy'
    : m.includes('could not check') ? 'server'
    : 'other'
}

/** Why the server refused this page's access link, in people's words. */
export function accessRefusalText(reasonOrMessage: string | null | undefined): string {
  return t(`refusal.access.${accessRefusal(reasonOrMessage)}`)
}
