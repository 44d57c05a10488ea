/**
 * Live ink, both ends, as plain logic: the pad's batcher (what is sent ~30 times a second while
 * the bloc head draws) and the halls' drawing (what was received, with the instant each point
 * is due on screen, so the pen moves smoothly between batches instead of jumping 30 times a second).
 */
import type { InkBatch } from '../../../shared/protocol.js'
import type { InkPoint } from './pad.js'

export const INK_MAX_POINTS = 200
/** The pad sends what was drawn this often: a few dozen batches a second. */
export const INK_EVERY_MS = 33

/**
 * Collects the points of the strokes being drawn and hands them out as batches of at most
 * `INK_MAX_POINTS`, one stroke per batch. `restart` begins a new drawing (clear, undo, redo):
 * the next batch carries `clear`, and the strokes still on the pad are sent again whole.
 */
export class InkBatcher {
  private pending: { stroke: number; points: InkPoint[] }[] = []
  private clearNext = false

  constructor(readonly blocId: string) {}

  add(stroke: number, point: InkPoint): void {
    const last = this.pending.at(-1)
    if (last && last.stroke === stroke && last.points.length < INK_MAX_POINTS) last.points.push(point)
    else this.pending.push({ stroke, points: [point] })
  }

  /** A new drawing on every screen: what is on the pad now (`strokes`, numbered from 0). */
  restart(strokes: readonly (readonly InkPoint[])[]): void {
    this.pending = []
    this.clearNext = true
    strokes.forEach((s, i) => s.forEach((p) => this.add(i, [p[0], p[1], p[2]])))
  }

  /** The batches to send now, oldest first; empty when nothing was drawn since the last flush. */
  flush(): InkBatch[] {
    const out: InkBatch[] = this.pending.map((p) => ({ blocId: this.blocId, stroke: p.stroke, points: p.points }))
    if (this.clearNext) {
      const first = out[0]
      if (first) out[0] = { ...first, clear: true }
      else out.push({ blocId: this.blocId, stroke: 0, points: [], clear: true })
    }
    this.pending = []
    this.clearNext = false
    return out
  }

  get idle(): boolean {
    return !this.pending.length && !this.clearNext
  }
}

/** One stroke as a hall received it: its points and the local instant (ms) each is due on screen. */
export interface LiveStroke { points: InkPoint[]; showAt: number[] }
/** A bloc's drawing in progress, as seen from a hall. */
export interface LiveDrawing {
  strokes: LiveStroke[]
  /** Local time of the last batch received. */
  lastAt: number
  /** When the last scheduled point is due: the next batch continues from there. */
  cursor: number
}

/** Never let the replay fall further behind the pen than this (ms). */
const MAX_LAG_MS = 250
/** A batch spanning more than this is a resend (after an undo), drawn at once, not replayed. */
const MAX_REPLAY_SPAN_MS = 200

/**
 * The drawing after one batch arrived at local time `now`: its points are spread over the time
 * they took to draw, starting where the previous batch ends, so the stroke grows as it was drawn.
 */
export function applyInk(d: LiveDrawing | undefined, b: Pick<InkBatch, 'stroke' | 'points' | 'clear'>, now: number): LiveDrawing {
  const strokes = !d || b.clear ? [] : d.strokes.slice()
  const prevCursor = d && !b.clear ? d.cursor : now
  const start = prevCursor > now + MAX_LAG_MS || prevCursor < now ? now : prevCursor
  const t0 = b.points[0]?.[2] ?? 0
  const span = (b.points.at(-1)?.[2] ?? t0) - t0
  const replay = span >= 0 && span <= MAX_REPLAY_SPAN_MS
  let cursor = start
  if (b.points.length) {
    while (strokes.length <= b.stroke) strokes.push({ points: [], showAt: [] })
    const old = strokes[b.stroke]
    const s: LiveStroke = { points: old?.points.slice() ?? [], showAt: old?.showAt.slice() ?? [] }
    for (const p of b.points) {
      const at = replay ? start + Math.max(0, p[2] - t0) : now
      s.points.push(p)
      s.showAt.push(at)
      cursor = Math.max(cursor, at)
    }
    strokes[b.stroke] = s
  }
  return { strokes, lastAt: now, cursor }
}

/** The points of each stroke due on screen at local time `now`. */
export function visibleStrokes(d: LiveDrawing, now: number): InkPoint[][] {
  return d.strokes.map((s) => {
    let n = s.showAt.length
    while (n > 0 && (s.showAt[n - 1] ?? 0) > now) n--
    return n === s.points.length ? s.points : s.points.slice(0, n)
  }).filter((s) => s.length)
}

/** Whether a bloc head is drawing now, for the host and the halls: ink within the last few seconds. */
export const INK_ACTIVE_MS = 4000
export const inkActive = (d: LiveDrawing | undefined, now: number) => !!d && hasInk(d) && now - d.lastAt < INK_ACTIVE_MS
/** An abandoned drawing (the pad closed without signing) leaves the halls' screens after this. */
export const INK_KEPT_MS = 120_000
export const inkShown = (d: LiveDrawing | undefined, now: number) => !!d && hasInk(d) && now - d.lastAt < INK_KEPT_MS
const hasInk = (d: LiveDrawing) => d.strokes.some((s) => s.points.length)
