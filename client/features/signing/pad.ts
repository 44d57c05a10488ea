/**
 * The signature pad's strokes, kept apart from the canvas so they can be tested. The geometry
 * (the pad's box, points in 0..1 of it) is shared/pad-geometry.ts, the same for the PDF.
 */
import { PAD_ASPECT, PAD_HEIGHT, PAD_WIDTH, inPadBox, normalisePoint } from '../../../shared/pad-geometry.js'

/** One point as `pledge.sign` and `ink` carry it: x, y in 0..1 of the pad, t ms from the stroke's start. */
export type InkPoint = [number, number, number]
export type Stroke = InkPoint[]
type AnyStroke = readonly (readonly number[])[]

/** The limits of `pledge.sign` (shared/conference/signing.ts): the pad stops taking ink before the server would refuse it. */
export { MAX_SIGNATURE_STROKES as MAX_STROKES, MAX_STROKE_POINTS, MAX_SIGNATURE_POINTS as MAX_TOTAL_POINTS } from '../../../shared/conference/signing.js'
import { MAX_SIGNATURE_STROKES as MAX_STROKES, MAX_STROKE_POINTS, MAX_SIGNATURE_POINTS as MAX_TOTAL_POINTS } from '../../../shared/conference/signing.js'

/** A point of signature_pad's own data: CSS pixels of the canvas, epoch ms. */
export interface PadPoint { x: number; y: number; time: number; pressure: number }

/** signature_pad's point groups (pixels of a `width`×`height` canvas) as strokes in pad units. */
export function toStrokes(groups: readonly { points: readonly Omit<PadPoint, 'pressure'>[] }[], width: number, height: number): Stroke[] {
  const out: Stroke[] = []
  let total = 0
  for (const g of groups) {
    const first = g.points[0]
    if (!first || out.length >= MAX_STROKES) continue
    const t0 = first.time
    const s: Stroke = []
    for (const p of g.points) {
      if (s.length >= MAX_STROKE_POINTS || total >= MAX_TOTAL_POINTS) break
      s.push(toUnit(p, t0, width, height))
      total++
    }
    if (s.length) out.push(s)
  }
  return out
}

/** One pad point in pad units, its time from the stroke's start `t0`. */
export function toUnit(p: Omit<PadPoint, 'pressure'>, t0: number, width: number, height: number): InkPoint {
  return normalisePoint(p.x, p.y, p.time - t0, width, height)
}

/** Strokes in pad units back to signature_pad points on a canvas of this size (after a resize or a redo). */
export function toPadPoints(stroke: AnyStroke, width: number, height: number): PadPoint[] {
  return stroke.map((p) => ({ x: (p[0] ?? 0) * width, y: (p[1] ?? 0) * height, time: p[2] ?? 0, pressure: 0.5 }))
}

/** Number of points in all strokes. */
export const pointCount = (strokes: readonly AnyStroke[]) => strokes.reduce((n, s) => n + s.length, 0)

/**
 * SVG polyline points for one stroke, in the pad box, smoothed: a Catmull-Rom curve through the
 * recorded points, sampled between each pair, so a signature reads as ink and not as a polygon.
 */
export function strokePoints(stroke: AnyStroke, steps = 4): string {
  const pts = stroke.map((p) => inPadBox(p))
  const xy = ([x, y]: readonly [number, number]) => `${x.toFixed(1)},${y.toFixed(1)}`
  const first = pts[0]
  if (!first || pts.length < 3) return pts.map(xy).join(' ')
  const out: string[] = [xy(first)]
  const at = (i: number) => pts[Math.min(pts.length - 1, Math.max(0, i))] ?? first
  for (let i = 0; i < pts.length - 1; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)]
    for (let k = 1; k <= steps; k++) {
      const t = k / steps
      const t2 = t * t
      const t3 = t2 * t
      const curve = (a: number, b: number, c: number, d: number) => 0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3)
      out.push(xy([curve(p0[0], p1[0], p2[0], p3[0]), curve(p0[1], p1[1], p2[1], p3[1])]))
    }
  }
  return out.join(' ')
}

/** Whether a scrolled box has been read to its end (a few pixels of slack for rounding and zoom). */
export function readToEnd(box: { scrollTop: number; scrollHeight: number; clientHeight: number }, slack = 24): boolean {
  return box.scrollTop + box.clientHeight >= box.scrollHeight - slack
}

/**
 * The box around the ink, in pad units ×(PAD_WIDTH, PAD_HEIGHT), with a margin, never smaller
 * than a fifth of the pad and in the pad's own proportions (a short name is not blown up).
 */
export function strokeBox(strokes: readonly AnyStroke[], margin = 0.06): { x: number; y: number; w: number; h: number } {
  const pts = strokes.flat()
  if (!pts.length) return { x: 0, y: 0, w: PAD_WIDTH, h: PAD_HEIGHT }
  const boxed = pts.map((p) => inPadBox(p))
  const xs = boxed.map(([x]) => x)
  const ys = boxed.map(([, y]) => y)
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  const ratio = PAD_ASPECT
  let w = Math.max(x1 - x0, (y1 - y0) * ratio, PAD_WIDTH / 5) * (1 + 2 * margin)
  w = Math.min(w, PAD_WIDTH)
  const h = w / ratio
  return { x: round1((x0 + x1) / 2 - w / 2), y: round1((y0 + y1) / 2 - h / 2), w: round1(w), h: round1(h) }
}
const round1 = (v: number) => Math.round(v * 10) / 10
