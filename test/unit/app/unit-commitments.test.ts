import { commitmentActions, commitmentPhaseLabel, doneCount, formatRate, isOverdue, type CommitmentStatus, type UnitRoles } from '@/packages/units/commitments'
import { demandActions } from '@/packages/units/demands'
import { scaleBars } from '@/packages/units/components/bar-chart/bars'

const now = Date.parse('2026-11-23T06:00:00Z')
const past = '2026-11-20T00:00:00Z'
const future = '2026-12-31T00:00:00Z'
const resident: UnitRoles = { isStaff: false, isLiaison: false }
const staff: UnitRoles = { isStaff: true, isLiaison: false }
const liaison: UnitRoles = { isStaff: false, isLiaison: true }

describe('commitmentActions', () => {
  const table: Array<[CommitmentStatus, UnitRoles, string[]]> = [
    ['proposed', staff, ['agree', 'withdraw']],
    ['proposed', liaison, ['withdraw']],
    ['agreed', staff, ['withdraw']],
    ['agreed', liaison, ['progress', 'withdraw']],
    ['in_progress', liaison, ['progress', 'complete', 'withdraw']],
    ['completed', staff, ['verify']],
    ['completed', liaison, []],
    ['verified', staff, []],
    ['withdrawn', staff, []],
    ['withdrawn', liaison, []],
  ]
  it.each(table)('should offer on a %s commitment exactly the moves the role may make (%o)', (status, roles, expected) => {
    expect(commitmentActions(status, roles)).toEqual(expected)
  })

  it('should offer a resident of the community the rating of verified work only', () => {
    const neighbour = { ...resident, isResident: true }
    expect(commitmentActions('verified', neighbour)).toEqual(['rate'])
    expect(commitmentActions('completed', neighbour)).toEqual([])
  })

  it('should offer a resident nothing in any state', () => {
    for (const status of ['proposed', 'agreed', 'in_progress', 'completed', 'verified', 'withdrawn'] as const) {
      expect(commitmentActions(status, resident)).toEqual([])
    }
  })

  it('should offer a staff member who is also the liaison every move of both', () => {
    expect(commitmentActions('in_progress', { isStaff: true, isLiaison: true })).toEqual(['progress', 'complete', 'withdraw'])
  })
})

describe('isOverdue', () => {
  it('should call open work past its deadline overdue', () => {
    expect(isOverdue({ status: 'in_progress', deadline: past }, now)).toBe(true)
    expect(commitmentPhaseLabel({ status: 'agreed', deadline: past }, now)).toBe('已逾期')
  })

  it('should not call delivered or withdrawn work overdue, nor work before its deadline', () => {
    expect(isOverdue({ status: 'completed', deadline: past }, now)).toBe(false)
    expect(isOverdue({ status: 'verified', deadline: past }, now)).toBe(false)
    expect(isOverdue({ status: 'withdrawn', deadline: past }, now)).toBe(false)
    expect(isOverdue({ status: 'agreed', deadline: future }, now)).toBe(false)
    expect(commitmentPhaseLabel({ status: 'verified', deadline: past }, now)).toBe('已验收')
    expect(commitmentPhaseLabel({ status: 'in_progress', deadline: future }, now)).toBe('进行中')
  })
})

describe('formatRate', () => {
  it('should state a rate as a whole percent', () => {
    expect(formatRate(0.5)).toBe('50%')
    expect(formatRate(2 / 3)).toBe('67%')
    expect(formatRate(1)).toBe('100%')
  })

  it('should state no commitments or a bad figure as 0%', () => {
    expect(formatRate(0)).toBe('0%')
    expect(formatRate(Number.NaN)).toBe('0%')
  })
})

describe('scaleBars', () => {
  it('should fill the track with the largest value and scale the rest against it', () => {
    expect(scaleBars([{ label: '立下', value: 4 }, { label: '完成', value: 2 }, { label: '验收', value: 1 }]).map((b) => b.percent)).toEqual([100, 50, 25])
  })

  it('should keep a sliver for a small non-zero value and none for zero', () => {
    expect(scaleBars([{ label: 'a', value: 1000 }, { label: 'b', value: 1 }, { label: 'c', value: 0 }]).map((b) => b.percent)).toEqual([100, 2, 0])
  })

  it('should draw nothing when every value is zero or negative', () => {
    expect(scaleBars([{ label: 'a', value: 0 }, { label: 'b', value: -3 }])).toEqual([
      { label: 'a', value: 0, percent: 0 },
      { label: 'b', value: 0, percent: 0 },
    ])
  })
})

describe('demandActions', () => {
  const claim = { unitId: 'unit-school', unitName: '第一实验小学', commitmentId: 'c1', at: '2026-11-23T00:00:00Z' }
  const staffRoles = { isStaff: true, unitId: null }
  const liaisonOf = (unitId: string) => ({ isStaff: false, unitId })

  it('should offer a liaison the claim of an open demand their unit has not claimed', () => {
    expect(demandActions({ status: 'open', claims: [] }, liaisonOf('unit-power'))).toEqual(['claim'])
    expect(demandActions({ status: 'open', claims: [claim] }, liaisonOf('unit-power'))).toEqual(['claim'])
  })

  it('should not offer a unit a second claim, nor any claim once the demand is taken or over', () => {
    expect(demandActions({ status: 'open', claims: [claim] }, liaisonOf('unit-school'))).toEqual([])
    expect(demandActions({ status: 'claimed', claims: [claim] }, liaisonOf('unit-power'))).toEqual([])
    expect(demandActions({ status: 'done', claims: [claim] }, liaisonOf('unit-power'))).toEqual([])
  })

  it('should offer staff cancel while nobody claimed and complete once a unit has', () => {
    expect(demandActions({ status: 'open', claims: [] }, staffRoles)).toEqual(['cancel'])
    expect(demandActions({ status: 'claimed', claims: [claim] }, staffRoles)).toEqual(['complete'])
    expect(demandActions({ status: 'open', claims: [claim] }, staffRoles)).toEqual(['complete'])
    expect(demandActions({ status: 'cancelled', claims: [] }, staffRoles)).toEqual([])
  })
})

describe('已完成 in the 共建台账', () => {
  it('should count finished commitments whether staff verified them yet or not, as the Excel does', () => {
    expect(doneCount({ completed: 1, verified: 1 })).toBe(2)
    expect(doneCount({ completed: 0, verified: 3 })).toBe(3)
  })
})
