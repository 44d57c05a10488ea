/** Rules of the signing slice: open, close, sign, witness. */
import type { NewEvent } from '../../shared/events.js'
import { accept, refuse, type Rules } from './decision.js'

export const signingRules: Rules<'pledge.openSigning' | 'pledge.closeSigning' | 'pledge.sign' | 'pledge.witness'> = {
  'pledge.openSigning': {
    roles: ['host'],
    decide: (state) => {
      if (state.status !== 'live') return refuse('conflict', `signing can open only while the conference is live; it is ${state.status}`)
      if (state.signing.status !== 'closed') return refuse('conflict', `signing is already ${state.signing.status}`)
      if (state.blocs.length === 0) return refuse('conflict', 'there are no blocs whose pledges could be signed')
      return accept({ type: 'pledge.signingOpened', data: {} })
    },
  },
  'pledge.closeSigning': {
    roles: ['host'],
    decide: (state) =>
      state.signing.status === 'open' ? accept({ type: 'pledge.signingClosed', data: {} }) : refuse('conflict', `signing is ${state.signing.status}, not open`),
  },
  'pledge.sign': {
    roles: ['signer'],
    subject: (actor, cmd) => (cmd.data.blocId === actor.blocId ? null : `this signer may sign only the pledge of bloc ${actor.blocId}, not ${cmd.data.blocId}`),
    decide: (state, cmd, actor) => {
      const bloc = state.blocs.find((b) => b.id === cmd.data.blocId)
      if (!bloc) return refuse('not_found', `data.blocId: there is no bloc ${cmd.data.blocId}`)
      if (state.signing.status !== 'open') return refuse('conflict', `signing is ${state.signing.status}; the host must open it first`)
      if (bloc.signature) return refuse('conflict', `the pledge of ${bloc.name} is already signed`)
      if (bloc.pledge.contentHash !== cmd.data.contentHash) {
        return refuse('conflict', 'data.contentHash: the pledge text has changed since it was shown; reload it and sign again')
      }
      const signerName = cmd.data.signerName ?? bloc.signerName ?? actor.label ?? `Trưởng ${bloc.name}`
      const signed: NewEvent = { type: 'pledge.signed', data: { blocId: bloc.id, contentHash: cmd.data.contentHash, strokes: cmd.data.strokes, signerName } }
      const allSigned = state.blocs.every((b) => b.id === bloc.id || b.signature)
      return allSigned ? accept(signed, { type: 'pledge.signingCompleted', data: {} }) : accept(signed)
    },
  },
  'pledge.witness': {
    roles: ['host'],
    decide: (state, cmd) => {
      if (state.signing.status !== 'completed') return refuse('conflict', 'the signing can be witnessed only after every bloc has signed')
      if (state.signing.witnessedAt) return refuse('conflict', 'the signing has already been witnessed')
      return accept({ type: 'pledge.witnessed', data: cmd.data.witnessName ? { witnessName: cmd.data.witnessName } : {} })
    },
  },
}
