import type { VenueCard, VenueInput } from '@/api'

/** One row of the hours editor: the same interval on several weekdays. */
export interface HoursRow {
  days: number[]
  open: string
  close: string
}

/** Weekdays sharing an interval become one row, so 周一至周五 09:00–12:00 is one line to edit. */
export function rowsOf(hours: VenueCard['openingHours']): HoursRow[] {
  const rows = new Map<string, HoursRow>()
  for (const interval of hours) {
    const key = `${interval.open}-${interval.close}`
    const row = rows.get(key) ?? { days: [], open: interval.open, close: interval.close }
    row.days.push(interval.weekday)
    rows.set(key, row)
  }
  return [...rows.values()].map((row) => ({ ...row, days: row.days.sort() }))
}

const CLOCK = /^(([01]\d|2[0-3]):(00|30)|24:00)$/
export const slotLengths = [30, 60, 120] as const

export interface Form {
  name: string
  location: string
  description: string
  capacity: string
  facilities: string
  photos: string[]
  rows: HoursRow[]
  slotMinutes: 30 | 60 | 120
  bookingDays: string
  cancelHours: string
  needsApproval: boolean
  active: boolean
}

const integerIn = (value: string, min: number, max: number): boolean => /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max

/** What is wrong with the form, in the words staff read, or null. The server checks the same again. */
export function problemOf(form: Form): string | null {
  if (!form.name.trim()) return '请填写场地名称'
  if (!form.location.trim()) return '请填写位置'
  if (!integerIn(form.capacity, 1, 1000)) return '容纳人数须为 1–1000'
  if (!integerIn(form.bookingDays, 1, 90)) return '可提前预约天数须为 1–90'
  if (!integerIn(form.cancelHours, 0, 168)) return '取消截止须为开始前 0–168 小时'
  if (form.rows.length === 0) return '请至少设置一个开放时段'
  for (const row of form.rows) {
    if (row.days.length === 0) return '每个开放时段请至少选一天'
    if (!CLOCK.test(row.open) || !CLOCK.test(row.close)) return '时间请填整点或半点，如 09:00、17:30'
    if (row.open >= row.close) return '结束时间应晚于开始时间'
  }
  for (const [i, row] of form.rows.entries()) {
    for (const other of form.rows.slice(i + 1)) {
      if (row.days.some((day) => other.days.includes(day)) && row.open < other.close && other.open < row.close) return '同一天的开放时段不能重叠'
    }
  }
  return null
}

/** The save input of a valid form; facilities typed as 投影仪、音响 become a list. */
export function toVenueInput(form: Form, communityId: string, venueId?: string): VenueInput {
  return {
    ...(venueId ? { venueId } : {}),
    communityId,
    name: form.name.trim(),
    location: form.location.trim(),
    description: form.description.trim(),
    capacity: Number(form.capacity),
    facilities: form.facilities
      .split(/[、,，\s]+/)
      .map((facility) => facility.trim())
      .filter(Boolean),
    photos: form.photos,
    openingHours: form.rows.flatMap((row) => row.days.map((weekday) => ({ weekday, open: row.open, close: row.close }))),
    slotMinutes: form.slotMinutes,
    bookingDays: Number(form.bookingDays),
    needsApproval: form.needsApproval,
    cancelHours: Number(form.cancelHours),
    active: form.active,
  }
}
