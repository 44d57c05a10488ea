/** The signing slice of the state: the blocs with their pledges and signatures, and the signing's status. */
import { z } from 'zod'
import { Id, Sha256Hex, Text } from '../../kernel.js'
import type { Lifecycle } from '../lifecycle.js'

/** One stroke: points [x, y, t], x and y in 0..1 of the pad, t in ms from the stroke's start. */
export const Point = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1), z.number().min(0).max(600_000)])
export const Stroke = z.array(Point).min(1, 'a stroke needs at least one point').max(5000)
export const Strokes = z
  .array(Stroke)
  .min(1, 'a signature needs at least one stroke')
  .max(200)
  .refine((s) => s.reduce((n, st) => n + st.length, 0) <= 20_000, 'a signature may have at most 20000 points')
export type Strokes = z.infer<typeof Strokes>

/** A bloc's signature as the log recorded it. */
export const Signature = z.object({
  at: z.string(),
  /** Who signed. */
  signerName: z.string(),
  /** The line above the name when someone signs for the head ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "TM. …"). */
  behalf: z.string().optional(),
  contentHash: Sha256Hex,
  strokes: Strokes,
})
export type Signature = z.infer<typeof Signature>

export const Bloc = z.object({
  id: Id,
  name: Text(200),
  /** The head unit (đơn vị trưởng khối). */
  headUnit: Text(300),
  /** The person who signs for the head unit, shown under the signature. */
  signerName: Text(200).optional(),
  /** Member units of the bloc. */
  members: z.array(z.string()).optional(),
  pledge: z.object({ text: z.string().min(1).max(20_000), contentHash: Sha256Hex }),
  signature: Signature.optional(),
  /** Signatures the host voided, oldest first: they stay in the history and on the documents. */
  voided: z.array(Signature.extend({ voidedAt: z.string(), reason: z.string() })).optional(),
})
export type Bloc = z.infer<typeof Bloc>

export const SigningStatus = z.enum(['closed', 'open', 'completed'])
export type SigningStatus = z.infer<typeof SigningStatus>

/** What the signing feature keeps in `ConferenceState`. */
export interface SigningSlice {
  blocs: Bloc[]
  signing: {
    status: SigningStatus
    openedAt?: string
    /** The blocs that may sign now, in the order the host opened them; absent: every bloc. */
    openBlocIds?: string[]
    witnessedAt?: string
    witnessName?: string
  }
}

/** The signing before the conference's setup: no blocs, closed. */
export const emptySigning = (): SigningSlice => ({ blocs: [], signing: { status: 'closed' } })

/** What the signing's rules read: its slice, and where the conference stands. */
export type SigningView = SigningSlice & Lifecycle

/** Whether a bloc may sign now. */
export function blocOpen(state: SigningSlice, blocId: string): boolean {
  const open = state.signing.openBlocIds
  return state.signing.status === 'open' && (!open || open.includes(blocId))
}
