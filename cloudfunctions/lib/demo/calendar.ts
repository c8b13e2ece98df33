import { addDays, chinaDate, chinaMonth, chinaTime, instantOf, minutesOf, monthRange } from '../shared/china-time'

const MINUTE = 60 * 1000
const DAY = 24 * 60 * MINUTE
/** Within this much of the month's start, "recent" things are squeezed into the part of the month that has passed. */
const RECENT_SPAN = 3 * DAY

const MONTH_NAMES = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']

/** '十二月' for an instant in December, Beijing time: a title names the month its date falls in. */
export const chineseMonthOf = (at: Date): string => MONTH_NAMES[Number(chinaMonth(at).slice(5, 7)) - 1]!

export interface DemoCalendar {
  /** Today in Beijing, 'YYYY-MM-DD'. */
  today: string
  /** The start of this Beijing month: whatever the seed shows as "this month" happened at or after it. */
  monthStart: Date
  /** The instant of `time` (Beijing wall clock) `days` after today: activities start at hours people keep. */
  on(days: number, time: string): Date
  /**
   * `ago` before now; in the first days of a month squeezed, order kept, into
   * the part of the month already past, so the demo's recent things count in
   * this month's figures even on the 1st and never lie in the future.
   */
  recent(ago: number): Date
  /**
   * The latest 2-hour activity slot that ended with time to confirm it
   * before now: this morning 08:30 when it is past noon, else yesterday
   * 14:30. `confirmedAt` is an hour after its end, but never before the
   * month's start (on the 1st before noon: a minute ago, or the month's
   * first instant), so this month always has a confirmed attendance.
   */
  lastSlot(): { startAt: Date; endAt: Date; confirmedAt: Date }
}

export function demoCalendar(now: Date): DemoCalendar {
  const today = chinaDate(now)
  const monthStart = monthRange(chinaMonth(now)).start
  const on = (days: number, time: string) => instantOf(addDays(today, days), time)
  return {
    today,
    monthStart,
    on,
    recent(ago) {
      if (ago < 0 || ago > RECENT_SPAN) throw new Error(`demo: recent() takes 0…${RECENT_SPAN} ms, got ${ago}`)
      const elapsed = now.getTime() - monthStart.getTime()
      return new Date(now.getTime() - (elapsed >= RECENT_SPAN ? ago : (ago * elapsed) / RECENT_SPAN))
    },
    lastSlot() {
      const startAt = minutesOf(chinaTime(now)) >= minutesOf('12:00') ? on(0, '08:30') : on(-1, '14:30')
      const endAt = new Date(startAt.getTime() + 120 * MINUTE)
      const afterEnd = endAt.getTime() + 60 * MINUTE
      const confirmedAt = new Date(afterEnd >= monthStart.getTime() ? afterEnd : Math.max(monthStart.getTime(), now.getTime() - MINUTE))
      return { startAt, endAt, confirmedAt }
    },
  }
}
