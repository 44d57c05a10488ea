/**
 * Snapshots built and encoded once per seq and audience, not once per socket: a thousand
 * screens joining at once share one projection, one JSON text and one deflated buffer.
 */
import { promisify } from 'node:util'
import { deflate } from 'node:zlib'
import { stateFor, type Audience } from '../../shared/audience.js'
import type { ConferenceState } from '../../shared/domain.js'

const deflateAsync = promisify(deflate)

export interface EncodedSnapshot {
  seq: number
  /** The state as the audience may see it. */
  state: ConferenceState
  /** Its JSON text, and that text deflated (zlib format: `DecompressionStream('deflate')`, HTTP `Content-Encoding: deflate`). */
  json: string
  deflated: Buffer
}

export class SnapshotCache {
  private readonly entries = new Map<string, { seq: number; encoded: Promise<EncodedSnapshot> }>()

  /** The snapshot of `state` at `seq` for `audience`; encoded at most once per seq. */
  get(conferenceId: string, seq: number, state: ConferenceState, audience: Audience): Promise<EncodedSnapshot> {
    const key = `${audience}:${conferenceId}`
    const hit = this.entries.get(key)
    if (hit && hit.seq === seq) return hit.encoded
    const encoded = encode(seq, stateFor(state, audience))
    this.entries.set(key, { seq, encoded })
    encoded.catch(() => this.entries.delete(key))
    return encoded
  }
}

async function encode(seq: number, state: ConferenceState): Promise<EncodedSnapshot> {
  const json = JSON.stringify(state)
  return { seq, state, json, deflated: await deflateAsync(json) }
}
