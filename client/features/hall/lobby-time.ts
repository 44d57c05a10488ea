/**
 * How far off the start is, said the way a hall reads it from its seats: a live countdown on the
 * day itself, "Ngày mai, 08:00" the day before, "Còn 3 ngày 14 giờ" further away. Calendar days
 * are counted in the conference's time zone, on the server's clock.
 */
import { zonedParts } from '../../lib/format.js'

export type LobbyDistance =
  /** The same calendar day: a countdown of the seconds left. */
  | { kind: 'today'; seconds: number }
  /** The next calendar day: the start's time, and how long until it in hours and minutes. */
  | { kind: 'tomorrow'; hours: number; minutes: number }
  /** Two or more calendar days ahead: whole days and hours left. */
  | { kind: 'days'; days: number; hours: number }
  /** The start time has come (or passed) and the host has not opened yet. */
  | { kind: 'due' }

const DAY_MS = 24 * 3600_000

/** Whole calendar days from `now`'s date to `at`'s date in `timeZone` (0: the same day). */
export function calendarDaysBetween(now: number, at: number, timeZone: string): number {
  const day = (ms: number) => Date.parse(`${zonedParts(ms, timeZone).date}T00:00:00Z`)
  return Math.round((day(at) - day(now)) / DAY_MS)
}

/** The distance from `now` to `startsAt` (both server epoch ms), for the lobby to say. */
export function lobbyDistance(startsAt: number, now: number, timeZone: string): LobbyDistance {
  const seconds = Math.ceil((startsAt - now) / 1000)
  if (seconds <= 0) return { kind: 'due' }
  const days = calendarDaysBetween(now, startsAt, timeZone)
  if (days <= 0) return { kind: 'today', seconds }
  const minutesLeft = Math.ceil(seconds / 60)
  if (days === 1) return { kind: 'tomorrow', hours: Math.floor(minutesLeft / 60), minutes: minutesLeft % 60 }
  const hoursLeft = Math.floor(seconds / 3600)
  return { kind: 'days', days: Math.floor(hoursLeft / 24), hours: hoursLeft % 24 }
}
