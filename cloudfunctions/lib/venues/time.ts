/**
 * Venue time is China wall-clock: people book "周三 09:00", and a booking
 * stores that date and time as typed plus the instant it starts, for ordering
 * and cut-offs. The arithmetic is shared (shared/china-time.ts); the venue
 * code and its tests still name the calendar day by the city.
 */
export { addDays, chinaDate as shanghaiDate, daysBetween, instantOf, minutesOf, timeOf, weekdayOf } from '../shared/china-time'
