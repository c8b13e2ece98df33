/**
 * China time (Asia/Shanghai): staff count days, months and years by it, and
 * people book "周三 09:00" by its wall clock, whatever zone the server or the
 * phone runs in. China has kept UTC+8 without daylight saving since 1991, so
 * a fixed offset is exact and no time-zone database is needed.
 *
 * Calendar dates are 'YYYY-MM-DD' strings, wall-clock times 'HH:mm'; the
 * module has no imports, so any side can use it.
 */

const OFFSET_MS = 8 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000

/** `at` as an ISO string whose fields read the China wall clock ('YYYY-MM-DDTHH:mm…'). */
const wallClock = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString()

/** The calendar day in China at `at`, as 'YYYY-MM-DD'. */
export const chinaDate = (at: Date): string => wallClock(at).slice(0, 10)

/** The calendar month in China at `at`, as 'YYYY-MM'. */
export const chinaMonth = (at: Date): string => wallClock(at).slice(0, 7)

/** 'MM-DD' in China at `at`: an anniversary falls on it every year. */
export const chinaMonthDay = (at: Date): string => wallClock(at).slice(5, 10)

/** The year in China at `at`: 31 Dec 23:00 UTC is already next year. */
export const chinaYear = (at: Date): number => new Date(at.getTime() + OFFSET_MS).getUTCFullYear()

/** The China wall-clock time of `at`, as 'HH:mm'. */
export const chinaTime = (at: Date): string => wallClock(at).slice(11, 16)

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

/** The instant a China wall-clock time happens ('24:00' is the next midnight). */
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

/** [start, end) of a China-calendar year, as instants. */
export function yearRange(year: number): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(year, 0, 1) - OFFSET_MS), end: new Date(Date.UTC(year + 1, 0, 1) - OFFSET_MS) }
}

/** [start, end) of a China-calendar month 'YYYY-MM', as instants (December ends at next year's 1 January). */
export function monthRange(month: string): { start: Date; end: Date } {
  const [year, index] = month.split('-').map(Number)
  return { start: new Date(Date.UTC(year, index - 1, 1) - OFFSET_MS), end: new Date(Date.UTC(year, index, 1) - OFFSET_MS) }
}
