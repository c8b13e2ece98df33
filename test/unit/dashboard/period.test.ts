import { addTally, emptyTally, toFigures } from '../../../cloudfunctions/lib/dashboard/figures'
import { monthsOf, periodInput, toPeriod } from '../../../cloudfunctions/lib/dashboard/period'

describe('dashboard periods (Beijing calendar)', () => {
  it('should open a month at 00:00 Beijing time, 16:00 UTC the day before', () => {
    const march = toPeriod({ kind: 'month', month: '2024-03' })
    expect(march.start.toISOString()).toBe('2024-02-29T16:00:00.000Z')
    expect(march.end.toISOString()).toBe('2024-03-31T16:00:00.000Z')
    expect([march.startDate, march.endDate]).toEqual(['2024-03-01', '2024-04-01'])
  })

  it('should roll December into January of the next year', () => {
    const december = toPeriod({ kind: 'month', month: '2025-12' })
    expect(december.end.toISOString()).toBe('2025-12-31T16:00:00.000Z')
    expect(december.endDate).toBe('2026-01-01')
    const year = toPeriod({ kind: 'year', year: 2025 })
    expect([year.start.toISOString(), year.end.toISOString(), year.startDate, year.endDate]).toEqual([
      '2024-12-31T16:00:00.000Z',
      '2025-12-31T16:00:00.000Z',
      '2025-01-01',
      '2026-01-01',
    ])
  })

  it('should split a year into twelve months that tile it without gaps', () => {
    const months = monthsOf(2026)
    expect(months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'])
    for (let i = 1; i < 12; i += 1) expect(months[i].span.start).toEqual(months[i - 1].span.end)
    expect(months[0].span.start).toEqual(toPeriod({ kind: 'year', year: 2026 }).start)
    expect(months[11].span.end).toEqual(toPeriod({ kind: 'year', year: 2026 }).end)
  })

  it('should refuse malformed periods', () => {
    for (const bad of [{ kind: 'month', month: '2026-13' }, { kind: 'month', month: '2026-00' }, { kind: 'month', month: '26-01' }, { kind: 'year', year: 1999 }, { kind: 'year', year: 2026.5 }, { kind: 'day' }]) {
      expect(periodInput.safeParse(bad).success).toBe(false)
    }
  })
})

describe('dashboard tallies', () => {
  it('should add roll-ups up and recompute averages and rates from sums, with participants counted apart', () => {
    const a = { ...emptyTally(), attendances: 2, volunteerCentihours: 350, responseMs: 10 * 3600_000, suggestionsReplied: 2, ratings: 2, satisfied: 1 }
    const b = { ...emptyTally(), attendances: 3, volunteerCentihours: 125, responseMs: 2 * 3600_000, suggestionsReplied: 1, ratings: 2, satisfied: 2 }
    const figures = toFigures(addTally(addTally(emptyTally(), a), b), 3)
    expect(figures).toMatchObject({ participants: 3, attendances: 5, volunteerHours: 4.75, suggestions: { averageResponseHours: 4, replied: 3 }, satisfaction: { ratings: 4, satisfied: 3, rate: 0.75 } })
  })

  it('should report no average and no rate when nothing was replied or rated', () => {
    expect(toFigures(emptyTally(), 0)).toMatchObject({ suggestions: { averageResponseHours: null }, satisfaction: { rate: null } })
  })
})
