/** The agenda feature: its contract, reducers, rules and rights, joined and checked against each other. */
import { defineFeature } from '../feature.js'
import { agendaContract } from './contract.js'
import { decideAgenda, agendaRights } from './decide.js'
import { evolveAgenda } from './evolve.js'

export const agenda = defineFeature({ contract: agendaContract, evolve: evolveAgenda, decide: decideAgenda, rights: agendaRights })
