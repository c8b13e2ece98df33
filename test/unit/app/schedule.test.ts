import { defaultSchedule, defaultStart } from '@/utils/schedule'
import { formatHours, secondsUntil } from '@/utils/format'

const at = (iso: string) => new Date(iso)

describe('defaultStart', () => {
  it('should pick the next half hour at least 15 minutes away', () => {
    expect(defaultStart(at('2026-11-23T06:10:00Z')).toISOString()).toBe('2026-11-23T06:30:00.000Z')
    expect(defaultStart(at('2026-11-23T06:20:00Z')).toISOString()).toBe('2026-11-23T07:00:00.000Z')
    expect(defaultStart(at('2026-11-23T06:15:00Z')).toISOString()).toBe('2026-11-23T06:30:00.000Z')
  })

  it('should always be within the hour before which check-in opens', () => {
    for (let minute = 0; minute < 60; minute += 1) {
      const now = at(`2026-11-23T06:${String(minute).padStart(2, '0')}:30Z`)
      const lead = defaultStart(now).getTime() - now.getTime()
      expect(lead).toBeGreaterThanOrEqual(15 * 60 * 1000)
      expect(lead).toBeLessThan(60 * 60 * 1000)
    }
  })
})

describe('defaultSchedule', () => {
  it('should last two hours and close sign-up at the start', () => {
    const { startAt, endAt, signupDeadline } = defaultSchedule(at('2026-11-23T06:10:00Z'))
    expect(endAt.getTime() - startAt.getTime()).toBe(2 * 3600 * 1000)
    expect(signupDeadline.getTime()).toBe(startAt.getTime())
  })
})

describe('formatHours', () => {
  it('should drop trailing zeros', () => {
    expect(formatHours(2)).toBe('2 小时')
    expect(formatHours(2.5)).toBe('2.5 小时')
    expect(formatHours(1.257)).toBe('1.26 小时')
    expect(formatHours(0)).toBe('0 小时')
  })
})

describe('secondsUntil', () => {
  it('should round up and never go below zero', () => {
    const now = Date.parse('2026-11-23T06:00:00Z')
    expect(secondsUntil('2026-11-23T06:00:29.100Z', now)).toBe(30)
    expect(secondsUntil('2026-11-23T05:59:00Z', now)).toBe(0)
    expect(secondsUntil('nonsense', now)).toBe(0)
  })
})
