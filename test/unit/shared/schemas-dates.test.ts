import { calendarDay, instant } from '../../../cloudfunctions/lib/shared/schemas'

/** Values a client sends by mistake: wrong types, impossible days, days out of range. */
const notADay: Array<[string, unknown]> = [
  ['a number', 20260301],
  ['a negative number as text', '-1'],
  ['zero', 0],
  ['true', true],
  ['null', null],
  ['an array', ['2026-03-01']],
  ['an object', { date: '2026-03-01' }],
  ['30 February', '2026-02-30'],
  ['29 February of a common year', '2023-02-29'],
  ['month 13', '2026-13-01'],
  ['a day without padding', '2026-3-1'],
  ['a day before 2000', '1999-12-31'],
  ['a day after 2100', '2101-01-01'],
  ['year 0001', '0001-01-01'],
  ['an empty string', ''],
  ['words', 'tomorrow'],
]

describe('calendarDay', () => {
  const day = calendarDay()

  it.each(notADay)('should refuse %s', (_label, value) => {
    expect(day.safeParse(value).success).toBe(false)
  })

  it.each(['2000-01-01', '2024-02-29', '2026-12-31', '2100-12-31'])('should accept %s unchanged', (value) => {
    expect(day.parse(value)).toBe(value)
  })

  it('should take a wider lower bound where history needs it, with a Chinese message', () => {
    const joined = calendarDay({ min: '1921-07-01' })
    expect(joined.parse('1965-10-01')).toBe('1965-10-01')
    const refused = joined.safeParse('1921-06-30')
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.message).toBe('日期应在 1921-07-01 至 2100-12-31 之间')
  })

  it('should explain a wrong type in Chinese', () => {
    expect(day.safeParse(null).error?.issues[0]?.message).toBe('日期应为真实存在的日期，格式 YYYY-MM-DD')
  })
})

describe('instant', () => {
  const at = instant()
  const deadline = instant({ day: 'end' })
  const signed = instant({ day: 'noon' })

  it.each([...notADay, ['a time without offset', '2026-03-01T09:00:00'], ['an impossible time', '2026-02-28T25:00:00+08:00']] as Array<[string, unknown]>)(
    'should refuse %s',
    (_label, value) => {
      expect(at.safeParse(value).success).toBe(false)
      expect(deadline.safeParse(value).success).toBe(false)
    },
  )

  it('should read an ISO instant with its offset', () => {
    expect(at.parse('2026-03-01T09:00:00+08:00').toISOString()).toBe('2026-03-01T01:00:00.000Z')
    expect(deadline.parse('2026-06-30T23:59:59+08:00').toISOString()).toBe('2026-06-30T15:59:59.000Z')
  })

  it('should refuse a bare day where only an instant makes sense', () => {
    expect(at.safeParse('2026-03-01').success).toBe(false)
  })

  it('should read a bare day as a Beijing day: a deadline lasts to its last second, a signing is at noon', () => {
    expect(deadline.parse('2026-06-30').toISOString()).toBe('2026-06-30T15:59:59.000Z')
    expect(signed.parse('2026-02-01').toISOString()).toBe('2026-02-01T04:00:00.000Z')
    expect(instant({ day: 'start' }).parse('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z')
  })

  it('should bound the Beijing day of an instant, not its UTC day', () => {
    // 31 Dec 1999 17:00 UTC is already 1 January 2000 in Beijing.
    expect(at.parse('1999-12-31T17:00:00Z').toISOString()).toBe('1999-12-31T17:00:00.000Z')
    expect(at.safeParse('1999-12-31T15:00:00Z').success).toBe(false)
    expect(at.safeParse('2100-12-31T16:00:00Z').success).toBe(false)
  })
})
