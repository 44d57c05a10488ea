/**
 * Live ink intake: what a signer's pad sends while the bloc head draws is checked (own bloc,
 * signing open for it, not yet signed, well-formed points) and relayed to every screen of the
 * conference, never stored. Malformed or unauthorized batches are dropped silently: ink is a
 * preview, the submitted signature is what counts.
 */
import { blocOpen } from '../../shared/conference/signing.js'
import type { Actor, ConferenceState } from '../../shared/domain.js'
import { MAX_INK_POINTS, type InkBatch } from '../../shared/protocol.js'

const isUnit = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1
const isPoint = (p: unknown): p is [number, number, number] =>
  Array.isArray(p) && p.length === 3 && isUnit(p[0]) && isUnit(p[1]) && typeof p[2] === 'number' && p[2] >= 0 && p[2] <= 600_000

/** The batch to relay, or null when it must be dropped. */
export function acceptInk(actor: Actor, state: ConferenceState, raw: unknown): InkBatch | null {
  if (actor.role !== 'signer' || !raw || typeof raw !== 'object') return null
  const { blocId, stroke, points, clear } = raw as Record<string, unknown>
  if (blocId !== actor.blocId || typeof blocId !== 'string') return null
  if (!Number.isInteger(stroke) || (stroke as number) < 0 || (stroke as number) > 200) return null
  if (!Array.isArray(points) || points.length > MAX_INK_POINTS || !points.every(isPoint)) return null
  const bloc = state.blocs.find((b) => b.id === blocId)
  if (!bloc || bloc.signature || !blocOpen(state, blocId)) return null
  return { blocId, stroke: stroke as number, points, ...(clear === true ? { clear: true } : {}) }
}
