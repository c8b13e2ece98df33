import { problemOf, rowsOf, toVenueInput, type Form } from '@/packages/venues/components/venue-rules'
import { addDays, dayLabel, hoursSummary, weekdayOfDate } from '@/packages/venues/shared'

const hall = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '12:00' })),
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '14:00', close: '18:00' })),
  { weekday: 6, open: '09:00', close: '12:00' },
]

describe('venue labels', () => {
  it('should group weekdays with the same hours into one phrase', () => {
    expect(hoursSummary(hall)).toBe('周一至周五 09:00–12:00、14:00–18:00；周六 09:00–12:00')
    expect(hoursSummary([{ weekday: 1, open: '09:00', close: '12:00' }, { weekday: 3, open: '09:00', close: '12:00' }])).toBe('周一 09:00–12:00；周三 09:00–12:00')
    expect(hoursSummary([])).toBe('暂不开放')
  })

  it('should name a date with its weekday, across a month end', () => {
    expect(dayLabel('2026-11-30', weekdayOfDate('2026-11-30'))).toBe('11月30日 周一')
    expect(addDays('2026-11-30', 6)).toBe('2026-12-06')
    expect(weekdayOfDate('2026-12-06')).toBe(7)
  })
})

describe('the venue form', () => {
  const valid = (): Form => ({
    name: '多功能厅',
    location: '二楼',
    description: '',
    capacity: '60',
    facilities: '投影仪、音响，空调',
    photos: [],
    rows: rowsOf(hall),
    slotMinutes: 60,
    bookingDays: '14',
    cancelHours: '24',
    needsApproval: true,
    active: true,
  })

  it('should turn stored hours into one editor row per interval and back without loss', () => {
    const rows = rowsOf(hall)
    expect(rows).toEqual([
      { days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '12:00' },
      { days: [1, 2, 3, 4, 5], open: '14:00', close: '18:00' },
    ])
    const input = toVenueInput(valid(), 'c-xingfu', 'v-hall')
    const key = (h: { weekday: number; open: string }) => `${h.weekday}-${h.open}`
    expect(input.openingHours.map(key).sort()).toEqual(hall.map(key).sort())
    expect(input).toMatchObject({ venueId: 'v-hall', communityId: 'c-xingfu', capacity: 60, bookingDays: 14, facilities: ['投影仪', '音响', '空调'] })
    expect('venueId' in toVenueInput(valid(), 'c-xingfu')).toBe(false)
  })

  it.each([
    [{ name: ' ' }, '请填写场地名称'],
    [{ capacity: '0' }, '容纳人数须为 1–1000'],
    [{ bookingDays: '91' }, '可提前预约天数须为 1–90'],
    [{ cancelHours: '-1' }, '取消截止须为开始前 0–168 小时'],
    [{ rows: [] }, '请至少设置一个开放时段'],
    [{ rows: [{ days: [], open: '09:00', close: '12:00' }] }, '每个开放时段请至少选一天'],
    [{ rows: [{ days: [1], open: '09:15', close: '12:00' }] }, '时间请填整点或半点，如 09:00、17:30'],
    [{ rows: [{ days: [1], open: '12:00', close: '09:00' }] }, '结束时间应晚于开始时间'],
    [{ rows: [{ days: [1, 2], open: '09:00', close: '12:00' }, { days: [2, 3], open: '11:00', close: '13:00' }] }, '同一天的开放时段不能重叠'],
  ] as Array<[Partial<Form>, string]>)('should refuse %j with “%s”', (patch, problem) => {
    expect(problemOf({ ...valid(), ...patch })).toBe(problem)
  })

  it('should accept a full day that closes at 24:00', () => {
    expect(problemOf({ ...valid(), rows: [{ days: [7], open: '00:00', close: '24:00' }] })).toBeNull()
  })
})
