/** Snapshots as they arrive: plain, or deflated for browsers that can inflate them. */
import type { Snapshot } from '../../../shared/events.js'
import type { AnySnapshot } from '../../../shared/protocol.js'

/** Browsers that can inflate a deflated snapshot ask for one: about a fifteenth of the bytes. */
export const CAN_INFLATE = typeof DecompressionStream !== 'undefined'

/** A snapshot as it arrived, plain or deflated, as a plain one. */
export async function unpackSnapshot(s: AnySnapshot): Promise<Snapshot> {
  if (!('packed' in s)) return s
  const bytes = s.packed instanceof Uint8Array ? s.packed : new Uint8Array(s.packed)
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'))
  const text = await new Response(stream).text()
  return { seq: s.seq, serverTime: s.serverTime, state: JSON.parse(text) as Snapshot['state'] }
}
