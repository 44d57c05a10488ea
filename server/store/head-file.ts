/**
 * The acknowledged head of every conference's log, in a small file beside the database
 * (`diemcau.head.json`), rewritten after each append. A database that comes back shorter than
 * this file (a lost `-wal`, a restored older copy) or with another hash at that seq (a re-chained
 * log) is noticed at start and by `verify`, where a truncated chain alone would still look valid.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const HEAD_FILE = 'diemcau.head.json'

export interface AckedHead {
  seq: number
  hash: string
}

export type HeadRecord = Record<string, AckedHead>

export const headFile = (dataDir: string) => join(dataDir, HEAD_FILE)

/** The recorded heads; `unreadable` when the file exists but is not what this module writes. */
export function readHeadFile(dataDir: string): { heads: HeadRecord; exists: boolean; unreadable?: boolean } {
  const file = headFile(dataDir)
  if (!existsSync(file)) return { heads: {}, exists: false }
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; conferences?: unknown }
    if (parsed.version !== 1 || typeof parsed.conferences !== 'object' || parsed.conferences === null) throw new Error('shape')
    const heads: HeadRecord = {}
    for (const [id, h] of Object.entries(parsed.conferences as Record<string, Partial<AckedHead>>)) {
      if (Number.isSafeInteger(h.seq) && typeof h.hash === 'string' && /^[0-9a-f]{64}$/.test(h.hash)) heads[id] = { seq: h.seq!, hash: h.hash }
    }
    return { heads, exists: true }
  } catch {
    return { heads: {}, exists: true, unreadable: true }
  }
}

/** Rewrites the file whole (write then rename, so a crash leaves the old or the new one). */
export function writeHeadFile(dataDir: string, heads: HeadRecord): void {
  const file = headFile(dataDir)
  writeFileSync(`${file}.tmp`, JSON.stringify({ version: 1, conferences: heads }) + '\n', { mode: 0o600 })
  renameSync(`${file}.tmp`, file)
}
