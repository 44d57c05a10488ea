/**
 * Rules of the agenda slice: which item is current, and the host's edits. Edits are allowed
 * before and during the conference (decide.ts refuses everything once it has ended); a stale
 * edit is refused with `conflict` rather than applied over what another console just did
 * (see shared/conference/agenda.ts).
 */
import type { AgendaItem, ConferenceState } from '../../shared/domain.js'
import { MAX_AGENDA_ITEMS, type AgendaItemChanges } from '../../shared/conference/agenda.js'
import { itemRuns } from '../../shared/agenda-timing.js'
import { ErrorReason as R } from '../../shared/errors.js'
import { accept, refuse, type Decision, type Rules } from './decision.js'

function startItem(state: ConferenceState, target: string | undefined, none: () => Decision): Decision {
  if (state.status !== 'live') return refuse('conflict', `the agenda runs only while the conference is live; it is ${state.status}`, R.conferenceNotLive, { status: state.status })
  if (!target) return none()
  if (target === state.agenda.currentItemId) {
    const title = state.agenda.items.find((i) => i.id === target)?.title ?? target
    return refuse('conflict', `agenda item ${target} is already current`, R.agendaAlreadyCurrent, { title })
  }
  return accept({ type: 'agenda.itemStarted', data: { itemId: target } })
}

const currentIndex = (state: ConferenceState) => state.agenda.items.findIndex((i) => i.id === state.agenda.currentItemId)

const noItem = (itemId: string): Decision => refuse('not_found', `data.itemId: there is no agenda item ${itemId}`, R.agendaNoItem, undefined, 'itemId')

/** The item, or the refusal when it is gone or changed since the sender saw revision `rev`. */
function current(state: ConferenceState, itemId: string, rev: number): AgendaItem | Decision {
  const item = state.agenda.items.find((i) => i.id === itemId)
  if (!item) return noItem(itemId)
  const now = item.rev ?? 0
  if (now !== rev) {
    return refuse('conflict', `agenda item ${itemId} was changed by someone else (revision ${now}, the edit was made on ${rev}); look at it again`, R.agendaStale, { title: item.title, rev: now })
  }
  return item
}
const isDecision = (x: AgendaItem | Decision): x is Decision => 'ok' in x

/** Only what differs from the item as it is: an edit that changes nothing is no event. */
function changesOf(item: AgendaItem, data: AgendaItemChanges): AgendaItemChanges {
  const out: AgendaItemChanges = {}
  if (data.title !== undefined && data.title !== item.title) out.title = data.title
  if (data.kind !== undefined && data.kind !== item.kind) out.kind = data.kind
  for (const key of ['presenter', 'unit', 'plannedMinutes'] as const) {
    const v = data[key]
    if (v === undefined) continue
    if (v === null ? item[key] !== undefined : v !== item[key]) (out as Record<string, unknown>)[key] = v
  }
  return out
}

type AgendaCommand = 'agenda.goto' | 'agenda.next' | 'agenda.previous' | 'agenda.addItem' | 'agenda.updateItem' | 'agenda.moveItem' | 'agenda.removeItem'

export const agendaRules: Rules<AgendaCommand> = {
  'agenda.goto': {
    roles: ['host'],
    decide: (state, cmd) => {
      if (state.status === 'live' && !state.agenda.items.some((i) => i.id === cmd.data.itemId)) return noItem(cmd.data.itemId)
      return startItem(state, cmd.data.itemId, () => noItem(cmd.data.itemId))
    },
  },
  'agenda.next': {
    roles: ['host'],
    decide: (state) =>
      startItem(state, state.agenda.items[currentIndex(state) + 1]?.id, () =>
        state.agenda.items.length === 0
          ? refuse('conflict', 'the agenda has no items', R.agendaEmpty)
          : refuse('conflict', 'the current item is the last on the agenda', R.agendaAtEnd)),
  },
  'agenda.previous': {
    roles: ['host'],
    decide: (state) => {
      const i = currentIndex(state)
      return startItem(state, i > 0 ? state.agenda.items[i - 1]?.id : undefined, () => refuse('conflict', 'the current item is the first on the agenda', R.agendaAtStart))
    },
  },
  'agenda.addItem': {
    roles: ['host'],
    decide: (state, cmd) => {
      const items = state.agenda.items
      if (items.length >= MAX_AGENDA_ITEMS) return refuse('conflict', `the agenda already has ${items.length} items, the most it may hold`, R.agendaFull, { max: MAX_AGENDA_ITEMS })
      const { afterItemId, ...fields } = cmd.data
      let index = items.length
      if (afterItemId === null) index = 0
      else if (afterItemId !== undefined) {
        const at = items.findIndex((i) => i.id === afterItemId)
        if (at < 0) return refuse('not_found', `data.afterItemId: there is no agenda item ${afterItemId}`, R.agendaNoItem, undefined, 'afterItemId')
        index = at + 1
      }
      // The id comes from the command's, so a retried command names the same item.
      const id = `item-${cmd.id.slice(0, 40)}`
      if (items.some((i) => i.id === id)) return refuse('conflict', `there is already an agenda item ${id}`, R.fieldDuplicate)
      return accept({ type: 'agenda.itemAdded', data: { item: { id, ...fields, rev: 1, runs: [] }, index } })
    },
  },
  'agenda.updateItem': {
    roles: ['host'],
    decide: (state, cmd) => {
      const { itemId, rev, ...data } = cmd.data
      const item = current(state, itemId, rev)
      if (isDecision(item)) return item
      const changes = changesOf(item, data)
      if (Object.keys(changes).length === 0) return refuse('invalid', `the edit of agenda item ${itemId} changes nothing`, R.agendaNothingChanged, { title: item.title })
      return accept({ type: 'agenda.itemUpdated', data: { itemId, changes } })
    },
  },
  'agenda.moveItem': {
    roles: ['host'],
    decide: (state, cmd) => {
      const { itemId, toIndex, listRev } = cmd.data
      const from = state.agenda.items.findIndex((i) => i.id === itemId)
      if (from < 0) return noItem(itemId)
      if (listRev !== state.agenda.rev) {
        return refuse('conflict', `the agenda's order was changed by someone else (revision ${state.agenda.rev}, the move was made on ${listRev}); look at it again`, R.agendaOrderChanged, { rev: state.agenda.rev })
      }
      const last = state.agenda.items.length - 1
      if (toIndex > last) return refuse('invalid', `data.toIndex: must be at most ${last}`, R.fieldTooBig, { max: last }, 'toIndex')
      if (toIndex === from) return refuse('invalid', `agenda item ${itemId} is already at position ${toIndex}`, R.agendaNothingChanged, { title: state.agenda.items[from]!.title })
      return accept({ type: 'agenda.itemMoved', data: { itemId, toIndex } })
    },
  },
  'agenda.removeItem': {
    roles: ['host'],
    decide: (state, cmd) => {
      const item = current(state, cmd.data.itemId, cmd.data.rev)
      if (isDecision(item)) return item
      if (item.id === state.agenda.currentItemId) return refuse('conflict', `agenda item ${item.id} is current; move to another item before removing it`, R.agendaRemoveCurrent, { title: item.title })
      if (itemRuns(item).length > 0) return refuse('conflict', `agenda item ${item.id} has already run; the minutes keep it`, R.agendaRemoveRan, { title: item.title })
      return accept({ type: 'agenda.itemRemoved', data: { itemId: item.id } })
    },
  },
}
