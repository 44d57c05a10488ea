/** English: the documents (minutes, pledges, exports) (see i18n.vi.ts, which leads). */
import type vi from './i18n.vi.js'

const en: typeof vi = {
  documents: {
    accessLinks: 'Access links…',
    accessLinksHelp: 'See, revoke, reissue links; the log head code',
    title: 'Documents',
    loading: 'Getting the links…',
    offline: 'Cannot reach the server. Check the network and open this again.',
    failed: 'The server could not issue the document links. Try again in a few minutes.',
    minutes: 'Minutes of the conference (PDF)',
    minutesDraft: 'Draft: the conference has not closed yet',
    minutesFinal: 'Final',
    pledges: 'Each bloc’s pledge (PDF)',
    signedAt: 'Signed at {time}',
    unsigned: 'Not signed',
    expires: 'Each link works for 5 minutes; open this menu again for new ones.',
    own: 'Download the signed pledge (PDF)',
  },
}
export default en
