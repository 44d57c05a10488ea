import { describe, expect, it } from 'vitest'
import { Strokes } from '../../domain.js'
import { signatureProblem } from './signature.js'

type S = [number, number, number][][]
/** A handwriting-like stroke: a loop of `n` points around (cx, cy). */
const loop = (cx: number, cy: number, r: number, n = 40): [number, number, number][] =>
  Array.from({ length: n }, (_, i) => [cx + r * Math.cos(i / 5) + i * 0.004, cy + r * Math.sin(i / 3), i * 16])

describe('signatureProblem', () => {
  it('accepts a real signature of one or several strokes', () => {
    expect(signatureProblem([loop(0.3, 0.5, 0.1)])).toBeNull()
    expect(signatureProblem([loop(0.3, 0.5, 0.08), loop(0.6, 0.5, 0.06)])).toBeNull()
  })
  it('refuses a blank pad and a single point', () => {
    expect(signatureProblem([])).toMatch(/blank/)
    expect(signatureProblem([[[0.5, 0.5, 0]]])).toMatch(/blank|dot/)
  })
  it('refuses a dot made of many points', () => {
    const dot: S = [Array.from({ length: 30 }, (_, i) => [0.5 + (i % 3) * 0.003, 0.5 + (i % 2) * 0.003, i * 10])]
    expect(signatureProblem(dot)).toMatch(/dot/)
  })
  it('names a small stroke a short stroke, not a dot', () => {
    expect(signatureProblem([[[0.5, 0.5, 0], [0.51, 0.5, 10], [0.52, 0.5, 20], [0.53, 0.5, 30]]])).toMatch(/short stroke/)
  })
  it('refuses a short stroke and a long straight line', () => {
    expect(signatureProblem([[[0.4, 0.5, 0], [0.5, 0.52, 30], [0.55, 0.5, 60]]])).toMatch(/too short/)
    expect(signatureProblem([Array.from({ length: 20 }, (_, i) => [0.1 + i * 0.04, 0.5 + i * 0.001, i * 16] as [number, number, number])])).toMatch(/straight line/)
  })
  it('the schema refuses too many points, naming the limit', () => {
    const huge = Array.from({ length: 5 }, () => Array.from({ length: 4500 }, (_, i) => [0.5, (i % 100) / 100, i] as [number, number, number]))
    const r = Strokes.safeParse(huge)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toMatch(/at most 20000 points/)
  })
})
