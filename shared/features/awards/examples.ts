/** The awards' examples: the catalog's import, announcements revealed together, retractions kept. */
import type { NewEvent } from '../contracts.js'
import { c, ended, EXAMPLE_NOW, host, site, started, viewer } from '../../testing/fixtures.js'
import { scenario, type Examples } from '../../testing/given.js'
import { TINY_AWARDS } from '../../testing/tiny-conference.js'
import { shown, type Award } from './state.js'
import { rollExamples } from './roll-examples.js'

const a = (i: number): Award => TINY_AWARDS[i] ?? { id: 'none', typeId: 'none', recipientKind: 'collective', recipientName: '' }
const announced = (ids: number[], revealAt = EXAMPLE_NOW + 300): NewEvent => ({
  type: 'award.announced', data: { awardIds: ids.map((i) => a(i).id), revealAt, awards: ids.map((i) => shown(a(i))) },
})
const retracted = (awardId: string, reason: string): NewEvent => ({ type: 'award.retracted', data: { awardId, reason } })
const nine = { id: 'a9', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Nội vụ', siteId: 'd2' } as const

export const awardsExamples: Examples = {
  commands: [
    scenario('an announcement carries what the dashboards show, revealed 300 ms later').given(...started).by(host).when(c('award.announce', { awardIds: ['a1', 'a3'] }))
      .then([announced([0, 2])], { check: (s) => s.awards.filter((x) => x.announcedAt).map((x) => x.id).join() === 'a1,a3' && s.awards.filter((x) => x.revealAt === EXAMPLE_NOW + 300).length === 2 && s.awards[1]?.revealAt === undefined }),
    scenario('a countdown sets revealAt further ahead').given(...started).by(host).when(c('award.announce', { awardIds: ['a2'], revealInMs: 5000 }))
      .then([announced([1], EXAMPLE_NOW + 5000)], { check: (s) => s.awards[1]?.revealAt === EXAMPLE_NOW + 5000 }),
    scenario('revealAt counts from the clock decide is given').given(...started).by(host).when(c('award.announce', { awardIds: ['a2'], revealInMs: 2500 }), EXAMPLE_NOW + 7).then([announced([1], EXAMPLE_NOW + 7 + 2500)]),
    scenario('a countdown of 0 reveals at once').given(...started).by(host).when(c('award.announce', { awardIds: ['a2'], revealInMs: 0 })).then([announced([1], EXAMPLE_NOW)]),
    scenario('an award is announced once').given(...started, announced([0])).by(host).when(c('award.announce', { awardIds: ['a1'] })).refused('conflict', 'award.alreadyAnnounced'),
    scenario('a list with one award already announced is refused whole').given(...started, announced([0])).by(host).when(c('award.announce', { awardIds: ['a2', 'a1'] })).refused('conflict', 'award.alreadyAnnounced'),
    scenario('a retracted award is not announced again').given(...started, announced([0]), retracted('a1', 'Sai tên')).by(host).when(c('award.announce', { awardIds: ['a1'] })).refused('conflict', 'award.retracted', 'retracted'),
    scenario('a list naming an award twice is invalid').given(...started).by(host).when(c('award.announce', { awardIds: ['a1', 'a2', 'a1'] })).refused('invalid', 'field.duplicate', 'awardIds'),
    scenario('announcing before the conference is live is a conflict').given().by(host).when(c('award.announce', { awardIds: ['a1'] })).refused('conflict', 'conference.notLive'),
    scenario('announcing after the end is a conflict').given(...started, ended).by(host).when(c('award.announce', { awardIds: ['a1'] })).refused('conflict', 'conference.ended'),
    scenario('an unknown award is not found').given(...started).by(host).when(c('award.announce', { awardIds: ['zzz'] })).refused('not_found', 'award.noItem'),
    scenario('one unknown award in a list is not found, naming it').given(...started).by(host).when(c('award.announce', { awardIds: ['a1', 'zzz'] })).refused('not_found', 'award.noItem', 'zzz'),
    scenario('a site may not announce').given(...started).by(site('d1')).when(c('award.announce', { awardIds: ['a1'] })).refused('forbidden'),
    scenario('a retraction keeps the award with its reason, and the others as they were').given(...started, announced([0, 1])).by(host).when(c('award.retract', { awardId: 'a1', reason: 'Sai tên đơn vị' }))
      .then([retracted('a1', 'Sai tên đơn vị')], { check: (s) => s.awards.length === 4 && s.awards[0]?.retracted?.reason === 'Sai tên đơn vị' && !!s.awards[0].retracted.at && !!s.awards[0].announcedAt && s.awards[0].revealAt === EXAMPLE_NOW + 300 && !s.awards[1]?.retracted }),
    scenario('an award not announced cannot be retracted').given(...started).by(host).when(c('award.retract', { awardId: 'a2', reason: 'x' })).refused('conflict', 'award.notAnnounced'),
    scenario('an unknown award cannot be retracted').given(...started).by(host).when(c('award.retract', { awardId: 'zzz', reason: 'x' })).refused('not_found', 'award.noItem'),
    scenario('an award is retracted once').given(...started, announced([0]), retracted('a1', 'x')).by(host).when(c('award.retract', { awardId: 'a1', reason: 'again' })).refused('conflict', 'award.alreadyRetracted'),
    scenario('an import adds awards to the catalog').given().by(host).when(c('award.import', { awards: [nine] }))
      .then([{ type: 'award.imported', data: { awards: [nine] } }], { check: (s) => s.awards.length === 5 && s.awards[4]?.id === 'a9' }),
    scenario('an import may not reuse an id').given().by(host).when(c('award.import', { awards: [{ ...nine, id: 'a1' }] })).refused('conflict', 'award.idTaken'),
    scenario('an import may not give a type to a kind it is not for').given().by(host).when(c('award.import', { awards: [{ ...nine, typeId: 'cs' }] })).refused('invalid', 'award.wrongKind'),
    scenario('an import may not name an unknown type').given().by(host).when(c('award.import', { awards: [{ ...nine, typeId: 'zz' }] })).refused('not_found', 'award.noType'),
    scenario('an import may not name an unknown site').given().by(host).when(c('award.import', { awards: [{ ...nine, siteId: 'ghost' }] })).refused('not_found', 'award.noSite'),
    scenario('a viewer may not import').given().by(viewer).when(c('award.import', { awards: [nine] })).refused('forbidden'),
    ...rollExamples,
  ],
  access: [
    { when: c('award.announce', { awardIds: ['a1'] }), allowed: ['host'] },
    { when: c('award.retract', { awardId: 'a1', reason: 'Sai tên' }), allowed: ['host'] },
    { when: c('award.controlRoll', { action: 'pause' }), allowed: ['host'] },
    { when: c('award.import', { awards: [{ id: 'a9', typeId: 't1', recipientKind: 'collective', recipientName: 'Phòng Nội vụ' }] }), allowed: ['host'] },
  ],
}
