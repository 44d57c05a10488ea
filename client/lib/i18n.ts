/**
 * The page's vue-i18n instance and its language: Vietnamese first, English second; the choice is
 * remembered on this device. Its catalogues are merged by client/i18n/index.ts (each feature keeps
 * its own), so that what sits low (lib, ui) can translate without importing every feature.
 */
import { createI18n } from 'vue-i18n'

export type Locale = 'vi' | 'en'
export const LOCALES: Locale[] = ['vi', 'en']
const KEY = 'diem-cau.locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(KEY)
    if (saved === 'vi' || saved === 'en') return saved
  } catch {
    // storage may be blocked on kiosk browsers
  }
  return 'vi'
}

export const i18n = createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: 'vi', messages: { vi: {}, en: {} } })

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l
  document.documentElement.lang = l
  try {
    localStorage.setItem(KEY, l)
  } catch {
    // ignore
  }
}
