/**
 * Whether the conference runs, and when: the part of the conference's slice that every feature's
 * rules read, and the refusal of what only a live conference allows. The conference feature
 * (./conference/) keeps it; the other features read it from here, below the conference's rules.
 */
import { z } from 'zod'

export const ConferenceStatus = z.enum(['scheduled', 'live', 'ended'])
export type ConferenceStatus = z.infer<typeof ConferenceStatus>

/** Where the conference stands in its day. */
export interface Lifecycle {
  /** ISO instant the conference is scheduled to start (the lobby's countdown). */
  startsAt?: string
  status: ConferenceStatus
  startedAt?: string
  endedAt?: string
}

/** The refusal of a command only a live conference allows: one of the conference contract's reasons. */
export const LifecycleReason = { conferenceNotLive: 'conference.notLive' } as const
export type LifecycleReason = (typeof LifecycleReason)[keyof typeof LifecycleReason]
