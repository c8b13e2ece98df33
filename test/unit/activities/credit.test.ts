import { creditFor } from '../../../cloudfunctions/lib/activities/model'
import { timingProblem } from '../../../cloudfunctions/lib/activities/service'

const at = (time: string) => new Date(`2026-11-23T${time}:00+08:00`)

describe('credited hours and points', () => {
  it('should cap the checked-in span at maxHours: 09:00–12:30 with maxHours 3 is 3 h', () => {
    expect(creditFor({ maxHours: 3, pointsRule: { kind: 'perHour', points: 10 } }, at('09:00'), at('12:30'))).toEqual({ hours: 3, points: 30 })
  })

  it('should count only the checked-in span, to 0.01 h', () => {
    expect(creditFor({ maxHours: 4, pointsRule: { kind: 'perHour', points: 10 } }, at('09:10'), at('11:30'))).toEqual({ hours: 2.33, points: 23 })
  })

  it('should give a fixed rule its points whatever the hours', () => {
    expect(creditFor({ maxHours: 3, pointsRule: { kind: 'fixed', points: 15 } }, at('09:00'), at('09:45'))).toEqual({ hours: 0.75, points: 15 })
    expect(creditFor({ maxHours: 3, pointsRule: { kind: 'fixed', points: 15 } }, at('09:00'), at('12:30'))).toEqual({ hours: 3, points: 15 })
  })

  it('should round per-hour points to whole points', () => {
    expect(creditFor({ maxHours: 3, pointsRule: { kind: 'perHour', points: 7 } }, at('09:00'), at('10:30'))).toEqual({ hours: 1.5, points: 11 })
  })

  it('should credit nothing for a check-out before the check-in', () => {
    expect(creditFor({ maxHours: 3, pointsRule: { kind: 'perHour', points: 10 } }, at('10:00'), at('09:00'))).toEqual({ hours: 0, points: 0 })
  })
})

describe('activity times', () => {
  it('should accept a deadline before the start and an end after it', () => {
    expect(timingProblem({ startAt: at('09:00'), endAt: at('12:00'), signupDeadline: at('08:00') })).toBeNull()
    expect(timingProblem({ startAt: at('09:00'), endAt: at('12:00'), signupDeadline: at('09:00') })).toBeNull()
  })

  it('should refuse an end not after the start, a span over 7 days, and a deadline after the start', () => {
    expect(timingProblem({ startAt: at('09:00'), endAt: at('09:00'), signupDeadline: at('08:00') })?.path).toBe('endAt')
    const start = at('09:00')
    expect(timingProblem({ startAt: start, endAt: new Date(start.getTime() + 7 * 86_400_000 + 1), signupDeadline: at('08:00') })?.path).toBe('endAt')
    expect(timingProblem({ startAt: at('09:00'), endAt: at('12:00'), signupDeadline: at('09:01') })?.path).toBe('signupDeadline')
  })
})
