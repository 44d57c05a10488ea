/** What the signer's page says, decided from the state alone (plain logic, tested without a browser). */
import { blocOpen } from '../../../shared/conference/signing.js'
import type { Bloc, ConferenceState } from '../../../shared/domain.js'
import type { ErrorCode } from '../../../shared/errors.js'

/**
 * - `notOpen`: the organisers have not opened signing yet; `closed`: they opened it, then closed it;
 * - `notYourTurn`: open for other blocs, not yet for this one; `open`: this bloc may sign;
 * - `signedHere` / `signedElsewhere` / `signed`: signed by this device, by another device while
 *   this one was drawing, or before this page knew anything; `ended`: the conference is over.
 */
export type SignPhase = 'loading' | 'noBloc' | 'notOpen' | 'closed' | 'notYourTurn' | 'open' | 'signedHere' | 'signedElsewhere' | 'signed' | 'ended'

export function signPhase(a: { state: ConferenceState; bloc: Bloc | null; hasActor: boolean; mine: boolean; drewHere: boolean }): SignPhase {
  const { state, bloc } = a
  if (!bloc) return a.hasActor && state.id ? 'noBloc' : 'loading'
  if (bloc.signature) return a.mine ? 'signedHere' : a.drewHere ? 'signedElsewhere' : 'signed'
  if (state.status === 'ended') return 'ended'
  if (blocOpen(state, bloc.id)) return 'open'
  if (state.signing.status === 'open') return 'notYourTurn'
  return state.signing.openedAt ? 'closed' : 'notOpen'
}

/** The kind of problem `signatureProblem` (or the server's `data.strokes: …`) named. */
export function strokeProblemKey(message: string): 'blank' | 'dot' | 'short' | 'line' | 'other' {
  if (/blank/.test(message)) return 'blank'
  if (/dot/.test(message)) return 'dot'
  if (/too short/.test(message)) return 'short'
  if (/straight line/.test(message)) return 'line'
  return 'other'
}

/** Words for a refusal of `pledge.sign`, chosen by its code and what it says, never the raw English. */
export function refusalKey(code: ErrorCode, message: string): 'changed' | 'notOpen' | 'signed' | 'forbidden' | 'notFound' | 'ended' | 'other' {
  if (code === 'forbidden') return 'forbidden'
  if (code === 'not_found') return 'notFound'
  if (code === 'conflict') {
    if (/hash|text|changed/i.test(message)) return 'changed'
    if (/already signed|signed/i.test(message)) return 'signed'
    if (/ended/i.test(message)) return 'ended'
    return 'notOpen'
  }
  return 'other'
}
