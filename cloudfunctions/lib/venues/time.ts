/**
 * Venue time is Asia/Shanghai wall-clock: people book "周三 09:00", and a
 * booking stores that date and time as typed plus the instant it starts, for
 * ordering and cut-offs. China has kept UTC+8 without daylight saving since
 * 1991, so a fixed offset is exact and no time-zone database is needed.
 */

const OFFSET_MS = 8 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000

/** The calendar day in Shanghai at `at`, as 'YYYY-MM-DD'. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10)
}

/** Minutes since midnight of 'HH:mm'. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return hours * 60 + minutes
}

/** 'HH:mm' of minutes since midnight (24:00 for the end of the day). */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

const utcMidnight = (date: string): number => {
  const [year, month, day] = date.split('-').map(Number)
  return Date.UTC(year, month - 1, day)
}

/** The instant a Shanghai wall-clock time happens. */
export function instantOf(date: string, time: string): Date {
  return new Date(utcMidnight(date) + minutesOf(time) * 60_000 - OFFSET_MS)
}

/** ISO weekday of a calendar date: 1 Monday … 7 Sunday. */
export function weekdayOf(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay() || 7
}

export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS)
}
