/** The honours roll's examples: its pace in the log, a new batch queued behind it, the host's pause, resume, skip and end. */
import type { NewEvent } from '../contracts.js'
import { c, EXAMPLE_NOW, host, site, started } from '../../testing/fixtures.js'
import { scenario, type Example } from '../../testing/given.js'
import { TINY_AWARDS } from '../../testing/tiny-conference.js'
import { defaultPlan, rollAt, rollTimeline, type RollPlan } from './roll.js'
import { shown, type Award } from './state.js'

const NOW = EXAMPLE_NOW
const nine: Award = { id: 'a9', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Nội vụ', siteId: 'd2' }
const five = [...TINY_AWARDS, nine]
const ten: Award = { ...nine, id: 'a10', recipientName: 'Phòng Tư pháp' }
const imported: NewEvent = { type: 'award.imported', data: { awards: [nine, ten] } }
/** Ten pages of 8 s; the decisions start on pages 1, 5 and 8. */
const plan: RollPlan = { pages: 10, holdMs: 8_000, density: 'dense', groupPages: [0, 4, 7] }
const rollOf = (revealAt: number, roll: RollPlan | undefined = plan): NewEvent => ({
  type: 'award.announced', data: { awardIds: five.map((a) => a.id), revealAt, awards: five.map(shown), ...(roll ? { roll } : {}) },
})
/** 20 s after its reveal: page 3 (1.4 s of entrance, then 8 s a page). */
const running = rollOf(NOW - 20_000)
const control = (action: 'pause' | 'resume' | 'skip' | 'end', atMs = NOW, toPage?: number): NewEvent => ({
  type: 'award.rollControlled', data: { revealAt: NOW - 20_000, action, atMs, ...(toPage === undefined ? {} : { toPage }) },
})
const at = (t: number) => (s: Parameters<typeof rollAt>[0]) => rollAt(s, t)

export const rollExamples: Example[] = [
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
  scenario('a site may not pause the roll').given(...started, running).by(site('d1')).when(c('award.controlRoll', { action: 'pause' })).refused('forbidden'),
]
