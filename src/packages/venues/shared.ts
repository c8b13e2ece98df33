import { colors } from '@/constants/theme'
import type { BookingStatus, VenueCard } from '@/api'

export const weekdayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const

export const bookingStatusLabels: Record<BookingStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  refused: '未通过',
  cancelled: '已取消',
  lapsed: '已过期',
}

export const bookingStatusColors: Record<BookingStatus, string> = {
  pending: colors.warn,
  approved: '#c8161d',
  refused: colors.muted,
  cancelled: colors.muted,
  lapsed: colors.muted,
}

/** 周一至周五 09:00–12:00、14:00–18:00；周六 09:00–12:00 — weekdays with the same hours grouped. */
export function hoursSummary(hours: VenueCard['openingHours']): string {
  const byDay = new Map<number, string[]>()
  for (const interval of [...hours].sort((a, b) => a.open.localeCompare(b.open))) {
    byDay.set(interval.weekday, [...(byDay.get(interval.weekday) ?? []), `${interval.open}–${interval.close}`])
  }
  const groups: Array<{ days: number[]; text: string }> = []
  for (let day = 1; day <= 7; day += 1) {
    const text = byDay.get(day)?.join('、')
    if (!text) continue
    const last = groups[groups.length - 1]
    if (last && last.text === text && last.days[last.days.length - 1] === day - 1) last.days.push(day)
    else groups.push({ days: [day], text })
  }
  if (groups.length === 0) return '暂不开放'
  return groups
    .map(({ days, text }) => `${days.length > 2 ? `${weekdayNames[days[0]]}至${weekdayNames[days[days.length - 1]]}` : days.map((d) => weekdayNames[d]).join('、')} ${text}`)
    .join('；')
}

/** 11月26日 周四 */
export function dayLabel(date: string, weekday: number): string {
  const [, month, day] = date.split('-').map(Number)
  return `${month}月${day}日 ${weekdayNames[weekday]}`
}

export const weekdayOfDate = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay() || 7

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, day) + days * 86_400_000).toISOString().slice(0, 10)
}

/** Today in China, whatever zone the phone is set to (the app's one copy of the offset is in utils/format). */
export { chinaToday } from '@/utils/format'
