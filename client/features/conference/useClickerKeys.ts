/**
 * A presentation clicker's keys step the agenda: PageDown / ArrowRight for the next item,
 * PageUp / ArrowLeft for the previous. Ignored while the host types (an input, a text area, a
 * select, an editable element) or while a dialog is open, and with a modifier held.
 */
import { onBeforeUnmount, onMounted } from 'vue'

export const NEXT_KEYS = ['PageDown', 'ArrowRight'] as const
export const PREVIOUS_KEYS = ['PageUp', 'ArrowLeft'] as const
const NEXT: ReadonlySet<string> = new Set(NEXT_KEYS)
const PREVIOUS: ReadonlySet<string> = new Set(PREVIOUS_KEYS)

/** True when a key press belongs to what the person is doing, not to the agenda. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target instanceof Element ? target : null
  if (!el) return false
  if (el instanceof HTMLElement && el.isContentEditable) return true
  if (el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="listbox"], [role="slider"]')) return true
  return !!el.closest('dialog')
}

export function useClickerKeys(step: (direction: 'next' | 'previous') => void): void {
  function onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return
    const direction = NEXT.has(e.key) ? 'next' : PREVIOUS.has(e.key) ? 'previous' : null
    if (!direction) return
    if (isTyping(e.target) || document.querySelector('dialog[open]')) return
    e.preventDefault()
    // A clicker sends one key per press; a held key repeats and would skip items.
    if (e.repeat) return
    step(direction)
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
