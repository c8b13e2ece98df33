import * as z from 'zod'
import { chinaDate, instantOf } from './china-time'

/** Shared zod pieces, so every boundary says "an id" or "a page" the same way. */

export const id = z.string().trim().min(1).max(64)

export const text = (max: number) => z.string().trim().min(1).max(max)

/** Mainland mobile numbers: what staff can actually call. */
export const phone = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号')

/** A stored photo: a CloudBase file id, or a local upload (POST /api/_upload). */
export const photoId = z
  .string()
  .trim()
  .max(300)
  .regex(/^(cloud:\/\/\S+|\/uploads\/[0-9a-f]{32}\.(jpg|png|webp|gif))$/, '图片地址无效')

export const paging = {
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

// ---------------------------------------------------------------- dates

/**
 * The span of days the product deals in (台账 years, bookings, deadlines).
 * A day outside it is a typo or a wrongly typed value (`-1` read as 2001,
 * `0` as 1970), never a real intention; the bounds match the report years.
 */
export const FIRST_DAY = '2000-01-01'
export const LAST_DAY = '2100-12-31'

const DAY_MESSAGE = '日期应为真实存在的日期，格式 YYYY-MM-DD'
const INSTANT_MESSAGE = '时间应为带时区的 ISO 8601 格式，如 2026-03-01T09:00:00+08:00'
const rangeMessage = (min: string, max: string) => `日期应在 ${min} 至 ${max} 之间`

// zod's ISO formats check the calendar too: 2026-02-30 and 2023-02-29 fail, 2024-02-29 passes.
const isoDay = z.iso.date()
const isoInstant = z.iso.datetime({ offset: true })

/**
 * A calendar day 'YYYY-MM-DD' (a Beijing day, see shared/china-time) that
 * exists and lies in [min, max]. Stays a string: days are compared and stored as text.
 */
export function calendarDay(range: { min?: string; max?: string } = {}) {
  const { min = FIRST_DAY, max = LAST_DAY } = range
  return z
    .string({ error: DAY_MESSAGE })
    .refine((value) => isoDay.safeParse(value).success, { error: DAY_MESSAGE, abort: true })
    .refine((value) => value >= min && value <= max, { error: rangeMessage(min, max) })
}

/** Where on its Beijing day a bare 'YYYY-MM-DD' falls when an instant is wanted. */
export type DayAt = 'start' | 'noon' | 'end'

const dayInstant = (day: string, at: DayAt): Date =>
  at === 'start' ? instantOf(day, '00:00') : at === 'noon' ? instantOf(day, '12:00') : new Date(instantOf(day, '24:00').getTime() - 1000)

/**
 * An instant, as a Date: ISO 8601 with an offset or Z ('2026-03-01T09:00:00+08:00').
 * With `day`, a bare 'YYYY-MM-DD' is accepted too and read as that Beijing
 * day's start, noon or last second (a deadline of 6月30日 lasts all day).
 * Its Beijing day must lie in [FIRST_DAY, LAST_DAY]. Numbers, booleans, null
 * and arrays are refused: nothing is coerced.
 */
export function instant(options: { day?: DayAt } = {}) {
  const message = options.day ? `${DAY_MESSAGE}，或${INSTANT_MESSAGE}` : INSTANT_MESSAGE
  return z.string({ error: message }).transform((value, ctx) => {
    const at = options.day && isoDay.safeParse(value).success ? dayInstant(value, options.day) : isoInstant.safeParse(value).success ? new Date(value) : null
    if (!at || Number.isNaN(at.getTime())) {
      ctx.issues.push({ code: 'custom', message, input: value })
      return z.NEVER
    }
    const day = chinaDate(at)
    if (day < FIRST_DAY || day > LAST_DAY) {
      ctx.issues.push({ code: 'custom', message: rangeMessage(FIRST_DAY, LAST_DAY), input: value })
      return z.NEVER
    }
    return at
  })
}
