/**
 * Live ink intake: what a signer's pad sends while the bloc head draws is checked (own bloc,
 * signing open for it, not yet signed, well-formed points: `inbound.ink` in the contract) and
 * relayed to every screen of the conference, never stored. Malformed or unauthorized batches are
 * dropped silently: ink is a preview, the submitted signature is what counts.
 */
import { blocOpen } from '../../shared/conference/signing.js'
import type { Actor, ConferenceState } from '../../shared/domain.js'
import { inbound, type InkBatch } from '../../shared/protocol.js'

/** The batch to relay, or null when it must be dropped. */
export function acceptInk(actor: Actor, state: ConferenceState, raw: unknown): InkBatch | null {
  if (actor.role !== 'signer') return null
  const parsed = inbound.ink.safeParse(raw)
  if (!parsed.success) return null
  const { blocId, stroke, points, clear } = parsed.data
  if (blocId !== actor.blocId) return null
  const bloc = state.blocs.find((b) => b.id === blocId)
  if (!bloc || bloc.signature || !blocOpen(state, blocId)) return null
  return { blocId, stroke, points, ...(clear === true ? { clear: true } : {}) }
}
