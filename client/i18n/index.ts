/**
 * The page's catalogues: each feature keeps its own (features/<name>/i18n.vi.ts and .en.ts); they
 * merge here into the one vue-i18n instance (lib/i18n.ts), before the app mounts (main.ts).
 */
import { i18n, LOCALES, setLocale, type Locale } from '../lib/i18n.js'
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

i18n.global.setLocaleMessage('vi', vi)
i18n.global.setLocaleMessage('en', en)

export { i18n, LOCALES, setLocale, type Locale }
