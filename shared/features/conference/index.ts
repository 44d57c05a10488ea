/** The conference feature: its contract, reducers, rules and rights, joined and checked against each other. */
import { defineFeature } from '../feature.js'
import { conferenceContract } from './contract.js'
import { decideConference, conferenceRights } from './decide.js'
import { evolveConference } from './evolve.js'

export const conference = defineFeature({ contract: conferenceContract, evolve: evolveConference, decide: decideConference, rights: conferenceRights })
