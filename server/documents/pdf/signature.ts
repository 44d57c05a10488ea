/**
 * A signature drawn as vector paths from its strokes: smooth curves through the points
 * (Catmull-Rom as cubic Béziers), the pad's proportions kept, cropped to the ink and centred.
 */
import type { Strokes } from '../../../shared/domain.js'
import { PAD_HEIGHT, PAD_WIDTH } from '../../../shared/pad-geometry.js'
import type { Doc } from './kit.js'

/** The signer's pad (shared/pad-geometry.ts, the same box on screen): x and y in 0..1 of it. */
const [PAD_W, PAD_H] = [PAD_WIDTH, PAD_HEIGHT]

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** Draws `strokes` inside `box`, as large as fits without distortion. */
export function drawSignature(doc: Doc, strokes: Strokes, box: Box, opts: { color?: string; lineWidth?: number } = {}): void {
  const pts = strokes.flat()
  if (pts.length === 0) return
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (const [x, y] of pts) {
    minX = Math.min(minX, x * PAD_W); maxX = Math.max(maxX, x * PAD_W)
    minY = Math.min(minY, y * PAD_H); maxY = Math.max(maxY, y * PAD_H)
  }
  // Never blown up beyond a fifth of the pad: a short name stays a short name (as on the screens).
  const inkW = Math.max(maxX - minX, PAD_W / 5)
  const inkH = Math.max(maxY - minY, PAD_H / 5)
  const scale = Math.min(box.width / inkW, box.height / inkH)
  // The ink's centre on the box's centre.
  const ox = box.x + box.width / 2 - ((minX + maxX) / 2) * scale
  const oy = box.y + box.height / 2 - ((minY + maxY) / 2) * scale
  const at = ([x = 0, y = 0]: readonly number[]): [number, number] => [ox + x * PAD_W * scale, oy + y * PAD_H * scale]
  const width = opts.lineWidth ?? Math.min(1.8, Math.max(0.7, scale * 2.2))

  doc.save()
  doc.lineWidth(width).lineCap('round').lineJoin('round').strokeColor(opts.color ?? '#14306e').fillColor(opts.color ?? '#14306e')
  for (const stroke of strokes) {
    const p = stroke.map(at)
    const [first, second] = p
    if (!first) continue
    if (!second) {
      doc.circle(first[0], first[1], width / 2).fill()
      continue
    }
    doc.moveTo(first[0], first[1])
    // Each segment p1 → p2, shaped by its neighbours p0 and p3 (the ends stand in for missing ones).
    for (const [i, p1] of p.entries()) {
      const p2 = p[i + 1]
      if (!p2) break
      const p0 = p[i - 1] ?? p1
      const p3 = p[i + 2] ?? p2
      doc.bezierCurveTo(
        p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6,
        p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6,
        p2[0], p2[1],
      )
    }
    doc.stroke()
  }
  doc.restore()
}
