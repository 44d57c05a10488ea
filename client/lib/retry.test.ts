import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY_MS, MIN_JITTER_MS, handshakeVerdict, isDeadLink, retryDelay } from './retry.js'

describe('retryDelay: the server’s wait, with jitter, never sooner', () => {
  it('waits exactly retryAfterMs at the low end of the jitter and half again at the top', () => {
    expect(retryDelay(10_000, () => 0)).toBe(10_000)
    expect(retryDelay(10_000, () => 0.999_999)).toBe(15_000)
    expect(retryDelay(10_000, () => 0.5)).toBe(12_500)
  })

  it('spreads short waits over at least MIN_JITTER_MS', () => {
    expect(retryDelay(100, () => 0)).toBe(100)
    expect(retryDelay(100, () => 0.999_999)).toBe(100 + MIN_JITTER_MS)
  })

  it('takes a default when the server named no wait, or a nonsense one', () => {
    for (const w of [undefined, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(retryDelay(w, () => 0)).toBe(DEFAULT_RETRY_MS)
  })

  it('a hall of phones refused together comes back spread out, none before its time', () => {
    let seed = 7
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647)
    const waits = Array.from({ length: 500 }, () => retryDelay(10_000, random))
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(10_000)
    expect(Math.max(...waits)).toBeLessThanOrEqual(15_000)
    // Spread over the window, not bunched: every second of the five holds some of them.
    const perSecond = new Set(waits.map((w) => Math.floor((w - 10_000) / 1000)))
    expect(perSecond.size).toBe(5)
  })
})

describe('handshakeVerdict: wait and retry, or stop', () => {
  it('retries a rate-limited handshake after its retryAfterMs with jitter', () => {
    expect(handshakeVerdict({ reason: 'rate.limited', retryAfterMs: 6000 }, () => 0)).toEqual({ retry: true, afterMs: 6000 })
    expect(handshakeVerdict({ reason: 'rate.limited', retryAfterMs: 6000 }, () => 0.5)).toEqual({ retry: true, afterMs: 7500 })
  })

  it('retries while the server cannot read its links', () => {
    expect(handshakeVerdict({ reason: 'server.storeUnavailable' }, () => 0)).toEqual({ retry: true, afterMs: DEFAULT_RETRY_MS })
  })

  it('stops on a dead link, and on anything it does not know', () => {
    for (const reason of ['token.revoked', 'token.reissued', 'token.expired', 'token.unknown', 'token.missing', 'request.origin', undefined]) {
      expect(handshakeVerdict({ reason, retryAfterMs: 1000 })).toEqual({ retry: false })
    }
    expect(handshakeVerdict(undefined)).toEqual({ retry: false })
  })
})

describe('isDeadLink', () => {
  it('names the reasons after which no retry can succeed', () => {
    expect(['token.revoked', 'token.reissued', 'token.expired', 'token.unknown', 'token.missing'].every(isDeadLink)).toBe(true)
    expect(['rate.limited', 'server.storeUnavailable', 'server.internal', null, 3].some(isDeadLink)).toBe(false)
  })
})
