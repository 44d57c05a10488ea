/** The signing's reducers: open, close, sign, void, complete, witness. */
import { unreachable } from '../decision.js'
import type { ContractEvent } from '../define.js'
import { patcher } from '../feature.js'
import type { signingContract } from './contract.js'
import type { Bloc, SigningSlice } from './state.js'

const patch = patcher<SigningSlice>()
const updateBloc = (state: SigningSlice, blocId: string, f: (b: Bloc) => Bloc) => state.blocs.map((b) => (b.id === blocId ? f(b) : b))

/** The signing reducer: one case per event of its contract. */
export function evolveSigning<X extends SigningSlice>(state: X, event: ContractEvent<typeof signingContract>): X {
  switch (event.type) {
    case 'pledge.signingOpened': {
      const wasOpen = state.signing.status === 'open'
      const before = wasOpen ? state.signing.openBlocIds : []
      const { blocIds } = event.data
      // Every bloc stays every bloc; a set grows by the blocs named.
      const openBlocIds = !blocIds || (wasOpen && !before) ? undefined : [...new Set([...(before ?? []), ...blocIds])]
      const { openBlocIds: _old, ...signing } = state.signing
      return patch(state, { signing: { ...signing, status: 'open', openedAt: wasOpen ? state.signing.openedAt : event.at, ...(openBlocIds ? { openBlocIds } : {}) } })
    }
    case 'pledge.signingClosed':
      return patch(state, { signing: { ...state.signing, status: 'closed' } })
    case 'pledge.signed': {
      const { at, data: { blocId, contentHash, strokes, signerName, behalf } } = event
      return patch(state, { blocs: updateBloc(state, blocId, (b) => ({ ...b, signature: { at, signerName, ...(behalf ? { behalf } : {}), contentHash, strokes } })) })
    }
    case 'pledge.voided': {
      const { at, data: { blocId, reason } } = event
      return patch(state, {
        blocs: updateBloc(state, blocId, ({ signature, ...b }) => (signature ? { ...b, voided: [...(b.voided ?? []), { ...signature, voidedAt: at, reason }] } : b)),
        signing: state.signing.status === 'completed' ? { ...state.signing, status: 'open' } : state.signing,
      })
    }
    case 'pledge.signingCompleted':
      return patch(state, { signing: { ...state.signing, status: 'completed' } })
    case 'pledge.witnessed':
      return patch(state, { signing: { ...state.signing, witnessedAt: event.at, witnessName: event.data.witnessName } })
    default:
      return unreachable(event)
  }
}
