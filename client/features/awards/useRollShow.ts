/**
 * What a hall's screen shows of the announcements now, by the log's timeline
 * (shared/features/awards/roll.ts): the show on screen (a spotlight or a roll, paused, run to its
 * end or ended), and the next one once its awards have arrived, so that it can be drawn hidden
 * before its instant and shown by a flip. A timer fires at each show's start.
 */
import { computed, onScopeDispose, ref, watch } from 'vue'
import { storeToRefs } from 'pinia'
import { rollTimeline, type RollRun } from '../../../shared/features/awards/roll.js'
import { useConferenceStore } from '../../stores/conference.js'
import type { RevealBatch } from './useReveal.js'
import { afterFlipsPainted } from '../../lib/at-instant.js'
import { afterNextPaint } from '../../lib/paint.js'

export interface Show {
  batch: RevealBatch
  run: RollRun
  /** Server ms it comes on screen. */
  start: number
}

/** A show is drawn hidden this long before its start at most (a 10 s countdown, and a queued roll's last seconds). */
const PREPARE_MS = 15_000

export function useRollShow(serverNow: () => number) {
  const { state } = storeToRefs(useConferenceStore())
  const tick = ref(0)
  let timer: ReturnType<typeof setTimeout> | undefined
  let cancelPaint = () => {}

  /** Announced awards by their reveal instant: one announcement's batch, one object per state (a roll keeps its pages while the clock moves). */
  const byReveal = computed(() => {
    const out = new Map<number, RevealBatch>()
    for (const a of state.value.awards) {
      if (a.revealAt === undefined || a.sealed) continue
      const batch = out.get(a.revealAt)
      if (batch) batch.awards.push(a)
      else out.set(a.revealAt, { revealAt: a.revealAt, awards: [a] })
    }
    return out
  })
  /** One Show per run and start, so that a tick of the clock hands the screen the same objects. */
  const shows = new WeakMap<RollRun, Show>()
  const runs = computed(() => state.value.roll.runs)
  const times = computed(() => rollTimeline(runs.value))

  const showAt = (i: number): Show | null => {
    const run = runs.value[i]
    const start = times.value[i]?.start
    const batch = run ? byReveal.value.get(run.revealAt) : undefined
    if (!run || !batch || start === undefined || start === Infinity) return null
    const known = shows.get(run)
    if (known && known.start === start && known.batch === batch) return known
    const show = { batch, run, start }
    shows.set(run, show)
    return show
  }

  /** Index of the show on screen now: the last one started. */
  const currentIndex = computed(() => {
    void tick.value
    const now = serverNow()
    let at = -1
    times.value.forEach((t, i) => { if (t.start <= now) at = i })
    return at
  })
  const current = computed(() => (currentIndex.value >= 0 ? showAt(currentIndex.value) : null))
  /** The next show, once it starts within PREPARE_MS. */
  const next = computed(() => {
    void tick.value
    const s = showAt(currentIndex.value + 1)
    return s && s.start - serverNow() <= PREPARE_MS ? s : null
  })

  function schedule(): void {
    clearTimeout(timer)
    cancelPaint()
    const now = serverNow()
    const upcoming = times.value.map((t, i) => ({ start: t.start, roll: runs.value[i]?.plan !== undefined })).filter((t) => t.start > now && t.start !== Infinity)
    if (!upcoming.length) return
    const first = upcoming.reduce((a, b) => (b.start < a.start ? b : a))
    const at = first.start
    // Wake to prepare a show PREPARE_MS ahead, then at its start; a roll flips itself at its start
    // (HonoursRoll), and the render that follows waits for that flip to be painted.
    const preparing = at - now > PREPARE_MS
    const wake = preparing ? at - PREPARE_MS : at
    timer = setTimeout(() => {
      if (preparing || !first.roll) return update()
      // The roll's render at its start (the names marked, the show before removed) waits for the
      // instant's flips and the frame that paints them: on a slow PC it would hold that frame back.
      cancelPaint = afterFlipsPainted(at, update, afterNextPaint)
    }, Math.min(Math.max(0, wake - now) + 1, 2 ** 31 - 1))
  }
  function update(): void {
    tick.value++
    schedule()
  }
  watch([runs, byReveal], () => {
    tick.value++
    schedule()
  }, { immediate: true })
  onScopeDispose(() => {
    clearTimeout(timer)
    cancelPaint()
  })

  return { current, next, tick }
}
