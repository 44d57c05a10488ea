/**
 * The pledge signing (ký kết giao ước thi đua): opened and closed by the host, signed by each
 * bloc head, completed after the last bloc, witnessed by the chairman.
 */
import { z } from 'zod'
import { Id, Sha256Hex, Strokes, Text } from '../domain.js'
import type { Evolvers } from './envelope.js'

const Empty = z.object({}).strict()

export const SignPledge = z
  .object({ blocId: Id, contentHash: Sha256Hex, strokes: Strokes, signerName: Text(200).optional() })
  .strict()
export const WitnessSigning = z.object({ witnessName: Text(200).optional() }).strict()

export const signingCommands = {
  'pledge.openSigning': Empty,
  'pledge.closeSigning': Empty,
  'pledge.sign': SignPledge,
  'pledge.witness': WitnessSigning,
}

export const signingEvents = {
  'pledge.signingOpened': z.object({}),
  'pledge.signingClosed': z.object({}),
  'pledge.signed': z.object({ blocId: Id, contentHash: Sha256Hex, strokes: Strokes, signerName: z.string() }),
  'pledge.signingCompleted': z.object({}),
  'pledge.witnessed': z.object({ witnessName: z.string().optional() }),
}
export type SigningEvents = { [T in keyof typeof signingEvents]: z.infer<(typeof signingEvents)[T]> }

export const signingEvolvers: Evolvers<SigningEvents> = {
  'pledge.signingOpened': (state, { at }) => ({ ...state, signing: { ...state.signing, status: 'open', openedAt: at } }),
  'pledge.signingClosed': (state) => ({ ...state, signing: { ...state.signing, status: 'closed' } }),
  'pledge.signed': (state, { at, data: { blocId, contentHash, strokes, signerName } }) => ({
    ...state,
    blocs: state.blocs.map((b) => (b.id === blocId ? { ...b, signature: { at, signerName, contentHash, strokes } } : b)),
  }),
  'pledge.signingCompleted': (state) => ({ ...state, signing: { ...state.signing, status: 'completed' } }),
  'pledge.witnessed': (state, { at, data }) => ({ ...state, signing: { ...state.signing, witnessedAt: at, witnessName: data.witnessName } }),
}
