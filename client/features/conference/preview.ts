/**
 * `v-preview-only`: a scaled copy of another page's picture inside this one (the host's preview of
 * the big screens) must not answer for that page: its `data-testid`s are renamed
 * `data-preview-testid`, now and whenever the copy re-renders, so tools and tests that look for
 * the console's own controls and figures find exactly one of each.
 */
import type { Directive } from 'vue'

const observers = new WeakMap<HTMLElement, MutationObserver>()

function rename(root: HTMLElement): void {
  for (const el of root.querySelectorAll('[data-testid]')) {
    el.setAttribute('data-preview-testid', el.getAttribute('data-testid') ?? '')
    el.removeAttribute('data-testid')
  }
}

export const vPreviewOnly: Directive<HTMLElement> = {
  mounted(el) {
    rename(el)
    const mo = new MutationObserver(() => rename(el))
    mo.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-testid'] })
    observers.set(el, mo)
  },
  unmounted(el) {
    observers.get(el)?.disconnect()
    observers.delete(el)
  },
}
