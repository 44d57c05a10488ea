/** Test and bench support: signatures that look handwritten, without a pad. */
import type { Strokes } from '../../shared/domain.js'

/** A handwriting-like signature: a capital loop, a run of cursive waves and a flourish, varied by `seed`. */
export function sampleSignature(seed: number): Strokes {
  const r = (k: number) => 0.5 + 0.5 * Math.sin(seed * 12.9898 + k * 78.233)
  const clamp = (v: number) => Math.min(0.98, Math.max(0.02, v))
  const capital: [number, number, number][] = []
  for (let i = 0; i <= 40; i++) {
    const a = (i / 40) * Math.PI * 2.2
    capital.push([clamp(0.14 + 0.07 * Math.sin(a) + i * 0.002), clamp(0.5 - 0.3 * Math.cos(a) * (1 - i / 80)), i * 12])
  }
  const waves: [number, number, number][] = []
  const loops = 5 + Math.floor(r(1) * 4)
  for (let i = 0; i <= loops * 12; i++) {
    const t = i / 12
    waves.push([clamp(0.24 + t * (0.55 / loops) + 0.025 * Math.cos(t * Math.PI * 2)), clamp(0.58 - (0.12 + 0.06 * r(2)) * Math.abs(Math.sin(t * Math.PI)) - 0.02 * t), i * 10])
  }
  const flourish: [number, number, number][] = []
  for (let i = 0; i <= 24; i++) {
    const t = i / 24
    flourish.push([clamp(0.12 + t * 0.78), clamp(0.78 - 0.1 * Math.sin(t * Math.PI) + 0.04 * r(3) * t), i * 14])
  }
  return [capital, waves, flourish]
}
