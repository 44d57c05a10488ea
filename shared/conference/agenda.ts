/**
 * The agenda: which item is current.
 */
import { z } from 'zod'
import { Id } from '../domain.js'
import type { Evolvers } from './envelope.js'

const Empty = z.object({}).strict()

export const GotoAgendaItem = z.object({ itemId: Id }).strict()

export const agendaCommands = {
  'agenda.goto': GotoAgendaItem,
  'agenda.next': Empty,
  'agenda.previous': Empty,
}

export const agendaEvents = {
  'agenda.itemStarted': z.object({ itemId: Id }),
}
export type AgendaEvents = { [T in keyof typeof agendaEvents]: z.infer<(typeof agendaEvents)[T]> }

export const agendaEvolvers: Evolvers<AgendaEvents> = {
  'agenda.itemStarted': (state, { at, data: { itemId } }) => {
    const items = state.agenda.items.map((i) => (i.id === itemId ? { ...i, startedAt: at } : i))
    return { ...state, agenda: { items, currentItemId: itemId } }
  },
}
