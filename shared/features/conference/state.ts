/** The conference's own slice of the state: its identity, where and when, and whether it is live. */
import { z } from 'zod'
import type { Lifecycle } from '../lifecycle.js'

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

/** What the conference feature keeps in `ConferenceState`: its identity, and its lifecycle (../lifecycle.ts). */
export interface ConferenceSlice extends Lifecycle {
  id: string
  title: string
  /** Where and when, as the invitation says it. */
  venue?: string
  date?: string
  /** IANA time zone every time is shown in, whatever the device's (Asia/Ho_Chi_Minh). */
  timeZone: string
}
