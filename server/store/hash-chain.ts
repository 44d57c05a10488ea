import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

/**
 * The hash of one event. `dataJson` is the exact JSON text the store keeps, so that
 * verification re-hashes the same bytes that were written.
 */
export function eventHash(prevHash: string, seq: number, type: string, at: string, dataJson: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${type}\n${at}\n${dataJson}`).digest('hex')
}
