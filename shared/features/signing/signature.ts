/**
 * Whether strokes are a signature: a blank pad, a dot or a short straight line is refused on the
 * page and again by the server's rule. Sizes are in pad units (0..1).
 */
const MIN_EXTENT = 0.04
/** Under this in both directions the ink is a dot (a tap); above it but under MIN_EXTENT, a short stroke. */
const DOT_EXTENT = 0.01
const MIN_INK = 0.25

type Pt = readonly [number, number, number]

/** Why these strokes are not a signature, or null. */
export function signatureProblem(strokes: readonly (readonly Pt[])[]): string | null {
  const points = strokes.flat()
  if (points.length < 2) return 'the signature is blank or a single dot; sign with your name'
  const xs = points.map((p) => p[0])
  const ys = points.map((p) => p[1])
  const width = Math.max(...xs) - Math.min(...xs)
  const height = Math.max(...ys) - Math.min(...ys)
  if (Math.max(width, height) < DOT_EXTENT) return 'the signature is only a dot; sign with your name'
  if (Math.max(width, height) < MIN_EXTENT) return 'the signature is only a short stroke; sign with your full signature'
  let ink = 0
  let turn = 0
  for (const stroke of strokes) {
    // Each point with the one before it and the one before that, when they exist.
    stroke.forEach(([x1, y1], i) => {
      const prev = stroke[i - 1]
      if (!prev) return
      const [x0, y0] = prev
      ink += Math.hypot(x1 - x0, y1 - y0)
      const before = stroke[i - 2]
      if (before) turn += Math.abs((x0 - before[0]) * (y1 - y0) - (y0 - before[1]) * (x1 - x0))
    })
  }
  if (ink < MIN_INK) return 'the signature is too short; sign with your full signature'
  if (strokes.length === 1 && (Math.min(width, height) < MIN_EXTENT * 0.5 || turn < 1e-4)) return 'the signature is a straight line; sign with your full signature'
  return null
}
