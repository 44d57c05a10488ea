/**
 * The site operator's hidden mode: the hall's big screen shows only the conference; the
 * operator's panel and every notice appear only while this mode is on. Toggled by the key "O"
 * (or F2) or the discreet button in the screen's bottom-right corner.
 */
import { onBeforeUnmount, onMounted, ref } from 'vue'

const on = ref(false)

/** Keys that toggle the mode; typing in a field never does. */
const KEYS = new Set(['o', 'O', 'F2'])

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

export function useOperatorMode(options: { keys?: boolean } = {}) {
  if (options.keys) {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && on.value) {
        on.value = false
        return
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || !KEYS.has(e.key)) return
      e.preventDefault()
      on.value = !on.value
    }
    onMounted(() => window.addEventListener('keydown', onKey))
    onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
  }
  return { operatorMode: on, toggle: () => (on.value = !on.value), close: () => (on.value = false) }
}
