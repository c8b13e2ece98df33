import { badgesFor, starFor, starLabel } from '../../../cloudfunctions/lib/honours/stars'
import { defaultStarHours } from '../../../cloudfunctions/lib/users/model'

describe('星级 from confirmed hours', () => {
  it('should give no star at 99.5 h and one star at exactly 100 h', () => {
    expect(starFor(99.5, defaultStarHours)).toEqual({ star: 0, nextStarHours: 100 })
    expect(starFor(99.99, defaultStarHours).star).toBe(0)
    expect(starFor(100, defaultStarHours)).toEqual({ star: 1, nextStarHours: 300 })
  })

  it('should not round a float sum just below a threshold up to it', () => {
    // 0.1 + 0.2 + … sums drift; hours are kept to 0.01 h, so 299.994 is still below 300.
    expect(starFor(299.994, defaultStarHours).star).toBe(1)
    expect(starFor(0.1 * 3 * 1000, defaultStarHours).star).toBe(2)
  })

  it('should reach five stars at 1500 h and name no next star', () => {
    expect(starFor(1499.99, defaultStarHours).star).toBe(4)
    expect(starFor(1500, defaultStarHours)).toEqual({ star: 5, nextStarHours: null })
    expect(starLabel(5)).toBe('五星志愿者')
    expect(starLabel(0)).toBe('尚未评星')
  })

  it('should follow a community\'s own thresholds', () => {
    expect(starFor(60, [50, 200, 500, 900, 1400]).star).toBe(1)
    expect(starFor(60, defaultStarHours).star).toBe(0)
  })

  it('should award badges by milestones', () => {
    const earned = badgesFor({ hours: 12, attendances: 3, monthStars: 1, yearStars: 0 }).filter((badge) => badge.earned).map((badge) => badge.key)
    expect(earned).toEqual(['first', 'hours_10', 'month_star'])
  })
})
