/** A stored event made current: parsed with its schema after the upcasts from its version. */
import { EVENTS, isEventType, type ConferenceEvent, type EventOf, type EventType } from './contracts.js'
import type { ConferenceState } from './state.js'

export class UnreadableEventError extends Error {}

/** The envelope of a parsed event: its data is what `type`'s schema just produced. */
const envelope = <T extends EventType>(type: T, raw: { seq: number; at: string }, data: EventOf<T>['data']): ConferenceEvent =>
  // One cast: TypeScript cannot see that a type and its own data make one member of the union.
  ({ seq: raw.seq, type, at: raw.at, data }) as ConferenceEvent

/**
 * Unknown types and data that does not fit its schema are refused (never applied
 * half-understood); older versions are upcast step by step. `state` is the conference just
 * before the event, for upcasts that need the catalog.
 */
export function readEvent(raw: { seq: number; type: string; at: string; data: unknown; v?: number }, state: ConferenceState): ConferenceEvent {
  const { type } = raw
  if (!isEventType(type)) throw new UnreadableEventError(`event ${raw.seq} has the unknown type ${raw.type}`)
  const spec = EVENTS[type]
  let data = raw.data
  for (let v = raw.v ?? 1; v < spec.version; v++) {
    const step = spec.upcasts[v - 1]
    if (!step) throw new UnreadableEventError(`event ${raw.seq} (${type}) has version ${v}, and no upcast leads from it`)
    const next = step(data, state)
    if (!next.ok) throw new UnreadableEventError(`event ${raw.seq} (${type}) version ${v} does not fit its old shape: ${next.problem}`)
    data = next.data
  }
  const parsed = spec.schema.safeParse(data)
  if (!parsed.success) throw new UnreadableEventError(`event ${raw.seq} (${type}) does not fit its schema: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`)
  return envelope(type, raw, parsed.data)
}
