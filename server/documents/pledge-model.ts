/**
 * The signed pledge of one bloc, as a model of what its pages say: built from the folded state
 * and the log, with no rendering. The PDF renderer (pdf/pledge.ts) only lays this out.
 */
import type { Bloc, Signature } from '../../shared/domain.js'
import type { VerifyResult } from '../store/event-store.js'
import type { DocumentSource, LoggedEvent } from './source.js'

export interface PledgeSignature extends Signature {
  /** Whether it signed exactly the text printed above it. */
  matchesText: boolean
}

export interface VoidedSignature extends Signature {
  voidedAt: string
  reason: string
}

/** One line of the audit trail: an event of the log that concerns this bloc's pledge. */
export interface AuditLine {
  seq: number
  type: string
  at: string
  hash: string
  /** What happened, in Vietnamese. */
  what: string
}

export interface PledgeModel {
  conferenceId: string
  conferenceTitle: string
  venue?: string
  date?: string
  /** The conference's IANA time zone: every time on the document is read in it. */
  timeZone: string
  bloc: { id: string; name: string; headUnit: string; members: string[] }
  /** "Giao ước thi đua – Khối …": the document's title (and the PDF's). */
  title: string
  /** The pledge text exactly as signed (or to be signed). */
  text: string
  contentHash: string
  status: 'signed' | 'unsigned'
  signature?: PledgeSignature
  /** The chairman's witness, when it came after this signature. */
  witness?: { name?: string; at: string }
  voided: VoidedSignature[]
  audit: AuditLine[]
  head: { seq: number; hash: string }
  verify: VerifyResult
  generatedAt: string
}

/** The event types a pledge's audit trail is made of (the others need not be read). */
export const PLEDGE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'conference.created', 'pledge.signingOpened', 'pledge.signingClosed', 'pledge.signed', 'pledge.voided', 'pledge.signingCompleted', 'pledge.witnessed',
])

export class UnknownBlocError extends Error {}

/** The pledge document of `blocId`; throws UnknownBlocError for a bloc the conference has not. */
export function pledgeModel(source: DocumentSource, blocId: string): PledgeModel {
  const { state } = source
  const bloc = state.blocs.find((b) => b.id === blocId)
  if (!bloc) throw new UnknownBlocError(`no bloc ${blocId} in conference ${state.id}`)
  const sig = bloc.signature
  const { witnessedAt, witnessName } = state.signing
  return {
    conferenceId: state.id,
    conferenceTitle: state.title,
    ...(state.venue ? { venue: state.venue } : {}),
    ...(state.date ? { date: state.date } : {}),
    timeZone: state.timeZone,
    bloc: { id: bloc.id, name: bloc.name, headUnit: bloc.headUnit, members: bloc.members ?? [] },
    title: `Giao ước thi đua – ${bloc.name}`,
    text: bloc.pledge.text,
    contentHash: bloc.pledge.contentHash,
    status: sig ? 'signed' : 'unsigned',
    ...(sig ? { signature: { ...sig, matchesText: sig.contentHash === bloc.pledge.contentHash } } : {}),
    ...(sig && witnessedAt && witnessedAt >= sig.at ? { witness: { at: witnessedAt, ...(witnessName ? { name: witnessName } : {}) } } : {}),
    voided: bloc.voided ?? [],
    audit: auditTrail(source.events, bloc),
    head: source.head,
    verify: source.verify,
    generatedAt: source.generatedAt,
  }
}

/** The events of the log that concern this bloc's pledge, in order. */
export function auditTrail(events: readonly LoggedEvent[], bloc: Bloc): AuditLine[] {
  const lines: AuditLine[] = []
  const line = (e: LoggedEvent, what: string) => lines.push({ seq: e.seq, type: e.type, at: e.at, hash: e.hash, what })
  for (const e of events) {
    switch (e.type) {
      case 'conference.created': {
        const b = e.data.blocs.find((x) => x.id === bloc.id)
        if (b) line(e, `Lập khối và nội dung giao ước (SHA-256 ${b.pledge.contentHash.slice(0, 16)}…)`)
        break
      }
      case 'pledge.signingOpened':
        if (!e.data.blocIds || e.data.blocIds.includes(bloc.id)) line(e, e.data.blocIds ? 'Mở ký kết cho khối' : 'Mở ký kết cho tất cả các khối')
        break
      case 'pledge.signingClosed':
        line(e, 'Đóng ký kết')
        break
      case 'pledge.signed':
        if (e.data.blocId === bloc.id) line(e, `Ký: ${[e.data.behalf, e.data.signerName].filter(Boolean).join(' – ')} (SHA-256 ${e.data.contentHash.slice(0, 16)}…)`)
        break
      case 'pledge.voided':
        if (e.data.blocId === bloc.id) line(e, `Huỷ chữ ký, lý do: ${e.data.reason}`)
        break
      case 'pledge.signingCompleted':
        line(e, 'Hoàn thành ký kết (tất cả các khối đã ký)')
        break
      case 'pledge.witnessed':
        line(e, `Chứng kiến${e.data.witnessName ? `: ${e.data.witnessName}` : ''}`)
        break
      default:
        break
    }
  }
  return lines
}
