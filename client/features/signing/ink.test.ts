import { describe, expect, it } from 'vitest'
import { applyInk, InkBatcher, INK_MAX_POINTS, inkActive, visibleStrokes, type LiveDrawing } from './ink.js'
import type { InkPoint } from './pad.js'
import { defined } from '../../test/defined.js'

const line = (n: number, dt = 16): InkPoint[] => Array.from({ length: n }, (_, i) => [0.1 + i * 0.001, 0.5, i * dt])

describe('InkBatcher (the pad)', () => {
  it('sends nothing when nothing was drawn', () => {
    const b = new InkBatcher('blocA')
    expect(b.flush()).toEqual([])
    expect(b.idle).toBe(true)
  })

  it('groups points by stroke, in order, at most 200 a batch', () => {
    const b = new InkBatcher('blocA')
    for (const p of line(450)) b.add(0, p)
    b.add(1, [0.5, 0.5, 0])
    const out = b.flush()
    expect(out.map((x) => [x.stroke, x.points.length])).toEqual([[0, INK_MAX_POINTS], [0, INK_MAX_POINTS], [0, 50], [1, 1]])
    expect(out.every((x) => x.blocId === 'blocA' && !x.clear)).toBe(true)
    expect(b.flush()).toEqual([])
  })

  it('a restart (clear, undo) sends clear first, then the strokes left on the pad whole', () => {
    const b = new InkBatcher('blocA')
    b.add(0, [0.1, 0.1, 0])
    b.restart([line(3), line(2)])
    const out = b.flush()
    expect(out[0]).toMatchObject({ stroke: 0, clear: true })
    expect(out.map((x) => x.points.length)).toEqual([3, 2])
    expect(out.slice(1).some((x) => x.clear)).toBe(false)
  })

  it('a cleared pad sends a bare clear', () => {
    const b = new InkBatcher('blocA')
    b.restart([])
    expect(b.flush()).toEqual([{ blocId: 'blocA', stroke: 0, points: [], clear: true }])
  })
})

describe('applyInk (a hall)', () => {
  it('spreads a batch over the time it took to draw, continuing from the previous batch', () => {
    let d = applyInk(undefined, { stroke: 0, points: line(3) }, 1000) // t 0, 16, 32
    expect(defined(d.strokes[0]).showAt).toEqual([1000, 1016, 1032])
    d = applyInk(d, { stroke: 0, points: [[0.2, 0.5, 48], [0.21, 0.5, 64]] }, 1020)
    expect(defined(d.strokes[0]).showAt.slice(3)).toEqual([1032, 1048])
    expect(visibleStrokes(d, 1016)[0]).toHaveLength(2)
    expect(visibleStrokes(d, 2000)[0]).toHaveLength(5)
  })

  it('never falls far behind the pen', () => {
    const d: LiveDrawing = { strokes: [], lastAt: 0, cursor: 5000 }
    const next = applyInk(d, { stroke: 0, points: line(2) }, 1000)
    expect(defined(next.strokes[0]).showAt[0]).toBe(1000)
  })

  it('draws a resend at once and a clear empties the drawing', () => {
    let d = applyInk(undefined, { stroke: 0, points: line(100, 16) }, 0) // 1.6 s of ink: a resend
    expect(new Set(defined(d.strokes[0]).showAt)).toEqual(new Set([0]))
    d = applyInk(d, { stroke: 1, points: line(2) }, 10)
    expect(d.strokes).toHaveLength(2)
    d = applyInk(d, { stroke: 0, points: [], clear: true }, 20)
    expect(d.strokes).toEqual([])
    expect(inkActive(d, 20)).toBe(false)
  })

  it('counts as drawing only while batches keep coming', () => {
    const d = applyInk(undefined, { stroke: 0, points: line(2) }, 1000)
    expect(inkActive(d, 1500)).toBe(true)
    expect(inkActive(d, 9000)).toBe(false)
  })
})
