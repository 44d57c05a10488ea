/** A long list with only the rows in view in the DOM (thousands of awards at the host console). */
import { computed, ref, type Ref } from 'vue'
import { useVirtualizer } from '@tanstack/vue-virtual'

export function useVirtualRows<T extends { id: string }>(list: Ref<readonly T[]>, rowHeight: number) {
  /** The scrolled box (a template ref). */
  const scroller = ref<HTMLElement | null>(null)
  const virtualizer = useVirtualizer(computed(() => ({
    count: list.value.length,
    getScrollElement: () => scroller.value,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (i: number) => list.value[i]?.id ?? i,
  })))
  /** The rows to draw, each with its offset from the top. */
  const rows = computed(() => virtualizer.value.getVirtualItems().flatMap((v) => {
    const a = list.value[v.index]
    return a ? [{ a, start: v.start }] : []
  }))
  return { scroller, virtualizer, rows }
}
