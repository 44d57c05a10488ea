import { describe, expect, it } from 'vitest'
import { opacityAt, TURN } from './compositor-flip.js'

/** An element's `animate` as the browser's, recording what it was asked and whether it was cancelled. */
function animatable() {
  const asked: { keyframes: Keyframe[]; options: KeyframeAnimationOptions; startTime: CSSNumberish | null; cancelled: boolean }[] = []
  return {
    asked,
    animate(keyframes: Keyframe[], options: KeyframeAnimationOptions) {
      const a = { keyframes, options, startTime: null as CSSNumberish | null, cancelled: false }
      asked.push(a)
      return {
        get startTime() { return a.startTime },
        set startTime(t: CSSNumberish | null) { a.startTime = t },
        cancel: () => { a.cancelled = true },
      }
    },
  }
}

describe('opacityAt', () => {
  it('holds the opacity until the instant, turns it there, and is pinned to when it was asked', () => {
    const el = animatable()
    opacityAt(el, 4_000, 0, 1, () => 1234.5)
    const [a] = el.asked
    expect(a?.keyframes).toEqual([{ opacity: 0, offset: 0 }, { opacity: 0, offset: TURN }, { opacity: 1, offset: 1 }])
    expect(a?.options).toMatchObject({ duration: 4_000, fill: 'forwards', easing: 'linear' })
    // Pinned: a busy page's first frame after the call does not push the instant later.
    expect(a?.startTime).toBe(1234.5)
    // The turn is under 2 ms even of a 15 s wait.
    expect((1 - TURN) * 15_000).toBeLessThan(2)
  })

  it('hides as well as shows (the countdown taken away at the instant)', () => {
    const el = animatable()
    opacityAt(el, 800, 1, 0, () => 0)
    expect(el.asked[0]?.keyframes.map((k) => k.opacity)).toEqual([1, 1, 0])
  })

  it('cancelled, the element goes back to its CSS', () => {
    const el = animatable()
    const cancel = opacityAt(el, 800, 0, 1, () => 0)
    expect(el.asked[0]?.cancelled).toBe(false)
    cancel()
    expect(el.asked[0]?.cancelled).toBe(true)
  })

  it('asks nothing when the instant has passed or the element cannot animate', () => {
    const el = animatable()
    opacityAt(el, 0, 0, 1)
    opacityAt(el, -20, 0, 1)
    opacityAt(el, Number.NaN, 0, 1)
    expect(el.asked).toEqual([])
    expect(() => opacityAt(null, 500, 0, 1)()).not.toThrow()
    expect(() => opacityAt({}, 500, 0, 1)()).not.toThrow()
  })
})
