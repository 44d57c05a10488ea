/**
 * The signature pad's one geometry, for the pad that records strokes, the SVG that draws them
 * and the PDF that prints them: strokes are stored in 0..1 of a PAD_WIDTH × PAD_HEIGHT box (the
 * shape `pledge.sign` and `ink` carry), so every drawing keeps the signature's proportions.
 */

/** The pad's box, in its own units; only the proportion matters to a drawing. */
export const PAD_WIDTH = 500
export const PAD_HEIGHT = 200
/** Width over height: the pad on screen, the SVG's box and the PDF's are all this shape. */
export const PAD_ASPECT = PAD_WIDTH / PAD_HEIGHT

/** A stroke's time runs at most this long (ms from the stroke's start). */
export const MAX_STROKE_MS = 600_000

const clamp01 = (v: number) => Math.min(1, Math.max(0, v))
const round4 = (v: number) => Math.round(v * 10_000) / 10_000

/**
 * A point drawn on a `width` × `height` surface (pixels, ms since its stroke began) in pad units:
 * x and y clamped to 0..1 and kept to four decimals, t whole ms in 0..MAX_STROKE_MS.
 */
export function normalisePoint(x: number, y: number, t: number, width: number, height: number): [number, number, number] {
  return [round4(clamp01(x / Math.max(1, width))), round4(clamp01(y / Math.max(1, height))), Math.min(MAX_STROKE_MS, Math.max(0, Math.round(t)))]
}

/** A point in pad units at `scale` times the pad's box (1: the box of PAD_WIDTH × PAD_HEIGHT). */
export function inPadBox(p: readonly number[], scale = 1): [number, number] {
  return [(p[0] ?? 0) * PAD_WIDTH * scale, (p[1] ?? 0) * PAD_HEIGHT * scale]
}
