/**
 * The primitives every feature builds on: identifiers, person-facing text, roles and the actor.
 * Imports only zod and shared/text.ts, so every feature folder may import it.
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

/** `overlay`: the video mixer's transparent page; reads what the viewer reads, sends nothing. */
export const Role = z.enum(['host', 'site', 'signer', 'viewer', 'overlay'])
export type Role = z.infer<typeof Role>

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest in lowercase hex (64 characters)')

/** Chosen by the client (a UUID); makes a command idempotent. */
export const CommandId = z.string().min(8, 'must be at least 8 characters (use a UUID)').max(80).regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "_" and "-"')

/** A command's data that carries nothing. */
export const Empty = z.object({}).strict()

/** Who is acting: resolved from an access token, never from the payload. */
export interface Actor {
  conferenceId: string
  role: Role
  siteId?: string
  blocId?: string
  /** Label of the access link, for audit (e.g. "Điểm cầu Huyện Ninh Hải"). */
  label?: string
}
