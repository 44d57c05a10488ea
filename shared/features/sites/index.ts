/** The sites feature: its contract, reducers, rules and rights, joined and checked against each other. */
import { defineFeature } from '../feature.js'
import { sitesContract } from './contract.js'
import { decideSites, sitesRights } from './decide.js'
import { evolveSites } from './evolve.js'

export const sites = defineFeature({ contract: sitesContract, evolve: evolveSites, decide: decideSites, rights: sitesRights })
