/** The awards feature: its contract, reducers, rules and rights, joined and checked against each other. */
import { defineFeature } from '../feature.js'
import { awardsContract } from './contract.js'
import { decideAwards, awardsRights } from './decide.js'
import { evolveAwards } from './evolve.js'

export const awards = defineFeature({ contract: awardsContract, evolve: evolveAwards, decide: decideAwards, rights: awardsRights })
