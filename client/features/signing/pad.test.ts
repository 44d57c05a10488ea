import { describe, expect, it } from 'vitest'
import { signatureProblem } from '../../../shared/conference/signing.js'
import { PAD_WIDTH } from '../../../shared/pad-geometry.js'
import { readToEnd, strokeBox, strokePoints, toPadPoints, toStrokes, toUnit } from './pad.js'

describe('pad geometry', () => {
  it('turns signature_pad pixels into pad units with times from each stroke start', () => {
    const groups = [{ points: [{ x: 0, y: 0, time: 1000 }, { x: 400, y: 100, time: 1016 }, { x: 900, y: -5, time: 1040 }] }, { points: [] }]
    expect(toStrokes(groups, 800, 320)).toEqual([[[0, 0, 0], [0.5, 0.3125, 16], [1, 0, 40]]])
  })

  it('round-trips through a canvas of another size', () => {
    const s = [[0.25, 0.5, 0], [0.75, 0.25, 20]] as const
    const px = toPadPoints(s, 1000, 400)
    expect(px.map((p) => [p.x, p.y])).toEqual([[250, 200], [750, 100]])
    expect(px.map((p) => toUnit(p, 0, 1000, 400))).toEqual([[0.25, 0.5, 0], [0.75, 0.25, 20]])
  })

  it('smooths a stroke through its points', () => {
    const pts = strokePoints([[0, 0.5, 0], [0.5, 0, 10], [1, 0.5, 20]]).split(' ')
    expect(pts.length).toBe(9)
    expect(pts[0]).toBe('0.0,100.0')
    expect(pts.at(-1)).toBe(`${PAD_WIDTH.toFixed(1)},100.0`)
    expect(strokePoints([[0.1, 0.1, 0]])).toBe('50.0,20.0')
  })

  it('knows a box read to its end', () => {
    expect(readToEnd({ scrollTop: 0, scrollHeight: 1000, clientHeight: 400 })).toBe(false)
    expect(readToEnd({ scrollTop: 590, scrollHeight: 1000, clientHeight: 400 })).toBe(true)
    expect(readToEnd({ scrollTop: 0, scrollHeight: 400, clientHeight: 400 })).toBe(true)
  })

  it('the page refuses what the server would: a line, but not a loop', () => {
    const straight = toStrokes([{ points: Array.from({ length: 30 }, (_, i) => ({ x: 50 + i * 20, y: 100, time: i * 16 })) }], 800, 320)
    expect(signatureProblem(straight)).toMatch(/straight line/)
    const loop = toStrokes([{ points: Array.from({ length: 40 }, (_, i) => ({ x: 200 + 80 * Math.cos(i / 5) + i * 4, y: 160 + 60 * Math.sin(i / 3), time: i * 16 })) }], 800, 320)
    expect(signatureProblem(loop)).toBeNull()
  })
})

describe('strokeBox', () => {
  it('crops to the ink in the pad proportions, with a margin, and never below a fifth of the pad', () => {
    const b = strokeBox([[[0.2, 0.4, 0], [0.6, 0.6, 10]]])
    expect(b.w / b.h).toBeCloseTo(PAD_WIDTH / 200, 1)
    expect(b.w).toBeCloseTo(200 * 1.12, 0)
    expect(b.x + b.w / 2).toBeCloseTo(200, 0)
    expect(strokeBox([[[0.5, 0.5, 0], [0.51, 0.5, 10]]]).w).toBeCloseTo(100 * 1.12, 0)
    expect(strokeBox([])).toEqual({ x: 0, y: 0, w: PAD_WIDTH, h: 200 })
  })
})
