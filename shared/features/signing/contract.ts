/**
 * The pledge signing's contract (ký kết giao ước thi đua): opened by the host for every bloc or a
 * set of them, signed by each bloc head (or someone signing on their behalf), voided by the host
 * with a reason when wrong (the void stays in the history), completed after the last bloc,
 * witnessed by the chairman.
 */
import { z } from 'zod'
import { Empty, Id, Sha256Hex, Text } from '../../kernel.js'
import { command, defineContract, event } from '../define.js'
import { Point, Strokes } from './state.js'

/** Blocs one opening may name; the longest name and reason. */
const MAX_OPENED = 200
const NAME_CHARS = 200
const REASON_CHARS = 500

export const OpenSigning = z
  .object({ blocIds: z.array(Id).min(1, 'name at least one bloc').max(MAX_OPENED).optional() })
  .strict()
/**
 * What one signature may hold. A long real signature (a full name with a flourish, slowly, on a
 * tablet pad: a point each 2 px of travel) has about 1,500 points in 30 strokes, 600 in its longest:
 * these leave 3–4× headroom. The log's own schema (`Strokes` in ./state.ts) stays wider, so
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
  .object({ blocId: Id, contentHash: Sha256Hex, strokes: SubmittedStrokes, signerName: Text(NAME_CHARS).optional(), behalf: Text(NAME_CHARS).optional() })
  .strict()
export const VoidSignature = z.object({ blocId: Id, reason: Text(REASON_CHARS, { multiline: true }) }).strict()
export const WitnessSigning = z.object({ witnessName: Text(NAME_CHARS).optional() }).strict()

/** The signing contract: its commands, events (with versions and upcasts), refusal reasons and limits. */
export const signingContract = defineContract({
  name: 'signing',
  commands: [
    command('pledge.openSigning', OpenSigning),
    command('pledge.closeSigning', Empty),
    command('pledge.sign', SignPledge),
    command('pledge.void', VoidSignature),
    command('pledge.witness', WitnessSigning),
  ],
  events: {
    /** `blocIds`: the blocs opened (added to those already open); absent: every bloc. */
    'pledge.signingOpened': event(z.object({ blocIds: z.array(Id).optional() })),
    'pledge.signingClosed': event(z.object({})),
    'pledge.signed': event(z.object({ blocId: Id, contentHash: Sha256Hex, strokes: Strokes, signerName: z.string(), behalf: z.string().optional() })),
    'pledge.voided': event(z.object({ blocId: Id, reason: z.string() })),
    'pledge.signingCompleted': event(z.object({})),
    'pledge.witnessed': event(z.object({ witnessName: z.string().optional() })),
  },
  reasons: {
    signingNoBlocs: 'signing.noBlocs',
    signingNoBloc: 'signing.noBloc',
    signingCompleted: 'signing.completed',
    signingAlreadyOpen: 'signing.alreadyOpen',
    signingNotOpen: 'signing.notOpen',
    signingBlocNotOpen: 'signing.blocNotOpen',
    signingAlreadySigned: 'signing.alreadySigned',
    signingTextChanged: 'signing.textChanged',
    signingNotASignature: 'signing.notASignature',
    signingNothingToVoid: 'signing.nothingToVoid',
    signingWitnessed: 'signing.witnessed',
    signingNothingSigned: 'signing.nothingSigned',
  },
  limits: {
    'pledge.openSigning': { blocIds: MAX_OPENED },
    'pledge.sign': { strokes: MAX_SIGNATURE_STROKES, strokePoints: MAX_STROKE_POINTS, points: MAX_SIGNATURE_POINTS, signerName: NAME_CHARS },
    'pledge.void': { reason: REASON_CHARS },
    'pledge.witness': { witnessName: NAME_CHARS },
  },
})
