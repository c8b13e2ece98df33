/**
 * Defaults for a new activity's times. Half hours are the same boundaries in
 * UTC and China time (whole-hour offset), so plain Date arithmetic is enough.
 */
const MINUTE = 60 * 1000
const HALF_HOUR = 30 * MINUTE
/** A start closer than this leaves no time to tell anyone. */
const LEAD = 15 * MINUTE
const DEFAULT_LENGTH = 2 * 60 * MINUTE

/**
 * The next half hour at least 15 minutes away: an activity staff publish on
 * the spot (a 临时 clean-up) needs no picker at all, and a planned one is
 * moved from there. Within an hour, so check-in can already open.
 */
export function defaultStart(now: Date): Date {
  const earliest = now.getTime() + LEAD
  return new Date(Math.ceil(earliest / HALF_HOUR) * HALF_HOUR)
}

export function defaultSchedule(now: Date): { startAt: Date; endAt: Date; signupDeadline: Date } {
  const startAt = defaultStart(now)
  return { startAt, endAt: new Date(startAt.getTime() + DEFAULT_LENGTH), signupDeadline: startAt }
}
