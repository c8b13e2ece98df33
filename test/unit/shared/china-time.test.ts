import {
  addDays,
  chinaDate,
  chinaMonth,
  chinaMonthDay,
  chinaTime,
  chinaYear,
  daysBetween,
  instantOf,
  monthRange,
  weekdayOf,
  yearRange,
} from '../../../cloudfunctions/lib/shared/china-time'

describe('china time', () => {
  it.each([
    // 23:59 Beijing is 15:59 UTC the same day; 00:00 Beijing is 16:00 UTC the day before.
    ['2026-11-23T15:59:59.999Z', '2026-11-23', '2026-11', '11-23', 2026, '23:59'],
    ['2026-11-23T16:00:00.000Z', '2026-11-24', '2026-11', '11-24', 2026, '00:00'],
    ['2026-11-30T15:59:00.000Z', '2026-11-30', '2026-11', '11-30', 2026, '23:59'],
    ['2026-11-30T16:00:00.000Z', '2026-12-01', '2026-12', '12-01', 2026, '00:00'],
    ['2026-12-31T15:59:59.999Z', '2026-12-31', '2026-12', '12-31', 2026, '23:59'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01', '2027-01', '01-01', 2027, '00:00'],
    ['2028-02-28T16:00:00.000Z', '2028-02-29', '2028-02', '02-29', 2028, '00:00'],
    ['2028-02-29T16:00:00.000Z', '2028-03-01', '2028-03', '03-01', 2028, '00:00'],
    ['2026-06-30T23:00:00.000Z', '2026-07-01', '2026-07', '07-01', 2026, '07:00'],
  ])('should read the instant %s as %s (%s, %s, %i) at %s in China', (at, date, month, monthDay, year, time) => {
    const instant = new Date(at)
    expect(chinaDate(instant)).toBe(date)
    expect(chinaMonth(instant)).toBe(month)
    expect(chinaMonthDay(instant)).toBe(monthDay)
    expect(chinaYear(instant)).toBe(year)
    expect(chinaTime(instant)).toBe(time)
  })

  it.each([
    ['2026-11-24', '09:00', '2026-11-24T01:00:00.000Z'],
    ['2026-11-24', '00:00', '2026-11-23T16:00:00.000Z'],
    ['2026-11-24', '23:59', '2026-11-24T15:59:00.000Z'],
    ['2026-11-24', '24:00', '2026-11-24T16:00:00.000Z'],
    ['2027-01-01', '06:00', '2026-12-31T22:00:00.000Z'],
    ['2028-02-29', '12:00', '2028-02-29T04:00:00.000Z'],
  ])('should turn %s %s in China into %s', (date, time, iso) => {
    expect(instantOf(date, time).toISOString()).toBe(iso)
  })

  it('should round-trip every half hour of a day through instant, date and time', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
      expect(chinaDate(instantOf('2026-03-01', time))).toBe('2026-03-01')
      expect(chinaTime(instantOf('2026-03-01', time))).toBe(time)
    }
  })

  it.each([
    ['2026-11-23', 1],
    ['2026-11-28', 6],
    ['2026-11-29', 7],
    ['2028-02-29', 2],
  ])('should know %s is ISO weekday %i', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday)
  })

  it('should add days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01')
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-12-25', '2027-01-04')).toBe(10)
    expect(daysBetween('2028-03-01', '2028-02-28')).toBe(-2)
  })

  it('should span a China year from 00:00 Beijing on 1 January to the next', () => {
    const { start, end } = yearRange(2026)
    expect(start.toISOString()).toBe('2025-12-31T16:00:00.000Z')
    expect(end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(chinaYear(new Date(end.getTime() - 1))).toBe(2026)
    expect(chinaYear(end)).toBe(2027)
  })

  it.each([
    ['2026-03', '2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z'],
    ['2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2028-02', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z'],
    ['2027-02', '2027-01-31T16:00:00.000Z', '2027-02-28T16:00:00.000Z'],
  ])('should span the China month %s from %s to %s', (month, start, end) => {
    const range = monthRange(month)
    expect(range.start.toISOString()).toBe(start)
    expect(range.end.toISOString()).toBe(end)
    expect(chinaMonth(range.start)).toBe(month)
    expect(chinaMonth(new Date(range.end.getTime() - 1))).toBe(month)
    expect(chinaMonth(range.end)).not.toBe(month)
  })
})
