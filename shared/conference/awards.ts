/**
 * The award ceremony: the catalog imported as events, announcements revealed everywhere at
 * `revealAt`, retractions kept in the history. Recipients stay private until announced:
 * `sealAward` is what a site, signer or viewer knows of an award before that.
 */
import { z } from 'zod'
import { Award, Id, Text, type ConferenceState } from '../domain.js'
import type { Envelope, Evolvers } from './envelope.js'

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

export const awardCommands = {
  'award.announce': AnnounceAwards,
  'award.retract': RetractAward,
  'award.import': ImportAwards,
}

/** What a dashboard needs to show an award: travels with its announcement. */
export const AwardShown = Award.pick({
  id: true, typeId: true, recipientKind: true, recipientName: true, unit: true, siteId: true, decision: true, awardClass: true,
})
export type AwardShown = z.infer<typeof AwardShown>

export const awardEvents = {
  'award.imported': z.object({ awards: z.array(Award) }),
  'award.announced': z.object({ awardIds: z.array(Id), revealAt: z.number(), awards: z.array(AwardShown) }),
  'award.retracted': z.object({ awardId: Id, reason: z.string() }),
}
export type AwardEvents = { [T in keyof typeof awardEvents]: z.infer<(typeof awardEvents)[T]> }

export function shown(a: Award): AwardShown {
  const { id, typeId, recipientKind, recipientName, unit, siteId, decision, awardClass } = a
  const out: AwardShown = { id, typeId, recipientKind, recipientName }
  if (unit !== undefined) out.unit = unit
  if (siteId !== undefined) out.siteId = siteId
  if (decision !== undefined) out.decision = decision
  if (awardClass !== undefined) out.awardClass = awardClass
  return out
}

/** What a non-host knows of an award before its announcement: its place in the catalog, never its recipient. */
export function sealAward(a: Award): Award {
  if (a.announcedAt || a.sealed) return a
  return { id: a.id, typeId: a.typeId, recipientKind: a.recipientKind, recipientName: '', sealed: true }
}

/**
 * Older `award.announced` events (version 1) named only the awards; the display data is filled
 * from the catalog, which no event changes after its import.
 */
export function upcastAnnouncedV1(data: { awardIds: string[]; revealAt: number }, state: ConferenceState): AwardEvents['award.announced'] {
  const byId = new Map(state.awards.map((a) => [a.id, a]))
  const awards = data.awardIds.flatMap((id) => {
    const a = byId.get(id)
    return a ? [shown(a)] : []
  })
  return { awardIds: data.awardIds, revealAt: data.revealAt, awards }
}

export const awardEvolvers: Evolvers<AwardEvents> = {
  'award.imported': (state, { data }) => ({ ...state, awards: [...state.awards, ...data.awards] }),
  'award.announced': (state, { at, data: { awardIds, revealAt, awards } }) => {
    const ids = new Set(awardIds)
    const data = new Map(awards.map((a) => [a.id, a]))
    return {
      ...state,
      awards: state.awards.map((a) => {
        if (!ids.has(a.id)) return a
        const { sealed: _sealed, ...known } = a
        return { ...known, ...data.get(a.id), announcedAt: at, revealAt }
      }),
    }
  },
  'award.retracted': (state, { at, data: { awardId, reason } }) => ({
    ...state,
    awards: state.awards.map((a) => (a.id === awardId ? { ...a, retracted: { reason, at } } : a)),
  }),
}

/** What a site, signer or viewer receives of an event: an import arrives sealed. */
export function publicAwardEvent<E extends Envelope<string, unknown>>(event: E): E {
  if (event.type !== 'award.imported') return event
  const { awards } = event.data as AwardEvents['award.imported']
  return { ...event, data: { awards: awards.map(sealAward) } }
}
