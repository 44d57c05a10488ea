/** Snapshots and large event batches as they arrive: plain, or deflated for browsers that can inflate them. */
import type { ConferenceEvent, Snapshot } from '../../../shared/events.js'
import type { AnySnapshot, EventsMessage } from '../../../shared/protocol.js'

/** Browsers that can inflate a deflated snapshot or batch ask for them: about a fifteenth of the bytes. */
export const CAN_INFLATE = typeof DecompressionStream !== 'undefined'

/** The UTF-8 text of zlib-deflated bytes as they came off the socket. */
async function inflateText(packed: ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = packed instanceof Uint8Array ? packed : new Uint8Array(packed)
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'))
  return new Response(stream).text()
}

/** A snapshot as it arrived, plain or deflated, as a plain one. */
export async function unpackSnapshot(s: AnySnapshot): Promise<Snapshot> {
  if (!('packed' in s)) return s
  return { seq: s.seq, serverTime: s.serverTime, state: JSON.parse(await inflateText(s.packed)) as Snapshot['state'] }
}

/** The events of an `events` message, plain or packed. */
export async function unpackEvents(m: EventsMessage): Promise<ConferenceEvent[]> {
  if (!('packed' in m)) return m.events
  return JSON.parse(await inflateText(m.packed)) as ConferenceEvent[]
}
