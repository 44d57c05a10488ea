import { onBeforeUnmount, watch, type Ref } from 'vue'
import { flipAt } from '../../lib/at-instant.js'
import { opacityAt } from '../../lib/compositor-flip.js'

/**
 * Shows an element drawn ahead (`prepared`) at server instant `start()`, twice over:
 * - the picture, on the compositor: an opacity animation pinned to the instant, so the roll is on
 *   screen in the first frame after it even while this hall's main thread is late
 *   (client/lib/compositor-flip.ts);
 * - the DOM, on this element alone: a class and a name changed, no render, so a slow PC is not
 *   held back re-rendering hundreds of names. The element stays over the show before until the
 *   render that follows (which removes that one and marks the names) catches up.
 */
export function useShowAt(root: Ref<HTMLElement | null>, prepared: () => boolean | undefined, start: () => number, serverNow: () => number): void {
  let cancelFlip = () => {}
  watch(prepared, (isPrepared) => {
    cancelFlip()
    if (!isPrepared) return
    cancelFlip = flipAt(start(), () => {
      const el = root.value
      if (!el) return
      el.classList.add('flipped')
      el.removeAttribute('aria-hidden')
      el.dataset['testid'] = 'latest-batch'
    }, start() - serverNow(), { paintFirst: true })
  }, { immediate: true })

  let cancelPicture = () => {}
  // After the render: the element exists to animate.
  watch([prepared, start, root], ([isPrepared]) => {
    cancelPicture()
    cancelPicture = isPrepared ? opacityAt(root.value, start() - serverNow(), 0, 1) : () => {}
  }, { immediate: true, flush: 'post' })

  onBeforeUnmount(() => {
    cancelFlip()
    cancelPicture()
  })
}
