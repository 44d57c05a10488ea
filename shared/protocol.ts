/**
 * The Socket.IO wire protocol, typed once for server and client.
 * See docs/protocol.md for every message with examples.
 */
import { z } from 'zod'
import type { Ack, ErrorBody } from './errors.js'
import type { ConferenceEvent, Snapshot } from './events.js'
import type { Actor } from './domain.js'

/** Bumped on any incompatible change of the messages below. 2: snapshots may come deflated; awards stay sealed until announced. */
export const PROTOCOL_VERSION = 2

/** A client further behind than this gets a snapshot instead of the missed events. */
export const MAX_CATCH_UP_EVENTS = 1000

/** Default lead between an announcement and its reveal, so that every site shows it together. */
export const DEFAULT_REVEAL_LEAD_MS = 300

export interface HandshakeAuth {
  token: string
  /** The last seq the client applied; the server then sends only what it missed. */
  lastSeq?: number
  /** 'deflate': send snapshots as `PackedSnapshot` (the state's JSON, zlib-deflated, as binary). */
  snapshotEncoding?: 'deflate'
  /** 'deflate': large `events` messages may come as `PackedEvents` (their JSON, zlib-deflated, as binary). */
  eventsEncoding?: 'deflate'
}

/**
 * A snapshot whose state is the zlib-deflated UTF-8 JSON of `ConferenceState`: what a client that
 * asked for `snapshotEncoding: 'deflate'` receives. Encoded once per seq for every such client.
 */
export interface PackedSnapshot {
  seq: number
  serverTime: number
  encoding: 'deflate'
  packed: ArrayBuffer | Uint8Array
}

export type AnySnapshot = Snapshot | PackedSnapshot

/**
 * An `events` message whose events are the zlib-deflated UTF-8 JSON of `ConferenceEvent[]`: what
 * a client that asked for `eventsEncoding: 'deflate'` receives when the batch is large (the live
 * broadcast and the catch-up at connect). Deflated once per batch and audience. `events` stays
 * empty, so code that reads only `events` sees a message with nothing in it, never a wrong event.
 */
export interface PackedEvents {
  events: []
  encoding: 'deflate'
  packed: ArrayBuffer | Uint8Array
  /** The first and last seq inside, and how many events. */
  from: number
  to: number
  count: number
}

/** An `events` message as sent: plain, or packed for a client that asked. */
export type EventsMessage = { events: ConferenceEvent[] } | PackedEvents

/** One site's connection as the server sees it now. */
export interface SitePresence {
  online: boolean
  /** Open connections of the site's link (its big screen, an operator's laptop …). */
  connections: number
  /** The last round trip its page measured with `clock`. */
  rttMs?: number
  /** Its page's clock offset (server minus device, ms), as its page estimated it. */
  clockOffsetMs?: number
  /** ISO server time of the last sign of life: connect, a clock sample, or its disconnect. */
  lastSeenAt?: string
}

export interface Presence {
  sites: Record<string, SitePresence>
  /** Viewer pages (the public link). */
  viewers: number
  /** People watching: site screens and viewer pages. */
  watching: number
  /** Organisers' devices: host consoles and signer tablets. */
  organisers: number
  /** Every connected socket of the conference: host, sites, signers and viewers. */
  online: number
  /** Server epoch ms when these figures were taken. */
  serverTime: number
}

export interface CommandEnvelope {
  id: string
  type: string
  data: unknown
}

export type SyncAnswer =
  | { ok: true; events: ConferenceEvent[] }
  | { ok: true; snapshot: AnySnapshot; events?: ConferenceEvent[] }
  /** Refused; with `rate_limited`, `retryAfterMs` says when to ask again. */
  | { ok: false; error: ErrorBody; retryAfterMs?: number }

export interface ClockAnswer {
  t0: number
  serverTime: number
}

/** Sent once after connect, so that a page knows who it is. */
export interface Welcome {
  protocol: number
  actor: Actor
}

/** Client → server, no ack: this page showed the announcement whose `revealAt` it names, at `at` (its corrected server-clock ms). */
export interface RevealReport {
  revealAt: number
  at: number
}

/** Per announcement, how the reveal went everywhere: sent to host pages only, coalesced. */
export interface RevealStat {
  revealAt: number
  /** Awards in the announcement. */
  awards: number
  /** Distinct sites, among those asked, whose screens reported the reveal. */
  sites: number
  /** The sites online when the announcement was made: the ones asked to show it. */
  asked: number
  /** Every page (sites and viewers) that reported it. */
  clients: number
  /** Earliest and latest reported instants (server-clock ms), and their difference. */
  firstAt: number
  lastAt: number
  spreadMs: number
}

/**
 * Live ink: the strokes of a pad while its signer draws, relayed to every screen a few dozen
 * times a second. Beside the log, never appended: the submitted `pledge.sign` is what counts.
 * `stroke` numbers the strokes of the current drawing from 0; `clear` starts a new drawing.
 */
export interface InkBatch {
  blocId: string
  stroke: number
  points: [number, number, number][]
  clear?: boolean
}
/** At most this many points in one ink batch. */
export const MAX_INK_POINTS = 200

/**
 * Whether this server process can write the conference log (Redis, or the SQLite disk) right now:
 * sent to each socket at connect and to every socket of the process when it changes. While
 * `unavailable`, commands are refused (`server.storeUnavailable`) and nothing new is published;
 * the page keeps its state and waits. `since`: server epoch ms when the process saw the change.
 */
export interface ServerStatus {
  store: 'ok' | 'unavailable'
  since: number
}

/**
 * The schemas every inbound message is parsed with on the server, before anything reads it
 * (`command` is parsed by `Command`, shared/commands.ts). Fields that only inform (a clock sample)
 * are dropped one by one when malformed; the rest refuse the message.
 */
const informative = z.number().finite().optional().catch(undefined)
export const inbound = {
  /** The handshake's `auth`: a malformed `lastSeq` means "nothing applied yet". */
  auth: z.object({
    token: z.unknown().optional(),
    lastSeq: z.number().int().min(0).optional().catch(undefined),
    snapshotEncoding: z.literal('deflate').optional().catch(undefined),
    eventsEncoding: z.literal('deflate').optional().catch(undefined),
  }).catch({ token: undefined }),
  sync: z.object({ since: z.number().int().min(0) }),
  clock: z.object({ t0: informative, rttMs: informative, offsetMs: informative }).catch({ t0: undefined, rttMs: undefined, offsetMs: undefined }),
  revealed: z.object({ revealAt: z.number(), at: z.number().finite() }),
  ink: z.object({
    blocId: z.string(),
    stroke: z.number().int().min(0).max(200),
    points: z.array(z.tuple([z.number().min(0).max(1), z.number().min(0).max(1), z.number().min(0).max(600_000)])).max(MAX_INK_POINTS),
    clear: z.boolean().optional(),
  }),
}

export interface ServerToClientEvents {
  welcome: (w: Welcome) => void
  /** The log's health as this process sees it: at connect, then on each change (see `ServerStatus`). */
  status: (s: ServerStatus) => void
  snapshot: (s: AnySnapshot) => void
  events: (p: EventsMessage) => void
  presence: (p: Presence) => void
  /** Host pages only: the latest announcements' reveal confirmations, newest first. */
  reveals: (r: { announcements: RevealStat[] }) => void
  /** Live ink of a signer's pad, with the server time it was relayed. */
  ink: (b: InkBatch & { serverTime: number }) => void
}

export interface ClientToServerEvents {
  command: (cmd: CommandEnvelope, ack: (a: Ack) => void) => void
  sync: (req: { since: number }, ack: (a: SyncAnswer) => void) => void
  /** `rttMs`, `offsetMs`: the client's latest round trip and clock offset, shown to the host per site. */
  clock: (req: { t0: number; rttMs?: number; offsetMs?: number }, ack: (a: ClockAnswer) => void) => void
  revealed: (r: RevealReport) => void
  /** Signers only, for their own bloc while it may sign. */
  ink: (b: InkBatch) => void
}
