import { cancelCutoff, closureOn, consecutiveSlots, lastBookableDate, slotsOn } from '../../../cloudfunctions/lib/venues/model'
import { addDays, daysBetween, instantOf, shanghaiDate, weekdayOf } from '../../../cloudfunctions/lib/venues/time'

describe('venue time (Asia/Shanghai wall-clock)', () => {
  it.each([
    ['2026-11-23T15:59:59.999Z', '2026-11-23'],
    ['2026-11-23T16:00:00.000Z', '2026-11-24'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2026-06-30T23:00:00.000Z', '2026-07-01'],
  ])('should put the instant %s on the Shanghai date %s', (at, date) => {
    expect(shanghaiDate(new Date(at))).toBe(date)
  })

  it.each([
    ['2026-11-24', '09:00', '2026-11-24T01:00:00.000Z'],
    ['2026-11-24', '00:00', '2026-11-23T16:00:00.000Z'],
    ['2026-11-24', '07:30', '2026-11-23T23:30:00.000Z'],
    ['2026-11-24', '24:00', '2026-11-24T16:00:00.000Z'],
    ['2027-01-01', '06:00', '2026-12-31T22:00:00.000Z'],
  ])('should turn %s %s in Shanghai into %s', (date, time, iso) => {
    expect(instantOf(date, time).toISOString()).toBe(iso)
  })

  it('should round-trip every half hour of a day through instant and Shanghai date', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
      expect(shanghaiDate(instantOf('2026-03-01', time))).toBe('2026-03-01')
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
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-12-25', '2027-01-04')).toBe(10)
  })
})

describe('venue slots', () => {
  const hall = {
    slotMinutes: 60 as const,
    openingHours: [
      { weekday: 1, open: '14:00', close: '17:30' },
      { weekday: 1, open: '09:00', close: '12:00' },
      { weekday: 6, open: '09:00', close: '12:00' },
    ],
  }

  it('should cut each opening interval into slots, in order, never past the close', () => {
    expect(slotsOn(hall, '2026-11-23').map((slot) => `${slot.start}-${slot.end}`)).toEqual([
      '09:00-10:00',
      '10:00-11:00',
      '11:00-12:00',
      '14:00-15:00',
      '15:00-16:00',
      '16:00-17:00',
    ])
    expect(slotsOn(hall, '2026-11-24')).toEqual([])
    expect(slotsOn({ ...hall, slotMinutes: 120 }, '2026-11-28').map((slot) => slot.start)).toEqual(['09:00'])
    expect(slotsOn({ ...hall, slotMinutes: 30 }, '2026-11-28')).toHaveLength(6)
  })

  it('should take consecutive slots only within one interval', () => {
    expect(consecutiveSlots(hall, '2026-11-23', '10:00', 2)?.map((slot) => slot.start)).toEqual(['10:00', '11:00'])
    expect(consecutiveSlots(hall, '2026-11-23', '11:00', 2)).toBeNull()
    expect(consecutiveSlots(hall, '2026-11-23', '16:00', 2)).toBeNull()
    expect(consecutiveSlots(hall, '2026-11-23', '09:30', 1)).toBeNull()
    expect(consecutiveSlots(hall, '2026-11-24', '09:00', 1)).toBeNull()
  })

  it('should find a closure on both of its end days and not outside them', () => {
    const venue = { closures: [{ id: 'c', from: '2026-11-25', to: '2026-11-26', reason: '维修', createdBy: 'u', createdAt: new Date() }] }
    expect(closureOn(venue, '2026-11-24')).toBeNull()
    expect(closureOn(venue, '2026-11-25')?.reason).toBe('维修')
    expect(closureOn(venue, '2026-11-26')?.reason).toBe('维修')
    expect(closureOn(venue, '2026-11-27')).toBeNull()
  })

  it('should open the window from the Shanghai today, even late in the UTC day', () => {
    // 23:30 UTC on the 23rd is 07:30 on the 24th in Shanghai.
    expect(lastBookableDate({ bookingDays: 7 }, new Date('2026-11-23T23:30:00Z'))).toBe('2026-12-01')
  })

  it('should close the booker cancellation the venue hours before the start', () => {
    expect(cancelCutoff({ startAt: instantOf('2026-11-25', '09:00') }, { cancelHours: 24 }).toISOString()).toBe('2026-11-24T01:00:00.000Z')
  })
})
