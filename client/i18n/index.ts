/**
 * vue-i18n: Vietnamese first, English second; the choice is remembered on this device. Each
 * feature keeps its own catalogue (features/<name>/i18n.vi.ts and .en.ts); they merge here.
 */
import { createI18n } from 'vue-i18n'
import refusalVi from './refusal.vi.js'
import refusalEn from './refusal.en.js'
import agendaVi from '../features/agenda/i18n.vi.js'
import agendaEn from '../features/agenda/i18n.en.js'
import awardsVi from '../features/awards/i18n.vi.js'
import awardsEn from '../features/awards/i18n.en.js'
import conferenceVi from '../features/conference/i18n.vi.js'
import conferenceEn from '../features/conference/i18n.en.js'
import documentsVi from '../features/documents/i18n.vi.js'
import documentsEn from '../features/documents/i18n.en.js'
import hallVi from '../features/hall/i18n.vi.js'
import hallEn from '../features/hall/i18n.en.js'
import linksVi from '../features/links/i18n.vi.js'
import linksEn from '../features/links/i18n.en.js'
import signingVi from '../features/signing/i18n.vi.js'
import signingEn from '../features/signing/i18n.en.js'
import sitesVi from '../features/sites/i18n.vi.js'
import sitesEn from '../features/sites/i18n.en.js'
import uiVi from '../features/ui/i18n.vi.js'
import uiEn from '../features/ui/i18n.en.js'

const vi = {
  refusal: refusalVi, agendaUi: agendaVi,
  ...uiVi, ...hallVi, ...sitesVi, ...conferenceVi, ...awardsVi, ...signingVi, ...linksVi, ...documentsVi,
}
/** Same keys as Vietnamese, checked by the type. */
const en: typeof vi = {
  refusal: refusalEn, agendaUi: agendaEn,
  ...uiEn, ...hallEn, ...sitesEn, ...conferenceEn, ...awardsEn, ...signingEn, ...linksEn, ...documentsEn,
}

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

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'vi',
  messages: { vi, en },
})

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l
  document.documentElement.lang = l
  try {
    localStorage.setItem(KEY, l)
  } catch {
    // ignore
  }
}
