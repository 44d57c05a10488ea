/** The signature pad's shape: strokes are stored in 0..1 of it, so every drawing of them keeps it. */
export const PAD_WIDTH = 500
export const PAD_HEIGHT = 200

/** SVG polyline points for one stroke, scaled from 0..1 to the pad box. */
export function strokePoints(stroke: readonly (readonly number[])[]): string {
  return stroke.map((p) => `${((p[0] ?? 0) * PAD_WIDTH).toFixed(1)},${((p[1] ?? 0) * PAD_HEIGHT).toFixed(1)}`).join(' ')
}
