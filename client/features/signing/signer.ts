/** What the signer's page says, decided from the state alone (plain logic, tested without a browser). */
import { blocOpen, signatureProblem as strokesProblem } from '../../../shared/conference/signing.js'
import type { Bloc, ConferenceState } from '../../../shared/domain.js'
import { ErrorReason, type ErrorBody } from '../../../shared/errors.js'

type Strokes = readonly (readonly (readonly [number, number, number])[])[]

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

/** A `signing.problem.*` key: what is wrong with the strokes as a signature. */
export type StrokeProblem = 'blank' | 'dot' | 'shortStroke' | 'short' | 'line' | 'other'

/**
 * What is wrong with these strokes as a signature (null: nothing), by the same rule the server
 * applies (shared/conference/signing.ts); the page checks before sending, and names the problem
 * again when the server refuses the strokes (`signing.notASignature`).
 */
export function signatureProblem(strokes: Strokes): StrokeProblem | null {
  const problem = strokesProblem(strokes)
  if (!problem) return null
  // The shared rule says its problem in one English sentence per kind; the kind is read from it here only.
  return /blank/.test(problem) ? 'blank' : /dot/.test(problem) ? 'dot' : /short stroke/.test(problem) ? 'shortStroke' : /too short/.test(problem) ? 'short' : /straight line/.test(problem) ? 'line' : 'other'
}

/** A `signing.refused.*` key: a refusal of `pledge.sign`, by its reason. */
export type SignRefusal = 'changed' | 'notOpen' | 'signed' | 'forbidden' | 'notFound' | 'ended' | 'other'

const REFUSAL_OF_REASON: Partial<Record<ErrorReason, SignRefusal>> = {
  [ErrorReason.signingTextChanged]: 'changed',
  [ErrorReason.signingAlreadySigned]: 'signed',
  [ErrorReason.signingNotOpen]: 'notOpen',
  [ErrorReason.signingBlocNotOpen]: 'notOpen',
  [ErrorReason.conferenceNotLive]: 'notOpen',
  [ErrorReason.conferenceEnded]: 'ended',
  [ErrorReason.signingNoBloc]: 'notFound',
  [ErrorReason.roleForbidden]: 'forbidden',
  [ErrorReason.subjectForbidden]: 'forbidden',
}

/** Words for a refusal of `pledge.sign`, chosen by its coded reason (then its code), never its English message. */
export function signRefusal(error: Pick<ErrorBody, 'code' | 'reason'>): SignRefusal {
  const known = error.reason ? REFUSAL_OF_REASON[error.reason] : undefined
  if (known) return known
  return error.code === 'forbidden' ? 'forbidden' : error.code === 'not_found' ? 'notFound' : 'other'
}
