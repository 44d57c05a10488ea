/** The agenda's reducers: the current item with its runs, and the host's edits. */
import { unreachable } from '../decision.js'
import type { ContractEvent } from '../define.js'
import { patcher } from '../feature.js'
import type { AgendaItemChanges, agendaContract } from './contract.js'
import { endRuns, type AgendaItem, type AgendaSlice } from './state.js'

const patch = patcher<AgendaSlice>()

function applyChanges(item: AgendaItem, changes: AgendaItemChanges): AgendaItem {
  const next: AgendaItem = { ...item, rev: (item.rev ?? 0) + 1 }
  if (changes.title !== undefined) next.title = changes.title
  if (changes.kind !== undefined) next.kind = changes.kind
  // An optional field: null clears it, a value sets it, absent keeps it.
  if (changes.presenter === null) delete next.presenter
  else if (changes.presenter !== undefined) next.presenter = changes.presenter
  if (changes.unit === null) delete next.unit
  else if (changes.unit !== undefined) next.unit = changes.unit
  if (changes.plannedMinutes === null) delete next.plannedMinutes
  else if (changes.plannedMinutes !== undefined) next.plannedMinutes = changes.plannedMinutes
  return next
}

const withItems = <X extends AgendaSlice>(state: X, items: AgendaItem[], listChanged: boolean): X =>
  patch(state, { agenda: { ...state.agenda, items, rev: state.agenda.rev + (listChanged ? 1 : 0) } })

/** The agenda reducer: one case per event of its contract. */
export function evolveAgenda<X extends AgendaSlice>(state: X, event: ContractEvent<typeof agendaContract>): X {
  switch (event.type) {
    case 'agenda.itemStarted': {
      const { at, data: { itemId } } = event
      const items = endRuns(state.agenda.items, at).map((i) => (i.id === itemId ? { ...i, startedAt: at, runs: [...(i.runs ?? []), { startedAt: at }] } : i))
      return patch(state, { agenda: { ...state.agenda, items, currentItemId: itemId } })
    }
    case 'agenda.itemAdded': {
      const { item, index } = event.data
      const items = [...state.agenda.items]
      items.splice(index, 0, { ...item, rev: item.rev ?? 1, runs: item.runs ?? [] })
      return withItems(state, items, true)
    }
    case 'agenda.itemUpdated': {
      const { itemId, changes } = event.data
      return withItems(state, state.agenda.items.map((i) => (i.id === itemId ? applyChanges(i, changes) : i)), false)
    }
    case 'agenda.itemMoved': {
      const { itemId, toIndex } = event.data
      const item = state.agenda.items.find((i) => i.id === itemId)
      if (!item) return state
      const items = state.agenda.items.filter((i) => i.id !== itemId)
      items.splice(toIndex, 0, item)
      return withItems(state, items, true)
    }
    case 'agenda.itemRemoved':
      return withItems(state, state.agenda.items.filter((i) => i.id !== event.data.itemId), true)
    default:
      return unreachable(event)
  }
}
