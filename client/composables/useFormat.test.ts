// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { initialState } from '../../shared/domain.js'
import { i18n, setLocale } from '../i18n/index.js'
import { useConferenceStore } from '../stores/conference.js'
import { useFormat, type PageFormat } from './useFormat.js'

const T = Date.parse('2026-11-27T07:53:09.400Z')

/** useFormat inside a real app with the page's i18n and a fresh store. */
function mounted(): { fmt: PageFormat; store: ReturnType<typeof useConferenceStore> } {
  let fmt: PageFormat | undefined
  const pinia = createPinia()
  createApp({ setup() { fmt = useFormat(); return () => null } }).use(pinia).use(i18n).mount(document.createElement('div'))
  if (!fmt) throw new Error('not mounted')
  return { fmt, store: useConferenceStore(pinia) }
}

describe('useFormat: the formatters bound to the page', () => {
  it('shows times in the conference’s zone once its state arrives, the default zone before', () => {
    const { fmt, store } = mounted()
    expect(fmt.formatTime(T)).toBe('14:53')
    store.applySnapshot({ seq: 1, serverTime: T, state: { ...initialState('c'), timeZone: 'Europe/Paris' } })
    expect(fmt.formatTime(T)).toBe('08:53')
    expect(fmt.timeZone()).toBe('Europe/Paris')
  })

  it('writes numbers in the page’s language', () => {
    const { fmt } = mounted()
    setLocale('vi')
    expect(fmt.formatNumber(1597)).toBe('1.597')
    setLocale('en')
    expect(fmt.formatNumber(1597)).toBe('1,597')
    setLocale('vi')
  })
})
