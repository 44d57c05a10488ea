/**
 * The agenda's rules: which item is current, and the host's edits. Edits are allowed before and
 * during the conference (the registry refuses everything once it has ended); a stale edit is
 * refused with `conflict` rather than applied over what another console just did (./contract.ts).
 */
import { itemRuns } from './timing.js'
import { RequestReason } from '../../error-codes.js'
import type { Actor } from '../../kernel.js'
import { accept, refuse, unreachable, type ContractDecision, type DecideClock, type Rights } from '../decision.js'
import type { ContractCommand } from '../define.js'
import { LifecycleReason } from '../lifecycle.js'
import { agendaContract, MAX_AGENDA_ITEMS, type AgendaItemChanges } from './contract.js'
import type { AgendaItem, AgendaView } from './state.js'

/** An agenda command (of type `T`), and what an agenda rule decides. */
type CommandOf<T extends string = string> = ContractCommand<typeof agendaContract, T>
type Decision = ContractDecision<typeof agendaContract>
/** The agenda's own refusal reasons, from its contract. */
const R = agendaContract.reasons

/** Who may send each agenda command, and on which subject. */
export const agendaRights: Rights<typeof agendaContract> = {
  roles: {
    'agenda.goto': ['host'], 'agenda.next': ['host'], 'agenda.previous': ['host'],
    'agenda.addItem': ['host'], 'agenda.updateItem': ['host'], 'agenda.moveItem': ['host'], 'agenda.removeItem': ['host'],
  },
}

function startItem(state: AgendaView, target: string | undefined, none: () => Decision): Decision {
  if (state.status !== 'live') return refuse('conflict', `the agenda runs only while the conference is live; it is ${state.status}`, LifecycleReason.conferenceNotLive, { status: state.status })
  if (!target) return none()
  if (target === state.agenda.currentItemId) {
    const title = state.agenda.items.find((i) => i.id === target)?.title ?? target
    return refuse('conflict', `agenda item ${target} is already current`, R.agendaAlreadyCurrent, { title })
  }
  return accept({ type: 'agenda.itemStarted', data: { itemId: target } })
}

const currentIndex = (state: AgendaView) => state.agenda.items.findIndex((i) => i.id === state.agenda.currentItemId)

const noItem = (itemId: string): Decision => refuse('not_found', `data.itemId: there is no agenda item ${itemId}`, R.agendaNoItem, undefined, 'itemId')

/** The item, or the refusal when it is gone or changed since the sender saw revision `rev`. */
function current(state: AgendaView, itemId: string, rev: number): { item: AgendaItem } | { refused: Decision } {
  const item = state.agenda.items.find((i) => i.id === itemId)
  if (!item) return { refused: noItem(itemId) }
  const now = item.rev ?? 0
  if (now !== rev) {
    return { refused: refuse('conflict', `agenda item ${itemId} was changed by someone else (revision ${now}, the edit was made on ${rev}); look at it again`, R.agendaStale, { title: item.title, rev: now }) }
  }
  return { item }
}

/** Only what differs from the item as it is: an edit that changes nothing is no event. */
function changesOf(item: AgendaItem, data: AgendaItemChanges): AgendaItemChanges {
  const out: AgendaItemChanges = {}
  if (data.title !== undefined && data.title !== item.title) out.title = data.title
  if (data.kind !== undefined && data.kind !== item.kind) out.kind = data.kind
  const differs = (v: string | number | null | undefined, was: string | number | undefined) => v !== undefined && (v === null ? was !== undefined : v !== was)
  if (differs(data.presenter, item.presenter)) out.presenter = data.presenter
  if (differs(data.unit, item.unit)) out.unit = data.unit
  if (differs(data.plannedMinutes, item.plannedMinutes)) out.plannedMinutes = data.plannedMinutes
  return out
}

function goto(state: AgendaView, cmd: CommandOf<'agenda.goto'>): Decision {
  const { itemId } = cmd.data
  if (state.status === 'live' && !state.agenda.items.some((i) => i.id === itemId)) return noItem(itemId)
  return startItem(state, itemId, () => noItem(itemId))
}

function next(state: AgendaView): Decision {
  return startItem(state, state.agenda.items[currentIndex(state) + 1]?.id, () =>
    state.agenda.items.length === 0
      ? refuse('conflict', 'the agenda has no items', R.agendaEmpty)
      : refuse('conflict', 'the current item is the last on the agenda', R.agendaAtEnd))
}

function previous(state: AgendaView): Decision {
  const i = currentIndex(state)
  return startItem(state, i > 0 ? state.agenda.items[i - 1]?.id : undefined, () => refuse('conflict', 'the current item is the first on the agenda', R.agendaAtStart))
}

function addItem(state: AgendaView, cmd: CommandOf<'agenda.addItem'>): Decision {
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
  if (items.some((i) => i.id === id)) return refuse('conflict', `there is already an agenda item ${id}`, RequestReason.fieldDuplicate)
  return accept({ type: 'agenda.itemAdded', data: { item: { id, ...fields, rev: 1, runs: [] }, index } })
}

function updateItem(state: AgendaView, cmd: CommandOf<'agenda.updateItem'>): Decision {
  const { itemId, rev, ...data } = cmd.data
  const found = current(state, itemId, rev)
  if ('refused' in found) return found.refused
  const changes = changesOf(found.item, data)
  if (Object.keys(changes).length === 0) return refuse('invalid', `the edit of agenda item ${itemId} changes nothing`, R.agendaNothingChanged, { title: found.item.title })
  return accept({ type: 'agenda.itemUpdated', data: { itemId, changes } })
}

function moveItem(state: AgendaView, cmd: CommandOf<'agenda.moveItem'>): Decision {
  const { itemId, toIndex, listRev } = cmd.data
  const from = state.agenda.items.findIndex((i) => i.id === itemId)
  const item = state.agenda.items[from]
  if (!item) return noItem(itemId)
  if (listRev !== state.agenda.rev) {
    return refuse('conflict', `the agenda's order was changed by someone else (revision ${state.agenda.rev}, the move was made on ${listRev}); look at it again`, R.agendaOrderChanged, { rev: state.agenda.rev })
  }
  const last = state.agenda.items.length - 1
  if (toIndex > last) return refuse('invalid', `data.toIndex: must be at most ${last}`, RequestReason.fieldTooBig, { max: last }, 'toIndex')
  if (toIndex === from) return refuse('invalid', `agenda item ${itemId} is already at position ${toIndex}`, R.agendaNothingChanged, { title: item.title })
  return accept({ type: 'agenda.itemMoved', data: { itemId, toIndex } })
}

function removeItem(state: AgendaView, cmd: CommandOf<'agenda.removeItem'>): Decision {
  const found = current(state, cmd.data.itemId, cmd.data.rev)
  if ('refused' in found) return found.refused
  const { item } = found
  if (item.id === state.agenda.currentItemId) return refuse('conflict', `agenda item ${item.id} is current; move to another item before removing it`, R.agendaRemoveCurrent, { title: item.title })
  if (itemRuns(item).length > 0) return refuse('conflict', `agenda item ${item.id} has already run; the minutes keep it`, R.agendaRemoveRan, { title: item.title })
  return accept({ type: 'agenda.itemRemoved', data: { itemId: item.id } })
}

/** The agenda rules: one named function per command, routed by an exhaustive switch. */
export function decideAgenda(state: AgendaView, cmd: CommandOf, _actor: Actor, _clock: DecideClock): Decision {
  switch (cmd.type) {
    case 'agenda.goto': return goto(state, cmd)
    case 'agenda.next': return next(state)
    case 'agenda.previous': return previous(state)
    case 'agenda.addItem': return addItem(state, cmd)
    case 'agenda.updateItem': return updateItem(state, cmd)
    case 'agenda.moveItem': return moveItem(state, cmd)
    case 'agenda.removeItem': return removeItem(state, cmd)
    default: return unreachable(cmd)
  }
}
