import { activityPhaseLabel } from '@/constants/labels'

const now = Date.parse('2026-11-23T06:00:00Z')
const card = { status: 'published' as const, endAt: '2026-11-23T08:00:00Z', quota: 10, enrolledCount: 3 }

describe('activityPhaseLabel', () => {
  it('should say 报名中 for a published activity with seats left', () => {
    expect(activityPhaseLabel(card, now)).toBe('报名中')
  })

  it('should say 名额已满 when every seat is taken', () => {
    expect(activityPhaseLabel({ ...card, enrolledCount: 10 }, now)).toBe('名额已满')
  })

  it('should call a published activity whose end has passed 已结束, full or not', () => {
    expect(activityPhaseLabel({ ...card, endAt: '2026-11-23T05:59:00Z', enrolledCount: 10 }, now)).toBe('已结束')
  })

  it('should show a cancelled activity as cancelled whatever its time', () => {
    expect(activityPhaseLabel({ ...card, status: 'cancelled' }, now)).toBe('已取消')
  })
})
