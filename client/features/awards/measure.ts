/**
 * How many lines a text takes in a box, measured with the shipped font on a canvas, so that
 * the honours roll can cut its pages before anything is drawn (and nothing is cut off).
 */
const FAMILY = '"Be Vietnam Pro", system-ui, sans-serif'
let ctx: CanvasRenderingContext2D | null | undefined

export function textWidth(text: string, weight: number, sizePx: number): number {
  if (ctx === undefined) ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  if (!ctx) return text.length * sizePx * 0.56
  ctx.font = `${weight} ${sizePx}px ${FAMILY}`
  return ctx.measureText(text).width
}

/** Lines of `text` in a box `boxWidth` wide; words wrap whole, so a little slack is kept. */
export function linesOf(text: string, weight: number, sizePx: number, boxWidth: number): number {
  if (!text) return 0
  if (boxWidth <= 0) return 1
  return Math.max(1, Math.ceil((textWidth(text, weight, sizePx) * 1.06) / boxWidth))
}

/** Resolves once the weights the roll measures with are loaded (they load on first use). */
export async function fontsLoaded(specs: string[]): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return
  await Promise.all(specs.map((s) => document.fonts.load(`${s} ${FAMILY}`, 'Đặng Thị Ánh Tuyết').catch(() => [])))
}
