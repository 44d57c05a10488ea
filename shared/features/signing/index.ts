/** The signing feature: its contract, reducers, rules and rights, joined and checked against each other. */
import { defineFeature } from '../feature.js'
import { signingContract } from './contract.js'
import { decideSigning, signingRights } from './decide.js'
import { evolveSigning } from './evolve.js'

export const signing = defineFeature({ contract: signingContract, evolve: evolveSigning, decide: decideSigning, rights: signingRights })
