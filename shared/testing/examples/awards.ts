/** The awards' examples: the catalog's import, announcements revealed together, retractions kept. */
import type { NewEvent } from '../../features/contracts.js'
import { c, ended, EXAMPLE_NOW, host, site, started, viewer } from '../fixtures.js'
import { scenario, type Example, type Examples } from '../given.js'
import { TINY_AWARDS } from '../tiny-conference.js'
import { shown, type Award } from '../../features/awards/state.js'
import { defaultPlan, pageOf, rollAt, rollTimeline, type RollPlan } from '../../features/awards/roll.js'

const a = (i: number): Award => TINY_AWARDS[i] ?? { id: 'none', typeId: 'none', recipientKind: 'collective', recipientName: '' }
const announced = (ids: number[], revealAt = EXAMPLE_NOW + 300): NewEvent => ({
  type: 'award.announced', data: { awardIds: ids.map((i) => a(i).id), revealAt, awards: ids.map((i) => shown(a(i))) },
})
const retracted = (awardId: string, reason: string): NewEvent => ({ type: 'award.retracted', data: { awardId, reason } })
const nine = { id: 'a9', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Nội vụ', siteId: 'd2' } as const

const NOW = EXAMPLE_NOW
const nineRoll: Award = { id: 'a9', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Nội vụ', siteId: 'd2' }
const five = [...TINY_AWARDS, nineRoll]
const ten: Award = { ...nineRoll, id: 'a10', recipientName: 'Phòng Tư pháp' }
const imported: NewEvent = { type: 'award.imported', data: { awards: [nineRoll, ten] } }
/** Ten pages of 8 s; the decisions start on pages 1, 5 and 8. */
const plan: RollPlan = { pages: 10, holdMs: 8_000, density: 'dense', groupPages: [0, 4, 7] }
const rollOf = (revealAt: number, roll: RollPlan | null = plan): NewEvent => ({
  type: 'award.announced', data: { awardIds: five.map((a) => a.id), revealAt, awards: five.map(shown), ...(roll ? { roll } : {}) },
})
/** 20 s after its reveal: page 3 (1.4 s of entrance, then 8 s a page). */
const running = rollOf(NOW - 20_000)
const control = (action: 'pause' | 'resume' | 'skip' | 'end', atMs = NOW, toPage?: number): NewEvent => ({
  type: 'award.rollControlled', data: { revealAt: NOW - 20_000, action, atMs, ...(toPage === undefined ? {} : { toPage }) },
})
/** A roll of 5,000 pages: still running whenever the example's log ends the conference. */
const longPlan: RollPlan = { ...plan, pages: 5_000, groupPages: [0] }
const longRoll = rollOf(NOW - 20_000, longPlan)
const at = (t: number) => (s: Parameters<typeof rollAt>[0]) => rollAt(s, t)

/** The honours roll: its pace in the log, a new batch queued behind it, the host's pause, resume, skip and end. */
const rollExamples: Example[] = [
  scenario('a batch of five or more carries the pace its roll is shown at').given(...started, imported).by(host)
    .when(c('award.announce', { awardIds: five.map((a) => a.id), roll: plan }))
    .then([rollOf(NOW + 300)], { check: (s) => s.roll.runs.length === 1 && s.roll.runs[0]?.plan?.pages === 10 && at(NOW + 300)(s.roll.runs)?.phase === 'running' }),
  scenario('a batch announced without a pace is given one').given(...started, imported).by(host)
    .when(c('award.announce', { awardIds: five.map((a) => a.id) })).then([rollOf(NOW + 300, defaultPlan(5))]),
  scenario('a roll whose decision starts after its last page is invalid').given(...started, imported).by(host)
    .when(c('award.announce', { awardIds: five.map((a) => a.id), roll: { ...plan, groupPages: [0, 10] } })).refused('invalid', 'award.rollPlan', 'groupPages'),
  scenario('a few awards announced during a roll show once the roll has ended').given(...started, imported, running).by(host)
    .when(c('award.announce', { awardIds: ['a10'] }))
    .then([{ type: 'award.announced', data: { awardIds: ['a10'], revealAt: NOW + 300, awards: [shown(ten)] } }], {
      check: (s) => rollTimeline(s.roll.runs)[1]?.start === NOW - 20_000 + 1_400 + 80_000 && at(NOW + 300)(s.roll.runs)?.index === 0,
    }),
  scenario('the host pauses the roll on the page it is at').given(...started, running).by(host).when(c('award.controlRoll', { action: 'pause' }))
    .then([control('pause')], { check: (s) => at(NOW + 60_000)(s.roll.runs)?.phase === 'paused' && at(NOW + 60_000)(s.roll.runs)?.page === 2 && rollTimeline(s.roll.runs)[0]?.end === Infinity }),
  scenario('a paused roll cannot be paused again').given(...started, running, control('pause', NOW - 1000)).by(host).when(c('award.controlRoll', { action: 'pause' })).refused('conflict', 'award.rollPaused'),
  scenario('resuming takes the pause out of the roll’s time').given(...started, running, control('pause', NOW - 5_000)).by(host).when(c('award.controlRoll', { action: 'resume' }))
    .then([control('resume')], { check: (s) => s.roll.runs[0]?.shiftMs === 5_000 && at(NOW)(s.roll.runs)?.page === 1 && at(NOW)(s.roll.runs)?.phase === 'running' }),
  scenario('a running roll cannot be resumed').given(...started, running).by(host).when(c('award.controlRoll', { action: 'resume' })).refused('conflict', 'award.rollRunning'),
  scenario('skipping shows the next decision’s first page now, for its whole hold').given(...started, running).by(host).when(c('award.controlRoll', { action: 'skip' }))
    .then([control('skip', NOW, 4)], { check: (s) => at(NOW)(s.roll.runs)?.page === 4 && at(NOW)(s.roll.runs)?.pageEndsAt === NOW + 8_000 && rollTimeline(s.roll.runs)[0]?.end === NOW + 6 * 8_000 }),
  scenario('a paused roll skips and stays paused').given(...started, running, control('pause', NOW - 1_000)).by(host).when(c('award.controlRoll', { action: 'skip' }))
    .then([control('skip', NOW, 4)], { check: (s) => at(NOW + 30_000)(s.roll.runs)?.page === 4 && at(NOW + 30_000)(s.roll.runs)?.phase === 'paused' }),
  scenario('the last decision has no next one to skip to').given(...started, rollOf(NOW - 20_000, { ...plan, groupPages: [0] })).by(host).when(c('award.controlRoll', { action: 'skip' })).refused('conflict', 'award.rollLastGroup'),
  scenario('ending the roll keeps its page and lets the next batch show at once').given(...started, imported, running).by(host).when(c('award.controlRoll', { action: 'end' }))
    .then([control('end')], { check: (s) => at(NOW + 1)(s.roll.runs)?.phase === 'ended' && at(NOW + 1)(s.roll.runs)?.page === 2 && rollTimeline(s.roll.runs)[0]?.end === NOW }),
  scenario('with no roll on the screens there is nothing to pause').given(...started).by(host).when(c('award.controlRoll', { action: 'pause' })).refused('conflict', 'award.noRoll'),
  scenario('a roll that has run to its end cannot be paused').given(...started, rollOf(NOW - 200_000)).by(host).when(c('award.controlRoll', { action: 'pause' })).refused('conflict', 'award.noRoll'),
  scenario('a roll that has not begun cannot be paused yet').given(...started, rollOf(NOW + 3_000)).by(host).when(c('award.controlRoll', { action: 'pause' })).refused('conflict', 'award.noRoll'),
  scenario('ending the conference ends the roll on the screens where it stands').given(...started, imported, longRoll).by(host).when(c('conference.end', {}))
    .then([ended], {
      check: (s) => {
        const end = Date.parse(s.endedAt ?? '')
        const after = at(end + 60_000)(s.roll.runs)
        return after?.phase === 'ended' && after.page === pageOf(longPlan, end - (NOW - 20_000)) && rollTimeline(s.roll.runs)[0]?.end === end
      },
    }),
  scenario('after the end the roll is not controlled').given(...started, imported, running, ended).by(host).when(c('award.controlRoll', { action: 'pause' })).refused('conflict', 'conference.ended'),
  scenario('a site may not pause the roll').given(...started, running).by(site('d1')).when(c('award.controlRoll', { action: 'pause' })).refused('forbidden'),
]

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
  applied: [
    scenario('a big batch logged before rolls had a pace is shown as a roll at the default pace').given(...started, imported)
      .applying(rollOf(NOW, null)).shows({ check: (s) => JSON.stringify(s.roll.runs[0]?.plan) === JSON.stringify(defaultPlan(5)) }),
  ],
  access: [
    { when: c('award.announce', { awardIds: ['a1'] }), allowed: ['host'] },
    { when: c('award.retract', { awardId: 'a1', reason: 'Sai tên' }), allowed: ['host'] },
    { when: c('award.controlRoll', { action: 'pause' }), allowed: ['host'] },
    { when: c('award.import', { awards: [{ id: 'a9', typeId: 't1', recipientKind: 'collective', recipientName: 'Phòng Nội vụ' }] }), allowed: ['host'] },
  ],
}
