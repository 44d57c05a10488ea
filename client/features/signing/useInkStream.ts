/** Live ink: what the bloc head draws goes to every hall about 30 times a second, while signing is open. */
import { onBeforeUnmount, watch, type Ref } from 'vue'
import type { ConferenceSync } from '../../composables/sync/commands.js'
import { INK_EVERY_MS, InkBatcher } from './ink.js'
import type { Stroke } from './pad.js'

export function useInkStream(blocId: () => string | undefined, open: Ref<boolean>, sync: ConferenceSync) {
  let batcher: InkBatcher | null = null
  watch(blocId, (id) => (batcher = id ? new InkBatcher(id) : null), { immediate: true })
  const timer = setInterval(() => {
    if (batcher && !batcher.idle) for (const b of batcher.flush()) sync.sendInk(b)
  }, INK_EVERY_MS)
  onBeforeUnmount(() => clearInterval(timer))
  return {
    /** A point added to stroke `stroke`. */
    point(stroke: number, p: [number, number, number]): void {
      if (open.value) batcher?.add(stroke, p)
    },
    /** The strokes after an undo, redo or clear. */
    restart(list: Stroke[]): void {
      if (open.value) batcher?.restart(list)
    },
  }
}
