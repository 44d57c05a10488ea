/** English: a site's operator panel (see i18n.vi.ts, which leads). */
import type vi from './i18n.vi.js'

const en: typeof vi = {
  operator: {
    panel: 'Site operator panel',
    hide: 'Collapse',
    checkIn: 'Check-in',
    attendees: 'Attendees present',
    send: 'Send check-in',
    lastCheckIn: 'Last check-in: {n} attendees at {time}',
    issue: 'Report a technical problem',
    issuePlaceholder: 'Short description (no sound, no picture…)',
    report: 'Report problem',
    resolve: 'Resolved',
    openIssue: 'Open problem: {message}',
    checkedInOk: 'Check-in sent.',
    reportedOk: 'Problem reported to the organisers.',
    resolvedOk: 'Problem marked as resolved.',
    operatorMode: 'Operator mode: only the operator sees this panel. Key O or F2 (or the ⚙ button in the bottom-right corner) shows/hides it; Esc hides it.',
    toggleHint: 'Operator mode (key O)',
    attendeesRequired: 'Please enter the number of attendees present.',
    attendeesRange: 'The number of attendees must be a whole number from 0 to 100,000.',
    endedCheckIn: 'The conference has closed: no more check-ins.',
    endedIssue: 'The conference has closed: problems can no longer be reported. Contact the organisers directly if you need help.',
    issueRequired: 'Please describe the problem briefly.',
    resolvedByHost: 'The organisers marked the problem “{message}” as resolved.',
    resolvedBySite: 'The problem “{message}” is marked as resolved.',
    lastResolved: 'Last problem “{message}” resolved at {time}.',
    reportedAt: 'reported at {time}',
    offline: 'Connection to the server lost — reconnecting. The online figure on screen is out of date.',
    reconnected: 'Reconnected to the server.',
    figures: '{watching} watching · {delegates} delegates checked in',
  },
}
export default en
