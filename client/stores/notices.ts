/** Messages shown to the person at the screen: command refusals, confirmations, alerts. */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Notice {
  id: number
  kind: 'error' | 'warning' | 'success' | 'info'
  text: string
}

const TTL: Record<Notice['kind'], number> = { error: 9000, warning: 12_000, success: 4000, info: 4000 }

export const useNoticesStore = defineStore('notices', () => {
  /** Newest last; each one leaves by itself after a while, or when clicked. */
  const items = ref<Notice[]>([])
  let next = 1

  function push(kind: Notice['kind'], text: string, ttlMs = TTL[kind]): void {
    const id = next++
    // The same words again (a site that flaps, a double click) replace the earlier notice rather than stack.
    items.value = [...items.value.filter((n) => n.text !== text).slice(-4), { id, kind, text }]
    setTimeout(() => dismiss(id), ttlMs)
  }

  function dismiss(id: number): void {
    items.value = items.value.filter((n) => n.id !== id)
  }

  return { items, push, dismiss }
})
