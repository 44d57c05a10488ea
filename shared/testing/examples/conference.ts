/** The conference's examples: setup, scheduled start, going live, ending, and the guards every command shares. */
import { c, ended, EXAMPLE_NOW, host, site, started } from '../fixtures.js'
import { scenario, type Examples } from '../given.js'
import { TINY_AWARDS, tinySetup } from '../tiny-conference.js'

const inAnHour = new Date(EXAMPLE_NOW + 3_600_000).toISOString()
const setup = tinySetup()

export const conferenceExamples: Examples = {
  commands: [
    scenario('the host starts the conference at its first item').given().by(host).when(c('conference.start', {}))
      .then(started, { shows: { status: 'live', agenda: { currentItemId: 'open' } }, check: (s) => !!s.startedAt && !!s.agenda.items[0]?.startedAt }),
    scenario('a conference with an empty agenda starts with no item', { setup: { agenda: [] } }).given().by(host).when(c('conference.start', {}))
      .then([{ type: 'conference.started', data: {} }], { shows: { status: 'live', agenda: { currentItemId: null } } }),
    scenario('a started conference cannot start again').given(...started).by(host).when(c('conference.start', {})).refused('conflict', 'conference.alreadyStarted'),
    scenario('an ended conference cannot start again').given(...started, ended).by(host).when(c('conference.start', {})).refused('conflict', 'conference.ended'),
    scenario('a site may not start the conference').given().by(site('d1')).when(c('conference.start', {})).refused('forbidden'),
    scenario('the host ends a live conference').given(...started).by(host).when(c('conference.end', {}))
      .then([ended], { shows: { status: 'ended' }, check: (s) => !!s.endedAt && !!s.startedAt && s.endedAt > s.startedAt }),
    scenario('a conference not yet started cannot end').given().by(host).when(c('conference.end', {})).refused('conflict', 'conference.notLive'),
    scenario('an ended conference cannot end again').given(...started, ended).by(host).when(c('conference.end', {})).refused('conflict', 'conference.ended'),
    scenario('the host moves the scheduled start; the lobby counts down to it').given().by(host).when(c('conference.schedule', { startsAt: '2023-11-15T08:00:00+07:00' }))
      .then([{ type: 'conference.scheduled', data: { startsAt: '2023-11-15T01:00:00.000Z' } }], { shows: { startsAt: '2023-11-15T01:00:00.000Z' } }),
    scenario('a start already past is refused').given().by(host).when(c('conference.schedule', { startsAt: new Date(EXAMPLE_NOW - 3_600_000).toISOString() })).refused('invalid', 'conference.startsInPast'),
    scenario('a start more than a year away is refused (a mistyped year)').given().by(host).when(c('conference.schedule', { startsAt: new Date(EXAMPLE_NOW + 400 * 86_400_000).toISOString() })).refused('invalid', 'conference.startsTooFar'),
    scenario('a started conference keeps its start').given(...started).by(host).when(c('conference.schedule', { startsAt: inAnHour })).refused('conflict', 'conference.scheduleStarted'),
    scenario('a site may not move the start').given().by(site('d1')).when(c('conference.schedule', { startsAt: inAnHour })).refused('forbidden'),
    scenario('an ended conference refuses every command').given(...started, ended).by(host).when(c('agenda.next', {})).refused('conflict', 'conference.ended'),
    scenario('a command to a conference that does not exist is not found', { created: false }).given().by(host).when(c('conference.start', {})).refused('not_found', 'conference.missing', 'conf-1'),
    scenario('a roll call to a conference that does not exist is not found', { created: false }).given().by(site('d1')).when(c('site.checkIn', { attendees: 1 })).refused('not_found', 'conference.missing'),
  ],
  applied: [
    scenario('conference.created fills the empty state from the setup', { created: false }).given().applying({ type: 'conference.created', data: setup }).shows({
      shows: {
        id: 'conf-1', title: 'Hội nghị tổng kết', venue: 'Hội trường tỉnh', date: '2025-01-10', timeZone: 'Asia/Ho_Chi_Minh', status: 'scheduled',
        sites: setup.sites, awardTypes: setup.awardTypes, blocs: setup.blocs, awards: [], signing: { status: 'closed' },
        agenda: { items: setup.agenda.map((i) => ({ ...i, rev: 1, runs: [] })), currentItemId: null, rev: 1 },
      },
      check: (s) => Object.keys(s.signing).join() === 'status' && s.startsAt === undefined && s.startedAt === undefined,
    }),
    scenario('award.imported appends to the catalog, import after import', { created: false }).given({ type: 'conference.created', data: setup })
      .applying({ type: 'award.imported', data: { awards: TINY_AWARDS.slice(0, 2) } }, { type: 'award.imported', data: { awards: TINY_AWARDS.slice(2) } })
      .shows({ shows: { awards: [...TINY_AWARDS] } }),
  ],
  access: [
    { when: c('conference.start', {}), allowed: ['host'] },
    { when: c('conference.end', {}), allowed: ['host'] },
    { when: c('conference.schedule', { startsAt: '2030-01-15T08:00:00+07:00' }), allowed: ['host'] },
  ],
}
