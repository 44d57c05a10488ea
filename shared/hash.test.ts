import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256Hex, sha256HexSync } from './hash.js'

const node = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex')

describe('sha256Hex / sha256HexSync', () => {
  // Lengths around the 55/56/64-byte padding edges, Vietnamese (multi-byte) text, and a long pledge.
  const texts = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'Giao ước thi đua năm 2025 — Khối các huyện, thành phố', 'ệ'.repeat(55), 'x'.repeat(10_000)]

  it('computes the same digest as node:crypto, with and without Web Crypto', async () => {
    for (const t of texts) {
      expect(sha256HexSync(t)).toBe(node(t))
      expect(await sha256Hex(t)).toBe(node(t))
    }
  })

  it('knows the published test vector', () => {
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
