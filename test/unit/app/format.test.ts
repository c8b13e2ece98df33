import { chinaToday, formatDate, formatDateTime, formatTimeRange } from '@/utils/format'

describe('formatDateTime', () => {
  it('should show China time whatever zone the instant is written in', () => {
    expect(formatDateTime('2026-11-23T06:30:00.000Z')).toBe('11月23日 14:30')
    expect(formatDateTime('2026-11-23T14:30:00+08:00')).toBe('11月23日 14:30')
  })

  it('should roll over to the next day in China', () => {
    expect(formatDateTime('2026-12-31T17:05:00.000Z')).toBe('1月1日 01:05')
  })

  it('should show nothing for an unparsable date', () => {
    expect(formatDateTime('not a date')).toBe('')
  })
})

describe('formatDate', () => {
  it('should use the China calendar date', () => {
    expect(formatDate('2026-11-22T16:00:00.000Z')).toBe('2026-11-23')
  })
})

describe('formatTimeRange', () => {
  it('should show one date for an activity within a day', () => {
    expect(formatTimeRange('2026-11-23T01:00:00.000Z', '2026-11-23T03:30:00.000Z')).toBe('11月23日 09:00–11:30')
  })

  it('should show both dates for an activity spanning days', () => {
    expect(formatTimeRange('2026-11-23T01:00:00.000Z', '2026-11-24T03:00:00.000Z')).toBe('11月23日 09:00 – 11月24日 11:00')
  })

  it('should fall back to the start when the end is unparsable', () => {
    expect(formatTimeRange('2026-11-23T01:00:00.000Z', '')).toBe('11月23日 09:00')
  })
})

describe('chinaToday', () => {
  afterEach(() => jest.useRealTimers())

  it('should give the China date while UTC is still on the day before', () => {
    jest.useFakeTimers({ now: new Date('2026-12-31T16:30:00Z') })
    expect(chinaToday()).toBe('2027-01-01')
  })

  it('should keep the day until midnight in China', () => {
    jest.useFakeTimers({ now: new Date('2028-02-29T15:59:00Z') })
    expect(chinaToday()).toBe('2028-02-29')
  })
})
