/** Rules of the signing slice: open (all or some blocs), close, sign, void, witness. */
import { blocOpen, signatureProblem } from '../../shared/conference/signing.js'
import type { NewEvent } from '../../shared/events.js'
import { ErrorReason as R } from '../../shared/errors.js'
import { accept, refuse, type Rules } from './decision.js'

export const signingRules: Rules<'pledge.openSigning' | 'pledge.closeSigning' | 'pledge.sign' | 'pledge.void' | 'pledge.witness'> = {
  'pledge.openSigning': {
    roles: ['host'],
    decide: (state, cmd) => {
      if (state.status !== 'live') return refuse('conflict', `signing can open only while the conference is live; it is ${state.status}`, R.conferenceNotLive, { status: state.status })
      if (state.blocs.length === 0) return refuse('conflict', 'there are no blocs whose pledges could be signed', R.signingNoBlocs)
      const { blocIds } = cmd.data
      if (blocIds) {
        if (new Set(blocIds).size !== blocIds.length) return refuse('invalid', 'data.blocIds: a bloc is named twice', R.fieldDuplicate, undefined, 'blocIds')
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
    },
  },
  'pledge.closeSigning': {
    roles: ['host'],
    decide: (state) =>
      state.signing.status === 'open' ? accept({ type: 'pledge.signingClosed', data: {} }) : refuse('conflict', `signing is ${state.signing.status}, not open`, R.signingNotOpen, { status: state.signing.status }),
  },
  'pledge.sign': {
    roles: ['signer'],
    subject: (actor, cmd) => (cmd.data.blocId === actor.blocId ? null : `this signer may sign only the pledge of bloc ${actor.blocId}, not ${cmd.data.blocId}`),
    decide: (state, cmd, actor) => {
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
      const signed: NewEvent = {
        type: 'pledge.signed',
        data: { blocId: bloc.id, contentHash: cmd.data.contentHash, strokes: cmd.data.strokes, signerName, ...(behalf ? { behalf } : {}) },
      }
      const allSigned = state.blocs.every((b) => b.id === bloc.id || b.signature)
      return allSigned ? accept(signed, { type: 'pledge.signingCompleted', data: {} }) : accept(signed)
    },
  },
  'pledge.void': {
    roles: ['host'],
    decide: (state, cmd) => {
      const bloc = state.blocs.find((b) => b.id === cmd.data.blocId)
      if (!bloc) return refuse('not_found', `data.blocId: there is no bloc ${cmd.data.blocId}`, R.signingNoBloc, undefined, 'blocId')
      if (!bloc.signature) return refuse('conflict', `the pledge of ${bloc.name} has no signature to void`, R.signingNothingToVoid, { bloc: bloc.name })
      if (state.signing.witnessedAt) return refuse('conflict', 'the signing has been witnessed; its signatures can no longer be voided', R.signingWitnessed)
      return accept({ type: 'pledge.voided', data: { blocId: bloc.id, reason: cmd.data.reason } })
    },
  },
  'pledge.witness': {
    roles: ['host'],
    decide: (state, cmd) => {
      if (state.signing.status !== 'completed') return refuse('conflict', 'the signing can be witnessed only after every bloc has signed', R.signingNotComplete)
      if (state.signing.witnessedAt) return refuse('conflict', 'the signing has already been witnessed', R.signingWitnessed)
      return accept({ type: 'pledge.witnessed', data: cmd.data.witnessName ? { witnessName: cmd.data.witnessName } : {} })
    },
  },
}
