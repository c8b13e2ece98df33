import { isOverdue } from '../../../cloudfunctions/lib/units/commitments'
import { reportInput } from '../../../cloudfunctions/lib/units/report'
import { inviteId, joinInput } from '../../../cloudfunctions/lib/units/service'

describe('units rules', () => {
  const now = new Date('2026-06-01T00:00:00Z')
  const past = new Date('2026-05-31T23:59:59Z')
  const future = new Date('2026-06-01T00:00:01Z')

  it.each([
    ['proposed', past, true],
    ['agreed', past, true],
    ['in_progress', past, true],
    ['completed', past, false],
    ['verified', past, false],
    ['withdrawn', past, false],
    ['agreed', future, false],
  ] as const)('should call a %s commitment due %s overdue: %s', (status, deadline, expected) => {
    expect(isOverdue({ status, deadline }, now)).toBe(expected)
  })

  it('should take a report for exactly one of a community and a district', () => {
    expect(reportInput.safeParse({ communityId: 'c', year: 2026 }).success).toBe(true)
    expect(reportInput.safeParse({ districtId: 'd', year: 2026 }).success).toBe(true)
    expect(reportInput.safeParse({ year: 2026 }).success).toBe(false)
    expect(reportInput.safeParse({ communityId: 'c', districtId: 'd', year: 2026 }).success).toBe(false)
  })

  it('should read invite codes case-insensitively and store them only as a hash', () => {
    expect(joinInput.parse({ code: ' abcd2345 ' })).toEqual({ code: 'ABCD2345' })
    expect(inviteId('ABCD2345')).toMatch(/^[0-9a-f]{64}$/)
    expect(inviteId('ABCD2345')).not.toContain('ABCD2345')
  })
})
