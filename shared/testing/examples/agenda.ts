/** The agenda's examples: the current item and its runs, and the host's edits with their revisions. */
import type { NewEvent } from '../../features/contracts.js'
import { c, ended, host, itemStarted, site, started, viewer } from '../fixtures.js'
import { scenario, type Examples } from '../given.js'
import type { AgendaItem } from '../../features/agenda/state.js'
import type { AgendaItemChanges } from '../../features/agenda/contract.js'

const ids = (items: { id: string }[]) => items.map((i) => i.id).join()
const add = (data: Parameters<typeof c<'agenda.addItem'>>[1]) => c('agenda.addItem', data, 'add-item-0001')
const speech = { title: 'Tham luận của Huyện Ninh Hải', kind: 'speech', presenter: 'Đồng chí Lê Văn Hải', unit: 'UBND huyện Ninh Hải', plannedMinutes: 7 } as const
const newItem: AgendaItem = { id: 'item-add-item-0001', ...speech, rev: 1, runs: [] }
const edited = (itemId: string, changes: AgendaItemChanges): NewEvent => ({ type: 'agenda.itemUpdated', data: { itemId, changes } })
const atAwards = [...started, itemStarted('awards')]
const atSign = [...started, itemStarted('sign')]

export const agendaExamples: Examples = {
  commands: [
    scenario('next makes the following item current').given(...started).by(host).when(c('agenda.next', {})).then([itemStarted('awards')], { shows: { agenda: { currentItemId: 'awards' } } }),
    scenario('next from the middle goes to the last item').given(...atAwards).by(host).when(c('agenda.next', {})).then([itemStarted('sign')], { shows: { agenda: { currentItemId: 'sign' } } }),
    scenario('goto makes any item current').given(...started).by(host).when(c('agenda.goto', { itemId: 'sign' })).then([itemStarted('sign')], { shows: { agenda: { currentItemId: 'sign' } }, check: (s) => !!s.agenda.items[2]?.startedAt }),
    scenario('goto can go back to an earlier item').given(...atSign).by(host).when(c('agenda.goto', { itemId: 'open' })).then([itemStarted('open')], { shows: { agenda: { currentItemId: 'open' } } }),
    scenario('previous goes back one item').given(...atAwards).by(host).when(c('agenda.previous', {})).then([itemStarted('open')], { shows: { agenda: { currentItemId: 'open' } } }),
    scenario('previous from the last item goes to the one before it').given(...atSign).by(host).when(c('agenda.previous', {})).then([itemStarted('awards')], { shows: { agenda: { currentItemId: 'awards' } } }),
    scenario('previous at the first item is refused').given(...started).by(host).when(c('agenda.previous', {})).refused('conflict', 'agenda.atStart'),
    scenario('goto an unknown item is not found, naming it').given(...started).by(host).when(c('agenda.goto', { itemId: 'nope' })).refused('not_found', 'agenda.noItem', 'nope'),
    scenario('goto the current item is refused').given(...started).by(host).when(c('agenda.goto', { itemId: 'open' })).refused('conflict', 'agenda.alreadyCurrent'),
    scenario('a viewer may not move the agenda').given(...started).by(viewer).when(c('agenda.goto', { itemId: 'sign' })).refused('forbidden'),
    scenario('goto before the start is refused: the agenda runs only while live').given().by(host).when(c('agenda.goto', { itemId: 'sign' })).refused('conflict', 'conference.notLive'),
    scenario('next before the start is refused').given().by(host).when(c('agenda.next', {})).refused('conflict', 'conference.notLive'),
    scenario('previous before the start is refused').given().by(host).when(c('agenda.previous', {})).refused('conflict', 'conference.notLive'),
    scenario('goto after the end is refused').given(...started, ended).by(host).when(c('agenda.goto', { itemId: 'awards' })).refused('conflict', 'conference.ended'),
    scenario('previous after the end is refused').given(...atAwards, ended).by(host).when(c('agenda.previous', {})).refused('conflict', 'conference.ended'),
    scenario('next at the last item is refused').given(...atSign).by(host).when(c('agenda.next', {})).refused('conflict', 'agenda.atEnd'),
    scenario('an item entered twice keeps both runs').given(...atAwards).by(host).when(c('agenda.goto', { itemId: 'open' })).then([itemStarted('open')], {
      check: (s) => s.agenda.items[0]?.runs?.length === 2 && !!s.agenda.items[0].runs[0]?.endedAt && !s.agenda.items[0].runs[1]?.endedAt && s.agenda.items[1]?.runs?.[0]?.endedAt === s.agenda.items[0].runs[1]?.startedAt,
    }),
    scenario('the host adds an item after another, before the start').given().by(host).when(add({ ...speech, afterItemId: 'open' }))
      .then([{ type: 'agenda.itemAdded', data: { item: newItem, index: 1 } }], { check: (s) => ids(s.agenda.items) === 'open,item-add-item-0001,awards,sign' && s.agenda.rev === 2 }),
    scenario('an item added with no place goes last, while live').given(...started).by(host).when(add(speech))
      .then([{ type: 'agenda.itemAdded', data: { item: newItem, index: 3 } }], { check: (s) => s.agenda.items[3]?.id === 'item-add-item-0001' && s.agenda.currentItemId === 'open' }),
    scenario('an item placed after an unknown one is not found').given().by(host).when(add({ title: 'X', kind: 'other', afterItemId: 'nope' })).refused('not_found', 'agenda.noItem'),
    scenario('no item is added once the conference has ended').given(...started, ended).by(host).when(add({ title: 'X', kind: 'other' })).refused('conflict', 'conference.ended'),
    scenario('a site may not edit the agenda').given().by(site('d1')).when(add({ title: 'X', kind: 'other' })).refused('forbidden'),
    scenario('the host edits an item: only what changed, null clears; its revision goes up').given().by(host)
      .when(c('agenda.updateItem', { itemId: 'awards', rev: 1, title: 'Khen thưởng', presenter: 'Chủ tịch UBND tỉnh', plannedMinutes: 15 }))
      .then([edited('awards', { presenter: 'Chủ tịch UBND tỉnh', plannedMinutes: 15 })], { check: (s) => s.agenda.items[1]?.rev === 2 && s.agenda.items[1]?.plannedMinutes === 15 && s.agenda.rev === 1 }),
    scenario('clearing a field removes it').given(edited('awards', { presenter: 'Chủ tịch UBND tỉnh' })).by(host).when(c('agenda.updateItem', { itemId: 'awards', rev: 2, presenter: null }))
      .then([edited('awards', { presenter: null })], { check: (s) => !!s.agenda.items[1] && !('presenter' in s.agenda.items[1]) && s.agenda.items[1].rev === 3 }),
    scenario('an edit made on an old revision is refused, never applied over the newer one').given(edited('awards', { title: 'Trao Cờ thi đua' })).by(host)
      .when(c('agenda.updateItem', { itemId: 'awards', rev: 1, title: 'Khen thưởng các tập thể' })).refused('conflict', 'agenda.stale'),
    scenario('an edit that changes nothing is refused').given().by(host).when(c('agenda.updateItem', { itemId: 'open', rev: 1, title: 'Khai mạc' })).refused('invalid', 'agenda.nothingChanged'),
    scenario('the current item may be edited while it runs (its timer follows)').given(...started).by(host).when(c('agenda.updateItem', { itemId: 'open', rev: 1, plannedMinutes: 10 }))
      .then([edited('open', { plannedMinutes: 10 })], { check: (s) => s.agenda.items[0]?.plannedMinutes === 10 && s.agenda.items[0]?.runs?.length === 1 }),
    scenario('the host moves an item; the order’s revision goes up').given().by(host).when(c('agenda.moveItem', { itemId: 'sign', toIndex: 1, listRev: 1 }))
      .then([{ type: 'agenda.itemMoved', data: { itemId: 'sign', toIndex: 1 } }], { check: (s) => ids(s.agenda.items) === 'open,sign,awards' && s.agenda.rev === 2 }),
    scenario('a move made on an old order is refused').given({ type: 'agenda.itemMoved', data: { itemId: 'sign', toIndex: 0 } }).by(host)
      .when(c('agenda.moveItem', { itemId: 'awards', toIndex: 0, listRev: 1 })).refused('conflict', 'agenda.orderChanged'),
    scenario('a move past the end is invalid').given().by(host).when(c('agenda.moveItem', { itemId: 'open', toIndex: 3, listRev: 1 })).refused('invalid', 'field.tooBig'),
    scenario('the host removes an item that has not run').given(...started).by(host).when(c('agenda.removeItem', { itemId: 'sign', rev: 1 }))
      .then([{ type: 'agenda.itemRemoved', data: { itemId: 'sign' } }], { check: (s) => s.agenda.items.length === 2 && s.agenda.rev === 2 }),
    scenario('the current item cannot be removed').given(...started).by(host).when(c('agenda.removeItem', { itemId: 'open', rev: 1 })).refused('conflict', 'agenda.removeCurrent'),
    scenario('an item that already ran cannot be removed: the minutes keep it').given(...atAwards).by(host).when(c('agenda.removeItem', { itemId: 'open', rev: 1 })).refused('conflict', 'agenda.removeRan'),
    scenario('a removal made on an old revision is refused').given(edited('sign', { plannedMinutes: 20 })).by(host).when(c('agenda.removeItem', { itemId: 'sign', rev: 1 })).refused('conflict', 'agenda.stale'),
    scenario('removing an unknown item is not found').given().by(host).when(c('agenda.removeItem', { itemId: 'nope', rev: 1 })).refused('not_found', 'agenda.noItem'),
  ],
  applied: [
    scenario('agenda.itemStarted entered again stamps the item anew').given(itemStarted('awards')).applying(itemStarted('open'), itemStarted('awards'))
      .shows({ check: (s) => !!s.agenda.items[1]?.startedAt && s.agenda.items[1].startedAt === s.agenda.items[1].runs?.[1]?.startedAt && s.agenda.items[1].startedAt !== s.agenda.items[1].runs?.[0]?.startedAt }),
  ],
  access: [
    { when: c('agenda.goto', { itemId: 'item-1' }), allowed: ['host'] },
    { when: c('agenda.next', {}), allowed: ['host'] },
    { when: c('agenda.previous', {}), allowed: ['host'] },
    { when: c('agenda.addItem', { title: 'Tham luận', kind: 'speech' }), allowed: ['host'] },
    { when: c('agenda.updateItem', { itemId: 'item-1', rev: 1, title: 'Tham luận' }), allowed: ['host'] },
    { when: c('agenda.moveItem', { itemId: 'item-1', toIndex: 0, listRev: 1 }), allowed: ['host'] },
    { when: c('agenda.removeItem', { itemId: 'item-1', rev: 1 }), allowed: ['host'] },
  ],
}
