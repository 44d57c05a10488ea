/**
 * The conference feature: its contract, reducers, rules and rights, joined and checked against each
 * other. Its reducer makes the whole state anew when the conference is created (`WholeConference`).
 */
import { defineFeature } from '../feature.js'
import { conferenceContract } from './contract.js'
import { decideConference, conferenceRights } from './decide.js'
import { evolveConference } from './evolve.js'
import type { ConferenceView, WholeConference } from './state.js'

export const conference = defineFeature<typeof conferenceContract, ConferenceView, ReturnType<typeof decideConference>, WholeConference>({
  contract: conferenceContract, evolve: evolveConference, decide: decideConference, rights: conferenceRights,
})
