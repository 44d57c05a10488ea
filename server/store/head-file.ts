/**
 * The acknowledged head of every conference's log, in a small file beside the database
 * (`diemcau.head.json`), rewritten after each append. A database that comes back shorter than
 * this file (a lost `-wal`, a restored older copy) or with another hash at that seq (a re-chained
 * log) is noticed at start and by `verify`, where a truncated chain alone would still look valid.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs'
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
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    const conferences = typeof parsed === 'object' && parsed !== null && 'version' in parsed && parsed.version === 1 && 'conferences' in parsed ? parsed.conferences : null
    if (typeof conferences !== 'object' || conferences === null) throw new Error('shape')
    const heads: HeadRecord = {}
    for (const [id, h] of Object.entries(conferences)) {
      const seq: unknown = typeof h === 'object' && h !== null && 'seq' in h ? h.seq : undefined
      const hash: unknown = typeof h === 'object' && h !== null && 'hash' in h ? h.hash : undefined
      if (typeof seq === 'number' && Number.isSafeInteger(seq) && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) heads[id] = { seq, hash }
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

/**
 * A writer that rewrites the file in place through one open descriptor, padded with spaces to the
 * longest text written so far: no rename and no truncation, which on ext4 each force a flush
 * (about 3 ms an append). The page cache survives a killed process; after a power cut the file may
 * lag behind the database, which only weakens the check, never raises a false alarm.
 */
export function openHeadWriter(dataDir: string): { write(heads: HeadRecord): void; close(): void } {
  const file = headFile(dataDir)
  let fd: number | null = null
  let longest = 0
  return {
    write(heads) {
      if (fd === null) {
        fd = openSync(file, existsSync(file) ? 'r+' : 'w', 0o600)
        longest = existsSync(file) ? readFileSync(file).length : 0
      }
      const text = Buffer.from(JSON.stringify({ version: 1, conferences: heads }) + '\n', 'utf8')
      const padded = Buffer.alloc(Math.max(longest, text.length), 0x20)
      text.copy(padded)
      longest = padded.length
      writeSync(fd, padded, 0, padded.length, 0)
    },
    close() {
      if (fd !== null) closeSync(fd)
      fd = null
    },
  }
}
