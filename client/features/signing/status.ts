/** The signer's status line, by phase. */
import type { SignPhase } from './signer.js'

type T = (key: string, params?: Record<string, unknown>) => string

/** `signedAt`: the signature's time as the page shows it; `again`: an earlier signature was voided. */
export function signStatusText(t: T, phase: SignPhase, o: { signedAt: string; again: boolean }): string {
  switch (phase) {
    case 'open': return o.again ? t('signing.status.again') : t('signing.status.open')
    case 'notYourTurn': return t('signing.status.notYourTurn')
    case 'closed': return t('signing.status.closed')
    case 'ended': return t('signing.status.ended')
    case 'signedHere': return t('signing.status.signedHere', { time: o.signedAt })
    case 'signedElsewhere': return t('signing.status.signedElsewhere', { time: o.signedAt })
    case 'signed': return t('signing.status.signed', { time: o.signedAt })
    default: return t('signing.status.notOpen')
  }
}
