/** The awards slice of the state: the award types and the catalog, with each award's ceremony. */
import { z } from 'zod'
import { Id, Text } from '../../kernel.js'
import type { Lifecycle } from '../lifecycle.js'
import type { SitesSlice } from '../sites/state.js'
import type { RollState } from './roll.js'

export const RecipientKind = z.enum(['collective', 'individual'])
export type RecipientKind = z.infer<typeof RecipientKind>

export const AwardType = z.object({
  id: Id,
  name: Text(200),
  recipientKind: z.enum(['collective', 'individual', 'both']),
  /** Who grants it: 'national' (Chủ tịch nước, Thủ tướng) or 'provincial' (UBND tỉnh). */
  level: z.enum(['national', 'provincial']).optional(),
  /** Ceremony order: lower is presented first (national before provincial, flags before certificates). */
  precedence: z.number().int().min(0).max(10_000).optional(),
})
export type AwardType = z.infer<typeof AwardType>

export const Award = z.object({
  id: Id,
  typeId: Id,
  recipientKind: RecipientKind,
  recipientName: Text(300),
  unit: Text(300).optional(),
  siteId: Id.optional(),
  /** The legal decision it comes from, as written: "Quyết định số 412/QĐ-UBND ngày 10/02/2023". */
  decision: Text(200).optional(),
  /** The class of the award, when it has one: "hạng Ba". */
  awardClass: Text(60).optional(),
  /**
   * Set on what a site, signer or viewer receives of an award not yet announced: only its id, type
   * and kind; the recipient (`recipientName` is then '') travels with the announcement.
   */
  sealed: z.literal(true).optional(),
  /** ISO server time of the announcement. */
  announcedAt: z.string().optional(),
  /** Epoch ms (server clock) at which every site reveals it. */
  revealAt: z.number().optional(),
  retracted: z.object({ reason: z.string(), at: z.string() }).optional(),
})
export type Award = z.infer<typeof Award>

/** What a dashboard needs to show an award: travels with its announcement. */
export const AwardShown = Award.pick({
  id: true, typeId: true, recipientKind: true, recipientName: true, unit: true, siteId: true, decision: true, awardClass: true,
})
export type AwardShown = z.infer<typeof AwardShown>

/** What the awards feature keeps in `ConferenceState`. */
export interface AwardsSlice {
  awardTypes: AwardType[]
  awards: Award[]
  /** The halls' shows of the announcements, in order: each roll's pace, pauses, skips and end. */
  roll: RollState
}

/** The awards before the conference's setup: no types, no catalog, no roll shown. */
export const emptyAwards = (): AwardsSlice => ({ awardTypes: [], awards: [], roll: { runs: [] } })

/** What the awards' rules read: their slice, the sites an award may name, and where the conference stands. */
export type AwardsView = AwardsSlice & SitesSlice & Lifecycle

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
