/**
 * Venue time is China wall-clock (shared/china-time.ts, which the venue code
 * imports). Kept for the browser suites, which name the calendar day by the city.
 */
export { addDays, chinaDate as shanghaiDate, daysBetween, instantOf, minutesOf, timeOf, weekdayOf } from '../shared/china-time'
