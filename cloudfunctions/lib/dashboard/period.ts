import * as z from 'zod'
import { monthRange, yearRange } from '../shared/china-time'

export const periodInput = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('month'), month: z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM') })
    .strict(),
  z.object({ kind: z.literal('year'), year: z.number().int().min(2000).max(2100) }).strict(),
])
export type PeriodInput = z.output<typeof periodInput>

/** A half-open span [start, end) of instants, with the same span as calendar dates ('YYYY-MM-DD') for date-keyed records (bookings). */
export interface Span {
  start: Date
  end: Date
  startDate: string
  endDate: string
}

export interface Period extends Span {
  kind: 'month' | 'year'
  year: number
  /** '2026-03' or '2026'. */
  label: string
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** The 1st of a month as 'YYYY-MM-DD' (month 13 is January of the next year). */
const dateOf = (year: number, month: number): string => {
  const y = year + Math.floor((month - 1) / 12)
  const m = ((month - 1) % 12) + 1
  return `${y}-${pad(m)}-01`
}

/** Staff count by the China calendar: a month opens at 00:00 Beijing time on the 1st. */
export function monthSpan(year: number, month: number): Span {
  return { ...monthRange(`${year}-${pad(month)}`), startDate: dateOf(year, month), endDate: dateOf(year, month + 1) }
}

export function toPeriod(input: PeriodInput): Period {
  if (input.kind === 'year') {
    return { kind: 'year', year: input.year, label: String(input.year), ...yearRange(input.year), startDate: dateOf(input.year, 1), endDate: dateOf(input.year, 13) }
  }
  const [year, month] = input.month.split('-').map(Number)
  return { kind: 'month', year, label: input.month, ...monthSpan(year, month) }
}

/** The twelve China-calendar months of a year, for the year view's series. */
export const monthsOf = (year: number): Array<{ month: string; span: Span }> =>
  Array.from({ length: 12 }, (_, index) => ({ month: `${year}-${pad(index + 1)}`, span: monthSpan(year, index + 1) }))
