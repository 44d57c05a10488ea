import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../shared/hash.js'
import { sha256HexPure } from './sha256.js'

describe('sha256HexPure', () => {
  it('matches Web Crypto on ASCII, Vietnamese and long texts', async () => {
    const texts = ['', 'abc', 'Giao ước thi đua năm 2025 — Khối các huyện, thành phố', 'x'.repeat(1000), 'ệ'.repeat(55)]
    for (const t of texts) expect(sha256HexPure(t)).toBe(await sha256Hex(t))
  })
})
