/**
 * The read tier's bytes: the public audience's snapshot of each seq, deflated once (the snapshot
 * cache's own buffer) and kept for a few seqs, with a strong ETag, so that a cache in front
 * (nginx `proxy_cache`, a CDN) answers a join storm and the process answers it once per seq.
 * The public state at a seq is the same for every viewer and never changes (`stateFor` is pure).
 */
import { createHash } from 'node:crypto'
import type { EncodedSnapshot } from './snapshots.js'

export interface PublicBytes {
  seq: number
  /** The public state's UTF-8 JSON, zlib-deflated (HTTP `Content-Encoding: deflate`). */
  deflated: Buffer
  /** Strong, from the bytes: another process or a rebuilt log with other bytes at this seq gives another tag. */
  etag: string
}

/** Seqs kept per conference: a page that read `latest` finds its seq even after a few more events. */
const KEPT = 16

export class PublicSnapshots {
  private readonly kept = new Map<string, PublicBytes[]>()

  /** @param current the current public snapshot of a conference (ConferenceService.snapshotFor). */
  constructor(private readonly current: (conferenceId: string) => Promise<{ snapshot: EncodedSnapshot }>) {}

  /** The current seq's bytes. */
  async latest(conferenceId: string): Promise<PublicBytes> {
    const { snapshot } = await this.current(conferenceId)
    return this.remember(conferenceId, snapshot)
  }

  /** The bytes of `seq` when it is current or was lately; null when this process does not hold them. */
  async at(conferenceId: string, seq: number): Promise<PublicBytes | null> {
    const kept = this.find(conferenceId, seq)
    if (kept) return kept
    const latest = await this.latest(conferenceId)
    return latest.seq === seq ? latest : this.find(conferenceId, seq)
  }

  private find(conferenceId: string, seq: number): PublicBytes | null {
    return this.kept.get(conferenceId)?.find((b) => b.seq === seq) ?? null
  }

  private remember(conferenceId: string, s: EncodedSnapshot): PublicBytes {
    const found = this.find(conferenceId, s.seq)
    if (found) return found
    const digest = createHash('sha256').update(s.deflated).digest('base64url').slice(0, 22)
    const bytes: PublicBytes = { seq: s.seq, deflated: s.deflated, etag: `"${s.seq}-${digest}"` }
    const list = [bytes, ...(this.kept.get(conferenceId) ?? [])].slice(0, KEPT)
    this.kept.set(conferenceId, list)
    return bytes
  }
}
