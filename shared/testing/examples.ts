/**
 * One table of examples for every feature slice: given these events (after the tiny conference
 * is created and its awards imported), when this actor sends this command, then these events
 * are decided (or this refusal), and the state then shows this. The decide, authorize and evolve
 * tests all read it, so a new command adds its rows here once.
 */
import type { Actor, ConferenceState, DeepPartialState } from './example-types.js'
import type { AgendaItem } from '../domain.js'
import type { Command } from '../commands.js'
import type { NewEvent } from '../events.js'
import type { ErrorCode, ErrorReason } from '../errors.js'
import { shown } from '../conference/awards.js'
import { PLEDGE_A, PLEDGE_B, TINY_AWARDS, sha256 } from './tiny-conference.js'

export const EXAMPLE_NOW = 1_700_000_000_000
export const CONF = 'conf-1'

export interface Example {
  name: string
  given: NewEvent[]
  actor: Actor
  when: Command
  then: NewEvent[] | { refused: ErrorCode; reason?: ErrorReason }
  /** What the state shows after `then` (a partial match). */
  shows?: DeepPartialState
  /** A check of the resulting state beyond a partial match. */
  check?: (s: ConferenceState) => boolean
}

const host: Actor = { conferenceId: CONF, role: 'host' }
const site = (siteId: string): Actor => ({ conferenceId: CONF, role: 'site', siteId })
const signer = (blocId: string): Actor => ({ conferenceId: CONF, role: 'signer', blocId, label: 'Trưởng khối' })
const viewer: Actor = { conferenceId: CONF, role: 'viewer' }

let n = 0
const c = <T extends Command['type']>(type: T, data: Extract<Command, { type: T }>['data']) =>
  ({ id: `example-${String(++n).padStart(4, '0')}`, type, data }) as Command

const started: NewEvent[] = [{ type: 'conference.started', data: {} }, { type: 'agenda.itemStarted', data: { itemId: 'open' } }]
const a = (i: number) => TINY_AWARDS[i]!
const announced = (ids: number[], revealAt = EXAMPLE_NOW + 300): NewEvent => ({
  type: 'award.announced', data: { awardIds: ids.map((i) => a(i).id), revealAt, awards: ids.map((i) => shown(a(i))) },
})
const STROKES: [number, number, number][][] = [[[0.1, 0.2, 0], [0.4, 0.5, 20], [0.8, 0.3, 40]]]
const signedA: NewEvent = { type: 'pledge.signed', data: { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES, signerName: 'Nguyễn Văn A' } }
const opened: NewEvent = { type: 'pledge.signingOpened', data: {} }
const reported = (siteId: string, message: string): NewEvent => ({ type: 'site.issueReported', data: { siteId, message, by: 'site' } })
const addCmd = (data: Extract<Command, { type: 'agenda.addItem' }>['data']): Command => ({ id: 'add-item-0001', type: 'agenda.addItem', data })
const newItem: AgendaItem = { id: 'item-add-item-0001', title: 'Tham luận của Huyện Ninh Hải', kind: 'speech', presenter: 'Đồng chí Lê Văn Hải', unit: 'UBND huyện Ninh Hải', plannedMinutes: 7, rev: 1, runs: [] }
const edited = (itemId: string, changes: Extract<NewEvent, { type: 'agenda.itemUpdated' }>['data']['changes']): NewEvent => ({ type: 'agenda.itemUpdated', data: { itemId, changes } })
const added = (id: string, name: string, parentId: string): NewEvent => ({ type: 'site.added', data: { site: { id, name, kind: 'commune', parentId } } })

export const EXAMPLES: Example[] = [
  // conference
  { name: 'the host starts the conference at its first item', given: [], actor: host, when: c('conference.start', {}), then: started, shows: { status: 'live', agenda: { currentItemId: 'open' } } },
  { name: 'a started conference cannot start again', given: started, actor: host, when: c('conference.start', {}), then: { refused: 'conflict' } },
  { name: 'a site may not start the conference', given: [], actor: site('d1'), when: c('conference.start', {}), then: { refused: 'forbidden' } },
  { name: 'the host ends a live conference', given: started, actor: host, when: c('conference.end', {}), then: [{ type: 'conference.ended', data: {} }], shows: { status: 'ended' } },
  { name: 'the host moves the scheduled start; the lobby counts down to it', given: [], actor: host, when: c('conference.schedule', { startsAt: '2023-11-15T08:00:00+07:00' }), then: [{ type: 'conference.scheduled', data: { startsAt: '2023-11-15T01:00:00.000Z' } }], shows: { startsAt: '2023-11-15T01:00:00.000Z' } },
  { name: 'a start already past is refused', given: [], actor: host, when: c('conference.schedule', { startsAt: new Date(EXAMPLE_NOW - 3_600_000).toISOString() }), then: { refused: 'invalid', reason: 'conference.startsInPast' } },
  { name: 'a start more than a year away is refused (a mistyped year)', given: [], actor: host, when: c('conference.schedule', { startsAt: new Date(EXAMPLE_NOW + 400 * 86_400_000).toISOString() }), then: { refused: 'invalid', reason: 'conference.startsTooFar' } },
  { name: 'a started conference keeps its start', given: started, actor: host, when: c('conference.schedule', { startsAt: new Date(EXAMPLE_NOW + 3_600_000).toISOString() }), then: { refused: 'conflict', reason: 'conference.scheduleStarted' } },
  { name: 'a site may not move the start', given: [], actor: site('d1'), when: c('conference.schedule', { startsAt: new Date(EXAMPLE_NOW + 3_600_000).toISOString() }), then: { refused: 'forbidden' } },
  { name: 'an ended conference refuses every command', given: [...started, { type: 'conference.ended', data: {} }], actor: host, when: c('agenda.next', {}), then: { refused: 'conflict' } },
  // agenda
  { name: 'next makes the following item current', given: started, actor: host, when: c('agenda.next', {}), then: [{ type: 'agenda.itemStarted', data: { itemId: 'awards' } }], shows: { agenda: { currentItemId: 'awards' } } },
  { name: 'goto makes any item current', given: started, actor: host, when: c('agenda.goto', { itemId: 'sign' }), then: [{ type: 'agenda.itemStarted', data: { itemId: 'sign' } }], shows: { agenda: { currentItemId: 'sign' } } },
  { name: 'previous goes back one item', given: [...started, { type: 'agenda.itemStarted', data: { itemId: 'awards' } }], actor: host, when: c('agenda.previous', {}), then: [{ type: 'agenda.itemStarted', data: { itemId: 'open' } }], shows: { agenda: { currentItemId: 'open' } } },
  { name: 'previous at the first item is refused', given: started, actor: host, when: c('agenda.previous', {}), then: { refused: 'conflict' } },
  { name: 'goto an unknown item is not found', given: started, actor: host, when: c('agenda.goto', { itemId: 'nope' }), then: { refused: 'not_found' } },
  { name: 'a viewer may not move the agenda', given: started, actor: viewer, when: c('agenda.goto', { itemId: 'sign' }), then: { refused: 'forbidden' } },
  { name: 'goto before the start is refused: the agenda runs only while live', given: [], actor: host, when: c('agenda.goto', { itemId: 'sign' }), then: { refused: 'conflict', reason: 'conference.notLive' } },
  { name: 'next at the last item is refused', given: [...started, { type: 'agenda.itemStarted', data: { itemId: 'sign' } }], actor: host, when: c('agenda.next', {}), then: { refused: 'conflict', reason: 'agenda.atEnd' } },
  { name: 'an item entered twice keeps both runs', given: [...started, { type: 'agenda.itemStarted', data: { itemId: 'awards' } }], actor: host, when: c('agenda.goto', { itemId: 'open' }), then: [{ type: 'agenda.itemStarted', data: { itemId: 'open' } }], check: (s) => s.agenda.items[0]?.runs?.length === 2 && !!s.agenda.items[0].runs[0]?.endedAt && !s.agenda.items[0].runs[1]?.endedAt && s.agenda.items[1]?.runs?.[0]?.endedAt === s.agenda.items[0].runs[1]?.startedAt },
  { name: 'the host adds an item after another, before the start', given: [], actor: host, when: addCmd({ title: 'Tham luận của Huyện Ninh Hải', kind: 'speech', presenter: 'Đồng chí Lê Văn Hải', unit: 'UBND huyện Ninh Hải', plannedMinutes: 7, afterItemId: 'open' }), then: [{ type: 'agenda.itemAdded', data: { item: newItem, index: 1 } }], check: (s) => s.agenda.items.map((i) => i.id).join() === 'open,item-add-item-0001,awards,sign' && s.agenda.rev === 2 },
  { name: 'an item added with no place goes last, while live', given: started, actor: host, when: addCmd({ title: 'Tham luận của Huyện Ninh Hải', kind: 'speech', presenter: 'Đồng chí Lê Văn Hải', unit: 'UBND huyện Ninh Hải', plannedMinutes: 7 }), then: [{ type: 'agenda.itemAdded', data: { item: newItem, index: 3 } }], check: (s) => s.agenda.items[3]?.id === 'item-add-item-0001' && s.agenda.currentItemId === 'open' },
  { name: 'an item placed after an unknown one is not found', given: [], actor: host, when: addCmd({ title: 'X', kind: 'other', afterItemId: 'nope' }), then: { refused: 'not_found', reason: 'agenda.noItem' } },
  { name: 'no item is added once the conference has ended', given: [...started, { type: 'conference.ended', data: {} }], actor: host, when: addCmd({ title: 'X', kind: 'other' }), then: { refused: 'conflict', reason: 'conference.ended' } },
  { name: 'a site may not edit the agenda', given: [], actor: site('d1'), when: addCmd({ title: 'X', kind: 'other' }), then: { refused: 'forbidden' } },
  { name: 'the host edits an item: only what changed, null clears; its revision goes up', given: [], actor: host, when: c('agenda.updateItem', { itemId: 'awards', rev: 1, title: 'Khen thưởng', presenter: 'Chủ tịch UBND tỉnh', plannedMinutes: 15 }), then: [edited('awards', { presenter: 'Chủ tịch UBND tỉnh', plannedMinutes: 15 })], check: (s) => s.agenda.items[1]?.rev === 2 && s.agenda.items[1]?.plannedMinutes === 15 && s.agenda.rev === 1 },
  { name: 'clearing a field removes it', given: [edited('awards', { presenter: 'Chủ tịch UBND tỉnh' })], actor: host, when: c('agenda.updateItem', { itemId: 'awards', rev: 2, presenter: null }), then: [edited('awards', { presenter: null })], check: (s) => !('presenter' in s.agenda.items[1]!) && s.agenda.items[1]?.rev === 3 },
  { name: 'an edit made on an old revision is refused, never applied over the newer one', given: [edited('awards', { title: 'Trao Cờ thi đua' })], actor: host, when: c('agenda.updateItem', { itemId: 'awards', rev: 1, title: 'Khen thưởng các tập thể' }), then: { refused: 'conflict', reason: 'agenda.stale' } },
  { name: 'an edit that changes nothing is refused', given: [], actor: host, when: c('agenda.updateItem', { itemId: 'open', rev: 1, title: 'Khai mạc' }), then: { refused: 'invalid', reason: 'agenda.nothingChanged' } },
  { name: 'the current item may be edited while it runs (its timer follows)', given: started, actor: host, when: c('agenda.updateItem', { itemId: 'open', rev: 1, plannedMinutes: 10 }), then: [edited('open', { plannedMinutes: 10 })], check: (s) => s.agenda.items[0]?.plannedMinutes === 10 && s.agenda.items[0]?.runs?.length === 1 },
  { name: 'the host moves an item; the order’s revision goes up', given: [], actor: host, when: c('agenda.moveItem', { itemId: 'sign', toIndex: 1, listRev: 1 }), then: [{ type: 'agenda.itemMoved', data: { itemId: 'sign', toIndex: 1 } }], check: (s) => s.agenda.items.map((i) => i.id).join() === 'open,sign,awards' && s.agenda.rev === 2 },
  { name: 'a move made on an old order is refused', given: [{ type: 'agenda.itemMoved', data: { itemId: 'sign', toIndex: 0 } }], actor: host, when: c('agenda.moveItem', { itemId: 'awards', toIndex: 0, listRev: 1 }), then: { refused: 'conflict', reason: 'agenda.orderChanged' } },
  { name: 'a move past the end is invalid', given: [], actor: host, when: c('agenda.moveItem', { itemId: 'open', toIndex: 3, listRev: 1 }), then: { refused: 'invalid', reason: 'field.tooBig' } },
  { name: 'the host removes an item that has not run', given: started, actor: host, when: c('agenda.removeItem', { itemId: 'sign', rev: 1 }), then: [{ type: 'agenda.itemRemoved', data: { itemId: 'sign' } }], check: (s) => s.agenda.items.length === 2 && s.agenda.rev === 2 },
  { name: 'the current item cannot be removed', given: started, actor: host, when: c('agenda.removeItem', { itemId: 'open', rev: 1 }), then: { refused: 'conflict', reason: 'agenda.removeCurrent' } },
  { name: 'an item that already ran cannot be removed: the minutes keep it', given: [...started, { type: 'agenda.itemStarted', data: { itemId: 'awards' } }], actor: host, when: c('agenda.removeItem', { itemId: 'open', rev: 1 }), then: { refused: 'conflict', reason: 'agenda.removeRan' } },
  { name: 'a removal made on an old revision is refused', given: [edited('sign', { plannedMinutes: 20 })], actor: host, when: c('agenda.removeItem', { itemId: 'sign', rev: 1 }), then: { refused: 'conflict', reason: 'agenda.stale' } },
  { name: 'removing an unknown item is not found', given: [], actor: host, when: c('agenda.removeItem', { itemId: 'nope', rev: 1 }), then: { refused: 'not_found', reason: 'agenda.noItem' } },
  // sites
  { name: 'a site checks in with its attendees', given: [], actor: site('d1'), when: c('site.checkIn', { attendees: 120 }), then: [{ type: 'site.checkedIn', data: { siteId: 'd1', attendees: 120 } }], check: (s) => s.sites.find((x) => x.id === 'd1')?.checkIn?.attendees === 120 },
  { name: 'a site reports its own problem', given: [], actor: site('d2'), when: c('site.reportIssue', { message: 'Mất tiếng' }), then: [{ type: 'site.issueReported', data: { siteId: 'd2', message: 'Mất tiếng', by: 'site' } }], check: (s) => s.sites.find((x) => x.id === 'd2')?.issue?.message === 'Mất tiếng' && s.sites.find((x) => x.id === 'd2')?.issues?.[0]?.reportedBy === 'site' },
  { name: "a site may not report another site's problem", given: [], actor: site('d1'), when: c('site.reportIssue', { message: 'x', siteId: 'd2' }), then: { refused: 'forbidden' } },
  { name: 'the host resolves a site problem; the history keeps when and by whom', given: [reported('d1', 'Mất hình')], actor: host, when: c('site.resolveIssue', { siteId: 'd1' }), then: [{ type: 'site.issueResolved', data: { siteId: 'd1', by: 'host' } }], check: (s) => { const d1 = s.sites.find((x) => x.id === 'd1'); return !d1?.issue && d1?.issues?.length === 1 && d1.issues[0]?.message === 'Mất hình' && d1.issues[0]?.reportedBy === 'site' && d1.issues[0]?.resolvedBy === 'host' && !!d1.issues[0]?.resolvedAt } },
  { name: 'resolving without an open problem is a conflict', given: [], actor: host, when: c('site.resolveIssue', { siteId: 'd1' }), then: { refused: 'conflict' } },
  { name: 'a problem after a resolved one starts a second entry of the history', given: [reported('d1', 'Mất hình'), { type: 'site.issueResolved', data: { siteId: 'd1', by: 'site' } }], actor: host, when: c('site.reportIssue', { siteId: 'd1', message: 'Mất tiếng' }), then: [{ type: 'site.issueReported', data: { siteId: 'd1', message: 'Mất tiếng', by: 'host' } }], check: (s) => { const h = s.sites.find((x) => x.id === 'd1')?.issues; return h?.length === 2 && h[0]?.resolvedBy === 'site' && h[1]?.reportedBy === 'host' && !h[1]?.resolvedAt } },
  { name: 'a new report while one is open replaces it; the older stays in the history, marked', given: [reported('d1', 'Mất hình')], actor: site('d1'), when: c('site.reportIssue', { message: 'Mất hình và tiếng' }), then: [{ type: 'site.issueReported', data: { siteId: 'd1', message: 'Mất hình và tiếng', by: 'site' } }], check: (s) => { const d1 = s.sites.find((x) => x.id === 'd1'); return d1?.issue?.message === 'Mất hình và tiếng' && d1.issues?.[0]?.replaced === true && !d1.issues[1]?.resolvedAt } },
  { name: 'the same problem reported twice while open is a conflict (a double click)', given: [reported('d1', 'Mất hình')], actor: site('d1'), when: c('site.reportIssue', { message: 'Mất hình' }), then: { refused: 'conflict' } },
  { name: 'a site may not report a problem once the conference has ended', given: [...started, { type: 'conference.ended', data: {} }], actor: site('d1'), when: c('site.reportIssue', { message: 'Mất tiếng' }), then: { refused: 'conflict' } },
  { name: 'the host adds a commune under a district; its id comes from the name', given: [], actor: host, when: c('site.add', { name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd1' }), then: [{ type: 'site.added', data: { site: { id: 'xa-vinh-hai', name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd1' } } }], check: (s) => s.sites.length === 4 && s.sites[3]?.parentId === 'd1' && s.sites[3]?.kind === 'commune' },
  { name: 'the host adds a district under the hub while live, with an id of its own', given: started, actor: host, when: c('site.add', { name: 'Thành phố Phan Rang - Tháp Chàm', kind: 'district', parentId: 'hub', id: 'pr-tc' }), then: [{ type: 'site.added', data: { site: { id: 'pr-tc', name: 'Thành phố Phan Rang - Tháp Chàm', kind: 'district', parentId: 'hub' } } }] },
  { name: 'a second commune of the same name elsewhere gets its own id', given: [added('xa-vinh-hai', 'Xã Vĩnh Hải', 'd1')], actor: host, when: c('site.add', { name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd2' }), then: [{ type: 'site.added', data: { site: { id: 'xa-vinh-hai-2', name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd2' } } }] },
  { name: 'a site under an unknown parent is not found', given: [], actor: host, when: c('site.add', { name: 'Xã A', kind: 'commune', parentId: 'nope' }), then: { refused: 'not_found' } },
  { name: 'a commune directly under the hub is invalid', given: [], actor: host, when: c('site.add', { name: 'Xã A', kind: 'commune', parentId: 'hub' }), then: { refused: 'invalid' } },
  { name: 'nothing can be added under a commune', given: [added('xa-a', 'Xã A', 'd1')], actor: host, when: c('site.add', { name: 'Thôn B', kind: 'commune', parentId: 'xa-a' }), then: { refused: 'invalid' } },
  { name: 'the same name twice under one parent is a conflict', given: [added('xa-a', 'Xã A', 'd1')], actor: host, when: c('site.add', { name: 'xã a', kind: 'commune', parentId: 'd1' }), then: { refused: 'conflict' } },
  { name: 'an id already taken is a conflict', given: [], actor: host, when: c('site.add', { name: 'Xã Mới', kind: 'commune', parentId: 'd1', id: 'd2' }), then: { refused: 'conflict' } },
  { name: 'a site may not add sites', given: [], actor: site('d1'), when: c('site.add', { name: 'Xã A', kind: 'commune', parentId: 'd1' }), then: { refused: 'forbidden' } },
  { name: 'no site is added once the conference has ended', given: [...started, { type: 'conference.ended', data: {} }], actor: host, when: c('site.add', { name: 'Xã A', kind: 'commune', parentId: 'd1' }), then: { refused: 'conflict' } },
  // awards
  { name: 'an announcement carries what the dashboards show', given: started, actor: host, when: c('award.announce', { awardIds: ['a1', 'a3'] }), then: [announced([0, 2])], check: (s) => s.awards.filter((x) => x.announcedAt).map((x) => x.id).join() === 'a1,a3' },
  { name: 'a countdown sets revealAt further ahead', given: started, actor: host, when: c('award.announce', { awardIds: ['a2'], revealInMs: 5000 }), then: [announced([1], EXAMPLE_NOW + 5000)], check: (s) => s.awards[1]?.revealAt === EXAMPLE_NOW + 5000 },
  { name: 'an award is announced once', given: [...started, announced([0])], actor: host, when: c('award.announce', { awardIds: ['a1'] }), then: { refused: 'conflict', reason: 'award.alreadyAnnounced' } },
  { name: 'announcing before the conference is live is a conflict', given: [], actor: host, when: c('award.announce', { awardIds: ['a1'] }), then: { refused: 'conflict' } },
  { name: 'an unknown award is not found', given: started, actor: host, when: c('award.announce', { awardIds: ['zzz'] }), then: { refused: 'not_found' } },
  { name: 'a site may not announce', given: started, actor: site('d1'), when: c('award.announce', { awardIds: ['a1'] }), then: { refused: 'forbidden' } },
  { name: 'a retraction keeps the award with its reason', given: [...started, announced([0])], actor: host, when: c('award.retract', { awardId: 'a1', reason: 'Sai tên đơn vị' }), then: [{ type: 'award.retracted', data: { awardId: 'a1', reason: 'Sai tên đơn vị' } }], check: (s) => s.awards[0]?.retracted?.reason === 'Sai tên đơn vị' },
  { name: 'an award not announced cannot be retracted', given: started, actor: host, when: c('award.retract', { awardId: 'a2', reason: 'x' }), then: { refused: 'conflict' } },
  { name: 'an import adds awards to the catalog', given: [], actor: host, when: c('award.import', { awards: [{ id: 'a9', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Nội vụ', siteId: 'd2' }] }), then: [{ type: 'award.imported', data: { awards: [{ id: 'a9', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Nội vụ', siteId: 'd2' }] } }], check: (s) => s.awards.length === 5 },
  { name: 'an import may not reuse an id', given: [], actor: host, when: c('award.import', { awards: [{ id: 'a1', typeId: 'bk', recipientKind: 'collective', recipientName: 'X' }] }), then: { refused: 'conflict' } },
  { name: 'an import may not give a type to a kind it is not for', given: [], actor: host, when: c('award.import', { awards: [{ id: 'a9', typeId: 'cs', recipientKind: 'collective', recipientName: 'X' }] }), then: { refused: 'invalid' } },
  { name: 'a viewer may not import', given: [], actor: viewer, when: c('award.import', { awards: [{ id: 'a9', typeId: 'bk', recipientKind: 'collective', recipientName: 'X' }] }), then: { refused: 'forbidden' } },
  // signing
  { name: 'the host opens signing', given: started, actor: host, when: c('pledge.openSigning', {}), then: [opened], shows: { signing: { status: 'open' } } },
  { name: 'a signer signs its own bloc', given: [...started, opened], actor: signer('blocA'), when: c('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES }), then: [signedA], check: (s) => s.blocs[0]?.signature?.signerName === 'Nguyễn Văn A' },
  { name: 'the last signature completes the signing', given: [...started, opened, signedA], actor: signer('blocB'), when: c('pledge.sign', { blocId: 'blocB', contentHash: sha256(PLEDGE_B), strokes: STROKES, signerName: 'Trần Văn B' }), then: [{ type: 'pledge.signed', data: { blocId: 'blocB', contentHash: sha256(PLEDGE_B), strokes: STROKES, signerName: 'Trần Văn B' } }, { type: 'pledge.signingCompleted', data: {} }], shows: { signing: { status: 'completed' } } },
  { name: "a signer may not sign another bloc's pledge", given: [...started, opened], actor: signer('blocA'), when: c('pledge.sign', { blocId: 'blocB', contentHash: sha256(PLEDGE_B), strokes: STROKES }), then: { refused: 'forbidden' } },
  { name: 'a signature over another text is refused', given: [...started, opened], actor: signer('blocA'), when: c('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_B), strokes: STROKES }), then: { refused: 'conflict' } },
  { name: 'signing before it opens is refused', given: started, actor: signer('blocA'), when: c('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES }), then: { refused: 'conflict' } },
  { name: 'the host closes open signing', given: [...started, opened], actor: host, when: c('pledge.closeSigning', {}), then: [{ type: 'pledge.signingClosed', data: {} }], shows: { signing: { status: 'closed' } } },
  { name: 'the chairman witnesses a completed signing', given: [...started, opened, signedA, { type: 'pledge.signed', data: { blocId: 'blocB', contentHash: sha256(PLEDGE_B), strokes: STROKES, signerName: 'B' } }, { type: 'pledge.signingCompleted', data: {} }], actor: host, when: c('pledge.witness', { witnessName: 'Chủ tịch UBND tỉnh' }), then: [{ type: 'pledge.witnessed', data: { witnessName: 'Chủ tịch UBND tỉnh' } }], shows: { signing: { witnessName: 'Chủ tịch UBND tỉnh' } } },
  { name: 'the host opens signing for one bloc first', given: started, actor: host, when: c('pledge.openSigning', { blocIds: ['blocB'] }), then: [{ type: 'pledge.signingOpened', data: { blocIds: ['blocB'] } }], shows: { signing: { status: 'open', openBlocIds: ['blocB'] } } },
  { name: 'opening more blocs adds them in order', given: [...started, { type: 'pledge.signingOpened', data: { blocIds: ['blocB'] } }], actor: host, when: c('pledge.openSigning', { blocIds: ['blocA'] }), then: [{ type: 'pledge.signingOpened', data: { blocIds: ['blocA'] } }], shows: { signing: { openBlocIds: ['blocB', 'blocA'] } } },
  { name: 'a bloc not yet opened may not sign', given: [...started, { type: 'pledge.signingOpened', data: { blocIds: ['blocB'] } }], actor: signer('blocA'), when: c('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES }), then: { refused: 'conflict' } },
  { name: 'a dot is not a signature', given: [...started, opened], actor: signer('blocA'), when: c('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: [[[0.5, 0.5, 0], [0.51, 0.5, 10]]] }), then: { refused: 'invalid' } },
  { name: 'a straight line is not a signature', given: [...started, opened], actor: signer('blocA'), when: c('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: [[[0.1, 0.5, 0], [0.5, 0.5, 10], [0.9, 0.5, 20]]] }), then: { refused: 'invalid' } },
  { name: 'someone may sign on the head’s behalf', given: [...started, opened], actor: signer('blocA'), when: c('pledge.sign', { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES, signerName: 'Lê Văn Phó', behalf: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' }), then: [{ type: 'pledge.signed', data: { blocId: 'blocA', contentHash: sha256(PLEDGE_A), strokes: STROKES, signerName: 'Lê Văn Phó', behalf: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' } }], check: (s) => s.blocs[0]?.signature?.behalf === 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
  { name: 'the host voids a wrong signature; it stays in the history and the bloc signs again', given: [...started, opened, signedA], actor: host, when: c('pledge.void', { blocId: 'blocA', reason: 'Ký nhầm người' }), then: [{ type: 'pledge.voided', data: { blocId: 'blocA', reason: 'Ký nhầm người' } }], check: (s) => !s.blocs[0]?.signature && s.blocs[0]?.voided?.[0]?.reason === 'Ký nhầm người' && s.blocs[0]?.voided?.[0]?.signerName === 'Nguyễn Văn A' },
  { name: 'voiding the last signature reopens a completed signing', given: [...started, opened, signedA, { type: 'pledge.signed', data: { blocId: 'blocB', contentHash: sha256(PLEDGE_B), strokes: STROKES, signerName: 'B' } }, { type: 'pledge.signingCompleted', data: {} }], actor: host, when: c('pledge.void', { blocId: 'blocB', reason: 'Sai chữ ký' }), then: [{ type: 'pledge.voided', data: { blocId: 'blocB', reason: 'Sai chữ ký' } }], shows: { signing: { status: 'open' } } },
  { name: 'an unsigned pledge has nothing to void', given: [...started, opened], actor: host, when: c('pledge.void', { blocId: 'blocA', reason: 'x' }), then: { refused: 'conflict' } },
  { name: 'a signer may not void', given: [...started, opened, signedA], actor: signer('blocA'), when: c('pledge.void', { blocId: 'blocA', reason: 'x' }), then: { refused: 'forbidden' } },
  { name: 'witnessing before every bloc signed is refused', given: [...started, opened], actor: host, when: c('pledge.witness', {}), then: { refused: 'conflict' } },
]
