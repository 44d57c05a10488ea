/**
 * The conference domain: one definition of each thing, as zod schemas with inferred types.
 * Imported unchanged by the server and by every browser.
 */
import { z } from 'zod'
import { personText, type TextOptions } from './text.js'

/** An identifier chosen by us or by an importer: short, URL- and file-name-safe. */
export const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits, "_", ".", ":" and "-"')
export type Id = z.infer<typeof Id>

/** Human text shown on screens: NFC, trimmed, visible, no control or bidi characters, at most `max` characters as people count them (shared/text.ts). */
export const Text = (max: number, opts?: TextOptions) => personText(max, opts)

export const Role = z.enum(['host', 'site', 'signer', 'viewer'])
export type Role = z.infer<typeof Role>

export const SiteKind = z.enum(['hub', 'district', 'commune'])
export type SiteKind = z.infer<typeof SiteKind>

/** One problem of a site: `by` is the site's own operator or the organisers (host); absent in older logs. */
export const SiteIssueRecord = z.object({
  message: z.string(),
  reportedAt: z.string(),
  reportedBy: z.enum(['site', 'host']).optional(),
  resolvedAt: z.string().optional(),
  resolvedBy: z.enum(['site', 'host']).optional(),
  /** Closed by a newer report rather than resolved. */
  replaced: z.literal(true).optional(),
})
export type SiteIssueRecord = z.infer<typeof SiteIssueRecord>

export const Site = z.object({
  id: Id,
  name: Text(200),
  kind: SiteKind,
  parentId: Id.optional(),
  /** Last roll call (điểm danh) of the site. */
  checkIn: z.object({ attendees: z.number().int().min(0), at: z.string() }).optional(),
  /** The open technical problem (sự cố), if any. */
  issue: z.object({ message: z.string(), at: z.string() }).optional(),
  /** Every problem reported at the site, oldest first, with when and by whom it was reported and resolved. */
  issues: z.array(SiteIssueRecord).optional(),
})
export type Site = z.infer<typeof Site>


export const AgendaItemKind = z.enum(['opening', 'report', 'speech', 'directive', 'awards', 'signing', 'closing', 'other'])
export type AgendaItemKind = z.infer<typeof AgendaItemKind>

/** One time an item was current: from its start to the start of the next item, or the conference's end. */
export const AgendaRun = z.object({ startedAt: z.string(), endedAt: z.string().optional() })
export type AgendaRun = z.infer<typeof AgendaRun>

export const AgendaItem = z.object({
  id: Id,
  title: Text(300),
  kind: AgendaItemKind,
  /** Who speaks or presents it ("Đồng chí Trần Quốc Nam, Chủ tịch UBND tỉnh"). */
  presenter: Text(200).optional(),
  /** The presenter's agency or locality ("UBND huyện Ninh Hải"). */
  unit: Text(200).optional(),
  plannedMinutes: z.number().int().min(0).max(600).optional(),
  /** ISO time the item last became current. */
  startedAt: z.string().optional(),
  /** Every time the item was current, oldest first (an item entered twice has two). */
  runs: z.array(AgendaRun).optional(),
  /** Bumped by each edit of the item; an edit or removal names the revision it was made on. */
  rev: z.number().int().min(0).optional(),
})
export type AgendaItem = z.infer<typeof AgendaItem>

/** The demo's, and the default for conferences created before they had one. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh'

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

export const TimeZone = z.string().min(1).max(60).refine(isTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')

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

/** One stroke: points [x, y, t], x and y in 0..1 of the pad, t in ms from the stroke's start. */
export const Point = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1), z.number().min(0).max(600_000)])
export const Stroke = z.array(Point).min(1, 'a stroke needs at least one point').max(5000)
export const Strokes = z
  .array(Stroke)
  .min(1, 'a signature needs at least one stroke')
  .max(200)
  .refine((s) => s.reduce((n, st) => n + st.length, 0) <= 20_000, 'a signature may have at most 20000 points')
export type Strokes = z.infer<typeof Strokes>

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest in lowercase hex (64 characters)')

/** A bloc's signature as the log recorded it. */
export const Signature = z.object({
  at: z.string(),
  /** Who signed. */
  signerName: z.string(),
  /** The line above the name when someone signs for the head ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "TM. …"). */
  behalf: z.string().optional(),
  contentHash: Sha256Hex,
  strokes: Strokes,
})
export type Signature = z.infer<typeof Signature>

export const Bloc = z.object({
  id: Id,
  name: Text(200),
  /** The head unit (đơn vị trưởng khối). */
  headUnit: Text(300),
  /** The person who signs for the head unit, shown under the signature. */
  signerName: Text(200).optional(),
  /** Member units of the bloc. */
  members: z.array(z.string()).optional(),
  pledge: z.object({ text: z.string().min(1).max(20_000), contentHash: Sha256Hex }),
  signature: Signature.optional(),
  /** Signatures the host voided, oldest first: they stay in the history and on the documents. */
  voided: z.array(Signature.extend({ voidedAt: z.string(), reason: z.string() })).optional(),
})
export type Bloc = z.infer<typeof Bloc>

export const SigningStatus = z.enum(['closed', 'open', 'completed'])
export type SigningStatus = z.infer<typeof SigningStatus>

export const ConferenceStatus = z.enum(['scheduled', 'live', 'ended'])
export type ConferenceStatus = z.infer<typeof ConferenceStatus>

/** What a snapshot carries. Other systems read it: keep these names and meanings. */
export interface ConferenceState {
  id: string
  title: string
  /** Where and when, as the invitation says it. */
  venue?: string
  date?: string
  /** ISO instant the conference is scheduled to start (the lobby's countdown). */
  startsAt?: string
  /** IANA time zone every time is shown in, whatever the device's (Asia/Ho_Chi_Minh). */
  timeZone: string
  status: ConferenceStatus
  startedAt?: string
  endedAt?: string
  /** `rev` is bumped by each change of the list's membership or order (add, move, remove). */
  agenda: { items: AgendaItem[]; currentItemId: string | null; rev: number }
  sites: Site[]
  awardTypes: AwardType[]
  awards: Award[]
  blocs: Bloc[]
  signing: {
    status: SigningStatus
    openedAt?: string
    /** The blocs that may sign now, in the order the host opened them; absent: every bloc. */
    openBlocIds?: string[]
    witnessedAt?: string
    witnessName?: string
  }
}

/**
 * The shape version of `ConferenceState`. A saved snapshot of another version is not used: the
 * state is rebuilt from the log instead. Bump it with any change of what evolve produces.
 */
export const STATE_VERSION = 4

/** The empty conference every log starts from; `conference.created` fills it. */
export function initialState(id = ''): ConferenceState {
  return {
    id,
    title: '',
    timeZone: DEFAULT_TIME_ZONE,
    status: 'scheduled',
    agenda: { items: [], currentItemId: null, rev: 0 },
    sites: [],
    awardTypes: [],
    awards: [],
    blocs: [],
    signing: { status: 'closed' },
  }
}

/** Who is acting: resolved from an access token, never from the payload. */
export interface Actor {
  conferenceId: string
  role: Role
  siteId?: string
  blocId?: string
  /** Label of the access link, for audit (e.g. "Điểm cầu Huyện Ninh Hải"). */
  label?: string
}
