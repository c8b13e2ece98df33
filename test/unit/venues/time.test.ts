import { cancelCutoff, closureOn, consecutiveSlots, lastBookableDate, slotsOn } from '../../../cloudfunctions/lib/venues/model'
import { instantOf } from '../../../cloudfunctions/lib/shared/china-time'

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
