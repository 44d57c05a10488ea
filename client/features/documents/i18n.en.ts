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
  logHead: {
    title: 'The conference log’s head at the end',
    seq: 'Seq {seq}, hash (SHA-256):',
    why: 'Write this seq and hash down away from the server (on paper, on the minute-keeper’s device). The start-up check compares the log only with diemcau.head.json on the same disk, which whoever can rewrite the log can rewrite too; against a head someone else keeps, the command below tells whether the log was cut short or rewritten.',
    copy: 'Copy seq:hash',
    copied: 'Copied',
    fold: 'Written down, fold',
    open: 'Log head',
    failed: 'The log’s head could not be read from the server; the page tries again at the next event, or reload it. It is also printed on the last page of the minutes.',
  },
}
export default en
