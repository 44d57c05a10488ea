import { describe, expect, it } from 'vitest'
import { signatureProblem, signRefusal } from './signer.js'

type Point = [number, number, number]
const pt = (x: number, y: number, t: number): Point => [x, y, t]
const loop = (cx: number, cy: number, r: number) => Array.from({ length: 40 }, (_, i) => pt(cx + r * Math.cos(i / 6), cy + r * Math.sin(i / 6) * 0.6, i * 16))

describe('signatureProblem: the kind of problem, as the page names it', () => {
  it('passes a signature and names each problem', () => {
    expect(signatureProblem([loop(0.3, 0.5, 0.1)])).toBeNull()
    expect(signatureProblem([])).toBe('blank')
    expect(signatureProblem([[[0.5, 0.5, 0], [0.501, 0.5, 10]]])).toBe('dot')
    expect(signatureProblem([[[0.5, 0.5, 0], [0.51, 0.5, 10], [0.52, 0.5, 20], [0.53, 0.5, 30]]])).toBe('shortStroke')
    expect(signatureProblem([[[0.4, 0.5, 0], [0.5, 0.52, 30], [0.55, 0.5, 60]]])).toBe('short')
    expect(signatureProblem([Array.from({ length: 20 }, (_, i) => pt(0.1 + i * 0.04, 0.5 + i * 0.001, i * 16))])).toBe('line')
  })
})

describe('signRefusal: a refusal of pledge.sign by its coded reason', () => {
  it('reads the reason, not the English message', () => {
    expect(signRefusal({ code: 'conflict', reason: 'signing.textChanged' })).toBe('changed')
    expect(signRefusal({ code: 'conflict', reason: 'signing.alreadySigned' })).toBe('signed')
    expect(signRefusal({ code: 'conflict', reason: 'signing.blocNotOpen' })).toBe('notOpen')
    expect(signRefusal({ code: 'conflict', reason: 'signing.notOpen' })).toBe('notOpen')
    expect(signRefusal({ code: 'conflict', reason: 'conference.ended' })).toBe('ended')
    expect(signRefusal({ code: 'not_found', reason: 'signing.noBloc' })).toBe('notFound')
    expect(signRefusal({ code: 'forbidden', reason: 'role.subject' })).toBe('forbidden')
  })

  it('falls back on the code, then on other', () => {
    expect(signRefusal({ code: 'forbidden' })).toBe('forbidden')
    expect(signRefusal({ code: 'not_found' })).toBe('notFound')
    expect(signRefusal({ code: 'conflict', reason: 'server.internal' })).toBe('other')
    expect(signRefusal({ code: 'internal' })).toBe('other')
  })
})
