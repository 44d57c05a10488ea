/** The signing's rules: open (all or some blocs), close, sign, void, witness. */
import { RequestReason } from '../../error-codes.js'
import type { Actor } from '../../kernel.js'
import { accept, refuse, unreachable, type ContractDecision, type DecideClock, type Rights } from '../decision.js'
import type { ContractCommand, ContractNewEvent } from '../define.js'
import { LifecycleReason } from '../lifecycle.js'
import { signingContract } from './contract.js'
import { signatureProblem } from './signature.js'
import { blocOpen, type SigningView } from './state.js'

/** A signing command (of type `T`), and what a signing rule decides. */
type CommandOf<T extends string = string> = ContractCommand<typeof signingContract, T>
type Decision = ContractDecision<typeof signingContract>
/** The signing's own refusal reasons, from its contract. */
const R = signingContract.reasons

/** Who may send each signing command, and on which subject. */
export const signingRights: Rights<typeof signingContract> = {
  roles: { 'pledge.openSigning': ['host'], 'pledge.closeSigning': ['host'], 'pledge.sign': ['signer'], 'pledge.void': ['host'], 'pledge.witness': ['host'] },
  // A signer signs only its own bloc's pledge.
  subject: (actor, cmd) =>
    cmd.type === 'pledge.sign' && cmd.data.blocId !== actor.blocId ? `this signer may sign only the pledge of bloc ${actor.blocId}, not ${cmd.data.blocId}` : null,
}

function openSigning(state: SigningView, cmd: CommandOf<'pledge.openSigning'>): Decision {
  if (state.status !== 'live') return refuse('conflict', `signing can open only while the conference is live; it is ${state.status}`, LifecycleReason.conferenceNotLive, { status: state.status })
  if (state.blocs.length === 0) return refuse('conflict', 'there are no blocs whose pledges could be signed', R.signingNoBlocs)
  const { blocIds } = cmd.data
  if (blocIds) {
    if (new Set(blocIds).size !== blocIds.length) return refuse('invalid', 'data.blocIds: a bloc is named twice', RequestReason.fieldDuplicate, undefined, 'blocIds')
    const unknown = blocIds.find((id) => !state.blocs.some((b) => b.id === id))
    if (unknown) return refuse('not_found', `data.blocIds: there is no bloc ${unknown}`, R.signingNoBloc, undefined, 'blocIds')
  }
  if (state.signing.status === 'completed') return refuse('conflict', 'every bloc has signed; the signing is complete', R.signingCompleted)
  if (state.signing.status === 'open') {
    // Already open: only adding blocs to an open set means something.
    const open = state.signing.openBlocIds
    if (!open) return refuse('conflict', 'signing is already open for every bloc', R.signingAlreadyOpen)
    const added = blocIds ? blocIds.filter((id) => !open.includes(id)) : state.blocs.map((b) => b.id).filter((id) => !open.includes(id))
    if (!added.length) return refuse('conflict', 'signing is already open for these blocs', R.signingAlreadyOpen)
    return accept({ type: 'pledge.signingOpened', data: blocIds ? { blocIds: added } : {} })
  }
  return accept({ type: 'pledge.signingOpened', data: blocIds ? { blocIds } : {} })
}

function closeSigning(state: SigningView): Decision {
  return state.signing.status === 'open'
    ? accept({ type: 'pledge.signingClosed', data: {} })
    : refuse('conflict', `signing is ${state.signing.status}, not open`, R.signingNotOpen, { status: state.signing.status })
}

function sign(state: SigningView, cmd: CommandOf<'pledge.sign'>, actor: Actor): Decision {
  const bloc = state.blocs.find((b) => b.id === cmd.data.blocId)
  if (!bloc) return refuse('not_found', `data.blocId: there is no bloc ${cmd.data.blocId}`, R.signingNoBloc, undefined, 'blocId')
  if (bloc.signature) return refuse('conflict', `the pledge of ${bloc.name} is already signed`, R.signingAlreadySigned, { bloc: bloc.name })
  if (state.signing.status !== 'open') return refuse('conflict', `signing is ${state.signing.status}; the host must open it first`, R.signingNotOpen, { status: state.signing.status })
  if (!blocOpen(state, bloc.id)) return refuse('conflict', `signing is not open yet for ${bloc.name}; the host opens the blocs in order`, R.signingBlocNotOpen, { bloc: bloc.name })
  if (bloc.pledge.contentHash !== cmd.data.contentHash) {
    return refuse('conflict', 'data.contentHash: the pledge text has changed since it was shown; reload it and sign again', R.signingTextChanged, { bloc: bloc.name })
  }
  const problem = signatureProblem(cmd.data.strokes)
  if (problem) return refuse('invalid', `data.strokes: ${problem}`, R.signingNotASignature, undefined, 'strokes')
  const signerName = cmd.data.signerName ?? bloc.signerName ?? actor.label ?? `Trưởng ${bloc.name}`
  const { behalf } = cmd.data
  const signed: ContractNewEvent<typeof signingContract> = {
    type: 'pledge.signed',
    data: { blocId: bloc.id, contentHash: cmd.data.contentHash, strokes: cmd.data.strokes, signerName, ...(behalf ? { behalf } : {}) },
  }
  const allSigned = state.blocs.every((b) => b.id === bloc.id || b.signature)
  return allSigned ? accept(signed, { type: 'pledge.signingCompleted', data: {} }) : accept(signed)
}

function voidSignature(state: SigningView, cmd: CommandOf<'pledge.void'>): Decision {
  const bloc = state.blocs.find((b) => b.id === cmd.data.blocId)
  if (!bloc) return refuse('not_found', `data.blocId: there is no bloc ${cmd.data.blocId}`, R.signingNoBloc, undefined, 'blocId')
  if (!bloc.signature) return refuse('conflict', `the pledge of ${bloc.name} has no signature to void`, R.signingNothingToVoid, { bloc: bloc.name })
  // The chairman witnessed what was signed by then; a signature made afterwards may still be voided.
  if (state.signing.witnessedAt && bloc.signature.at <= state.signing.witnessedAt) return refuse('conflict', 'this signature was witnessed; it can no longer be voided', R.signingWitnessed)
  return accept({ type: 'pledge.voided', data: { blocId: bloc.id, reason: cmd.data.reason } })
}

function witness(state: SigningView, cmd: CommandOf<'pledge.witness'>): Decision {
  // The chairman may witness at any moment once a bloc has signed (often while the last ones still sign).
  if (!state.blocs.some((b) => b.signature)) return refuse('conflict', 'the signing can be witnessed once a bloc has signed; none has yet', R.signingNothingSigned)
  if (state.signing.witnessedAt) return refuse('conflict', 'the signing has already been witnessed', R.signingWitnessed)
  return accept({ type: 'pledge.witnessed', data: cmd.data.witnessName ? { witnessName: cmd.data.witnessName } : {} })
}

/** The signing rules: one named function per command, routed by an exhaustive switch. */
export function decideSigning(state: SigningView, cmd: CommandOf, actor: Actor, _clock: DecideClock): Decision {
  switch (cmd.type) {
    case 'pledge.openSigning': return openSigning(state, cmd)
    case 'pledge.closeSigning': return closeSigning(state)
    case 'pledge.sign': return sign(state, cmd, actor)
    case 'pledge.void': return voidSignature(state, cmd)
    case 'pledge.witness': return witness(state, cmd)
    default: return unreachable(cmd)
  }
}
