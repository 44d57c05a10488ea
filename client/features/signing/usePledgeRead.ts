/** Whether the pledge has been read to its end: the pad unlocks only then. */
import { nextTick, onBeforeUnmount, ref, watch } from 'vue'
import { readToEnd } from './pad.js'

export function usePledgeRead() {
  /** The scrolled box holding the pledge's text (a template ref). */
  const textBox = ref<HTMLElement | null>(null)
  const read = ref(false)
  function checkRead(): void {
    if (textBox.value && readToEnd(textBox.value)) read.value = true
  }
  // A text short enough to fit is read as soon as it is shown; a resize can make it fit.
  let resizeObs: ResizeObserver | null = null
  watch(textBox, (el) => {
    resizeObs?.disconnect()
    if (!el) return
    resizeObs = new ResizeObserver(checkRead)
    resizeObs.observe(el)
    void nextTick(checkRead)
  })
  onBeforeUnmount(() => resizeObs?.disconnect())
  return { textBox, read, checkRead }
}
