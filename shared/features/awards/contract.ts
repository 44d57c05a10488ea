/**
 * The award ceremony's contract: the catalog imported as events, announcements revealed
 * everywhere at `revealAt`, retractions kept in the history.
 */
import { z } from 'zod'
import { Id, Text } from '../../kernel.js'
import { command, defineContract, event, upcast } from '../define.js'
import { Award, AwardShown, shown } from './state.js'

export const AnnounceAwards = z
  .object({
    awardIds: z.array(Id).min(1, 'name at least one award').max(5000, 'at most 5000 awards at once'),
    revealInMs: z.number().int().min(0).max(10_000).optional(),
  })
  .strict()
export const RetractAward = z.object({ awardId: Id, reason: Text(500, { multiline: true }) }).strict()

/** An award as an import brings it: the ceremony's own fields are never imported. */
export const NewAward = Award.omit({ announcedAt: true, revealAt: true, retracted: true, sealed: true }).strict()
export type NewAward = z.infer<typeof NewAward>

/** New awards for the catalog, as an import parsed them. */
export const ImportAwards = z
  .object({ awards: z.array(NewAward).min(1, 'the list has no awards').max(20_000, 'at most 20000 awards in one import') })
  .strict()

/** Default lead between an announcement and its reveal, so that every site shows it together (shared/protocol.ts says the same). */
export const REVEAL_LEAD_MS = 300

/**
 * Older `award.announced` events (version 1) named only the awards; the display data is filled
 * from the catalog, which no event changes after its import.
 */
const announcedV1 = upcast(z.object({ awardIds: z.array(z.string()), revealAt: z.number() }), (data, state) => {
  const byId = new Map(state.awards.map((a) => [a.id, a]))
  const awards = data.awardIds.flatMap((id) => {
    const a = byId.get(id)
    return a ? [shown(a)] : []
  })
  return { awardIds: data.awardIds, revealAt: data.revealAt, awards }
})

export const awardsContract = defineContract({
  name: 'awards',
  commands: [
    command('award.announce', AnnounceAwards),
    command('award.retract', RetractAward),
    command('award.import', ImportAwards),
  ],
  events: {
    'award.imported': event(z.object({ awards: z.array(Award) })),
    'award.announced': event(z.object({ awardIds: z.array(Id), revealAt: z.number(), awards: z.array(AwardShown) }), [announcedV1]),
    'award.retracted': event(z.object({ awardId: Id, reason: z.string() })),
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
  },
})
