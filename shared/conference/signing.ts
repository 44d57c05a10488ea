/**
 * The pledge signing (ký kết giao ước thi đua): opened by the host for every bloc or a set of
 * them, signed by each bloc head (or someone signing on their behalf), voided by the host with
 * a reason when wrong (the void stays in the history), completed after the last bloc,
 * witnessed by the chairman.
 */
import { z } from 'zod'
import { Id, Point, Sha256Hex, Strokes, Text, type Bloc, type ConferenceState } from '../domain.js'
import type { Evolvers } from './envelope.js'

const Empty = z.object({}).strict()

export const OpenSigning = z
  .object({ blocIds: z.array(Id).min(1, 'name at least one bloc').max(200).optional() })
  .strict()
/**
 * What one signature may hold. A long real signature (a full name with a flourish, slowly, on a
 * tablet pad: a point each 2 px of travel) has about 1,500 points in 30 strokes, 600 in its longest:
 * these leave 3–4× headroom. The log's own schema (`Strokes` in ../domain.ts) stays wider, so
 * signatures stored before these limits still read back.
 */
export const MAX_SIGNATURE_STROKES = 100
export const MAX_STROKE_POINTS = 2000
export const MAX_SIGNATURE_POINTS = 6000
export const SubmittedStrokes = z
  .array(z.array(Point).min(1, 'a stroke needs at least one point').max(MAX_STROKE_POINTS, `a stroke may have at most ${MAX_STROKE_POINTS} points`))
  .min(1, 'a signature needs at least one stroke')
  .max(MAX_SIGNATURE_STROKES, `a signature may have at most ${MAX_SIGNATURE_STROKES} strokes`)
  .refine((s) => s.reduce((n, st) => n + st.length, 0) <= MAX_SIGNATURE_POINTS, `a signature may have at most ${MAX_SIGNATURE_POINTS} points`)

export const SignPledge = z
  .object({ blocId: Id, contentHash: Sha256Hex, strokes: SubmittedStrokes, signerName: Text(200).optional(), behalf: Text(200).optional() })
  .strict()
export const VoidSignature = z.object({ blocId: Id, reason: Text(500, { multiline: true }) }).strict()
export const WitnessSigning = z.object({ witnessName: Text(200).optional() }).strict()

export const signingCommands = {
  'pledge.openSigning': OpenSigning,
  'pledge.closeSigning': Empty,
  'pledge.sign': SignPledge,
  'pledge.void': VoidSignature,
  'pledge.witness': WitnessSigning,
}

export const signingEvents = {
  /** `blocIds`: the blocs opened (added to those already open); absent: every bloc. */
  'pledge.signingOpened': z.object({ blocIds: z.array(Id).optional() }),
  'pledge.signingClosed': z.object({}),
  'pledge.signed': z.object({ blocId: Id, contentHash: Sha256Hex, strokes: Strokes, signerName: z.string(), behalf: z.string().optional() }),
  'pledge.voided': z.object({ blocId: Id, reason: z.string() }),
  'pledge.signingCompleted': z.object({}),
  'pledge.witnessed': z.object({ witnessName: z.string().optional() }),
}
export type SigningEvents = { [T in keyof typeof signingEvents]: z.infer<(typeof signingEvents)[T]> }

/** Whether a bloc may sign now. */
export function blocOpen(state: ConferenceState, blocId: string): boolean {
  const open = state.signing.openBlocIds
  return state.signing.status === 'open' && (!open || open.includes(blocId))
}

const MIN_EXTENT = 0.04
const MIN_INK = 0.25
/**
 * Why these strokes are not a signature, or null: a blank pad, a dot or a short straight line
 * is refused on the page and again by the server. Sizes are in pad units (0..1).
 */
export function signatureProblem(strokes: readonly (readonly (readonly [number, number, number])[])[]): string | null {
  const points = strokes.flat()
  if (points.length < 2) return 'the signature is blank or a single dot; sign with your name'
  const xs = points.map((p) => p[0])
  const ys = points.map((p) => p[1])
  const width = Math.max(...xs) - Math.min(...xs)
  const height = Math.max(...ys) - Math.min(...ys)
  if (Math.max(width, height) < MIN_EXTENT) return 'the signature is only a dot; sign with your name'
  let ink = 0
  let turn = 0
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i++) {
      const [x0, y0] = stroke[i - 1]!
      const [x1, y1] = stroke[i]!
      ink += Math.hypot(x1 - x0, y1 - y0)
      if (i >= 2) {
        const [xa, ya] = stroke[i - 2]!
        turn += Math.abs((x0 - xa) * (y1 - y0) - (y0 - ya) * (x1 - x0))
      }
    }
  }
  if (ink < MIN_INK) return 'the signature is too short; sign with your full signature'
  if (strokes.length === 1 && (Math.min(width, height) < MIN_EXTENT * 0.5 || turn < 1e-4)) return 'the signature is a straight line; sign with your full signature'
  return null
}

const updateBloc = (state: ConferenceState, blocId: string, f: (b: Bloc) => Bloc) => state.blocs.map((b) => (b.id === blocId ? f(b) : b))

export const signingEvolvers: Evolvers<SigningEvents> = {
  'pledge.signingOpened': (state, { at, data }) => {
    const wasOpen = state.signing.status === 'open'
    const before = wasOpen ? state.signing.openBlocIds : []
    // Every bloc stays every bloc; a set grows by the blocs named.
    const openBlocIds = !data.blocIds || (wasOpen && !before) ? undefined : [...new Set([...(before ?? []), ...data.blocIds])]
    const { openBlocIds: _old, ...signing } = state.signing
    return { ...state, signing: { ...signing, status: 'open', openedAt: wasOpen ? state.signing.openedAt : at, ...(openBlocIds ? { openBlocIds } : {}) } }
  },
  'pledge.signingClosed': (state) => ({ ...state, signing: { ...state.signing, status: 'closed' } }),
  'pledge.signed': (state, { at, data: { blocId, contentHash, strokes, signerName, behalf } }) => ({
    ...state,
    blocs: updateBloc(state, blocId, (b) => ({ ...b, signature: { at, signerName, ...(behalf ? { behalf } : {}), contentHash, strokes } })),
  }),
  'pledge.voided': (state, { at, data: { blocId, reason } }) => ({
    ...state,
    blocs: updateBloc(state, blocId, ({ signature, ...b }) => (signature ? { ...b, voided: [...(b.voided ?? []), { ...signature, voidedAt: at, reason }] } : b)),
    signing: state.signing.status === 'completed' ? { ...state.signing, status: 'open' } : state.signing,
  }),
  'pledge.signingCompleted': (state) => ({ ...state, signing: { ...state.signing, status: 'completed' } }),
  'pledge.witnessed': (state, { at, data }) => ({ ...state, signing: { ...state.signing, witnessedAt: at, witnessName: data.witnessName } }),
}
