/**
 * The conference domain, as every other folder imports it: the primitives (./kernel.ts) and each
 * feature's state types (./features/<name>/state.ts; the conference's lifecycle in
 * ./features/lifecycle.ts), joined in `ConferenceState`.
 */
export { Id, Text, Role, Sha256Hex, type Actor } from './kernel.js'
export { ConferenceStatus } from './features/lifecycle.js'
export { DEFAULT_TIME_ZONE, isTimeZone, TimeZone } from './features/conference/state.js'
export { AgendaItem, AgendaItemKind, AgendaRun } from './features/agenda/state.js'
export { Site, SiteIssueRecord, SiteKind } from './features/sites/state.js'
export { Award, AwardType, RecipientKind } from './features/awards/state.js'
export { Bloc, Point, Signature, SigningStatus, Stroke, Strokes } from './features/signing/state.js'
export { initialState, STATE_VERSION, type ConferenceState } from './features/state.js'
