/**
 * The award ceremony's contract: the catalog imported as events, announcements revealed
 * everywhere at `revealAt`, retractions kept in the history.
 */
import { z } from 'zod'
import { Id, Text } from '../../kernel.js'
import { command, defineContract, event, upcast } from '../define.js'
import { RollPlan, ROLL_LIMITS } from './roll.js'
import { Award, AwardShown, shown, type AwardsSlice } from './state.js'

/** Awards one announcement may name, its longest countdown, the longest reason, the largest import. */
const MAX_ANNOUNCED = 5000
const MAX_REVEAL_IN_MS = 10_000
const REASON_CHARS = 500
const MAX_IMPORTED = 20_000

export const AnnounceAwards = z
  .object({
    awardIds: z.array(Id).min(1, 'name at least one award').max(MAX_ANNOUNCED, `at most ${MAX_ANNOUNCED} awards at once`),
    revealInMs: z.number().int().min(0).max(MAX_REVEAL_IN_MS).optional(),
    /** How the halls pace the roll of this batch (the host's console plans it); a default when absent. */
    roll: RollPlan.optional(),
  })
  .strict()
/** The host's hand on the roll in progress: pause, resume, skip to the next decision, end. */
export const ControlRoll = z.object({ action: z.enum(['pause', 'resume', 'skip', 'end']) }).strict()
export type RollAction = z.infer<typeof ControlRoll>['action']
export const RetractAward = z.object({ awardId: Id, reason: Text(REASON_CHARS, { multiline: true }) }).strict()

/** An award as an import brings it: the ceremony's own fields are never imported. */
export const NewAward = Award.omit({ announcedAt: true, revealAt: true, retracted: true, sealed: true }).strict()
export type NewAward = z.infer<typeof NewAward>

/** New awards for the catalog, as an import parsed them. */
export const ImportAwards = z
  .object({ awards: z.array(NewAward).min(1, 'the list has no awards').max(MAX_IMPORTED, `at most ${MAX_IMPORTED} awards in one import`) })
  .strict()

/** Default lead between an announcement and its reveal, so that every site shows it together (shared/protocol.ts says the same). */
export const REVEAL_LEAD_MS = 300

/**
 * Older `award.announced` events (version 1) named only the awards; the display data is filled
 * from the catalog, which no event changes after its import.
 */
const announcedV1 = upcast(z.object({ awardIds: z.array(z.string()), revealAt: z.number() }), (data, state: AwardsSlice) => {
  const byId = new Map(state.awards.map((a) => [a.id, a]))
  const awards = data.awardIds.flatMap((id) => {
    const a = byId.get(id)
    return a ? [shown(a)] : []
  })
  return { awardIds: data.awardIds, revealAt: data.revealAt, awards }
})

/** The awards contract: its commands, events (with versions and upcasts), refusal reasons and limits. */
export const awardsContract = defineContract({
  name: 'awards',
  commands: [
    command('award.announce', AnnounceAwards),
    command('award.retract', RetractAward),
    command('award.import', ImportAwards),
    command('award.controlRoll', ControlRoll),
  ],
  events: {
    'award.imported': event(z.object({ awards: z.array(Award) })),
    'award.announced': event(z.object({ awardIds: z.array(Id), revealAt: z.number(), awards: z.array(AwardShown), roll: RollPlan.optional() }), [announcedV1]),
    'award.retracted': event(z.object({ awardId: Id, reason: z.string() })),
    'award.rollControlled': event(z.object({ revealAt: z.number(), action: ControlRoll.shape.action, atMs: z.number(), toPage: z.number().int().min(0).optional() })),
  },
  reasons: {
    awardNoItem: 'award.noItem',
    awardNoType: 'award.noType',
    awardNoSite: 'award.noSite',
    awardRetracted: 'award.retracted',
    awardAlreadyAnnounced: 'award.alreadyAnnounced',
    awardNotAnnounced: 'award.notAnnounced',
    awardAlreadyRetracted: 'award.alreadyRetracted',
    awardIdTaken: 'award.idTaken',
    awardWrongKind: 'award.wrongKind',
    awardNoRoll: 'award.noRoll',
    awardRollPaused: 'award.rollPaused',
    awardRollRunning: 'award.rollRunning',
    awardRollLastGroup: 'award.rollLastGroup',
    awardRollPlan: 'award.rollPlan',
  },
  limits: {
    'award.announce': { awardIds: MAX_ANNOUNCED, revealInMs: MAX_REVEAL_IN_MS, revealLeadMs: REVEAL_LEAD_MS, ...ROLL_LIMITS },
    'award.retract': { reason: REASON_CHARS },
    'award.import': { awards: MAX_IMPORTED },
  },
})
