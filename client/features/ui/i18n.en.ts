/** English: every page: the app, connection, statuses, common words (see i18n.vi.ts, which leads). */
import type vi from './i18n.vi.js'

const en: typeof vi = {
  app: { name: 'Điểm Cầu', language: 'Language' },
  home: {
    title: 'Điểm Cầu online conference system',
    body: 'Open the access link the organisers sent you (for a site, a signer or a viewer).',
    hint: 'A link looks like …/site?token=… and serves one role only.',
  },
  connection: {
    connecting: 'Connecting…',
    live: 'Online',
    reconnecting: 'Connection lost — retrying',
    refused: 'Invalid access link',
    missingToken: 'The link has no access token.',
    refusedHelp: 'Check the link or contact the organisers.',
  },
  status: { scheduled: 'Not started', live: 'In progress', ended: 'Closed' },
  common: {
    online: '{n} people online',
    onlineLabel: 'people online',
    attendees: '{n} attendees',
    siteLabel: 'Site {name}',
    loading: 'Loading the conference…',
    cancel: 'Cancel',
    timeout: 'The server did not answer; please try again.',
    notConnected: 'Lost connection to the server — reconnecting. Nothing was sent; try again once connected.',
  },
  kind: { collective: 'Collective', individual: 'Individual' },
  degraded: {
    title: 'The server cannot save conference data right now.',
    what: 'Commands are not being carried out; the system is reconnecting by itself — no need to reload the page.',
    since: 'Since {time}.',
    console: 'A command pressed now is refused while the server still cannot save, and none is recorded twice: press it again in a few seconds.',
    hall: 'The server cannot update right now — the screen keeps what it shows and updates again by itself; no need to reload.',
    page: 'The page keeps what it shows and updates by itself when the server is back — no need to reload the page.',
    back: 'Reconnected: the server can save conference data again.',
  },
  errors: {
    invalid: 'Invalid data',
    unauthorized: 'Not authenticated',
    forbidden: 'Not allowed',
    not_found: 'Not found',
    conflict: 'Not possible now',
    rate_limited: 'Too many requests',
    internal: 'Server error',
  },
}
export default en
