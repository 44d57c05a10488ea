/**
 * Every command's rule, joined from the feature slices: a command missing here fails the type-check.
 */
import type { CommandType } from '../../shared/commands.js'
import { agendaRules } from './agenda.decide.js'
import { awardRules } from './awards.decide.js'
import { conferenceRules } from './conference.decide.js'
import type { Rules } from './decision.js'
import { signingRules } from './signing.decide.js'
import { siteRules } from './sites.decide.js'

export const RULES: Rules<CommandType> = { ...conferenceRules, ...agendaRules, ...siteRules, ...awardRules, ...signingRules }
