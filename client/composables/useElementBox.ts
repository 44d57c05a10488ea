/** The inner size of an element, kept current by a ResizeObserver while the component lives. */
import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue'

export function useElementBox() {
  /** The element measured (a template ref). */
  const el = ref<HTMLElement | null>(null)
  /** Its client width and height in px; replaced only when one changes. */
  const box = shallowRef({ width: 0, height: 0 })
  let observer: ResizeObserver | undefined
  onMounted(() => {
    const target = el.value
    if (!target) return
    const read = () => {
      const next = { width: target.clientWidth, height: target.clientHeight }
      if (next.width !== box.value.width || next.height !== box.value.height) box.value = next
    }
    read()
    observer = new ResizeObserver(read)
    observer.observe(target)
  })
  onBeforeUnmount(() => observer?.disconnect())
  return { el, box }
}
