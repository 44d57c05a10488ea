/** Messages shown to the person at the screen: command refusals, confirmations. */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Notice {
  id: number
  kind: 'error' | 'success' | 'info'
  text: string
}

export const useNoticesStore = defineStore('notices', () => {
  /** Newest last; each one leaves by itself after a while. */
  const items = ref<Notice[]>([])
  let next = 1

  function push(kind: Notice['kind'], text: string, ttlMs = kind === 'error' ? 9000 : 3500): void {
    const id = next++
    items.value = [...items.value.slice(-4), { id, kind, text }]
    setTimeout(() => dismiss(id), ttlMs)
  }

  function dismiss(id: number): void {
    items.value = items.value.filter((n) => n.id !== id)
  }

  return { items, push, dismiss }
})
