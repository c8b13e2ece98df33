import { adjustmentProblem } from '@/packages/staff/pages/adjust/adjustment'
import { confirmationText, confirmSummary, isConfirmable } from '@/packages/staff/pages/attendance/sheet'
import { refreshAt } from '@/packages/staff/pages/checkin-code/rotation'
import { itemProblem, restockProblem, type ItemForm } from '@/packages/staff/pages/items/item-form'
import { emptyForm, formProblem, toActivityFields, type ActivityForm } from '@/packages/staff/pages/publish/form'

const now = new Date('2026-11-23T06:10:00Z')
const HOUR = 3600 * 1000
const valid = (): ActivityForm => ({ ...emptyForm(now), title: '楼道清洁志愿行动', place: '幸福小区 1-6 栋' })

describe('the publish form', () => {
  it('should accept the defaults once a title and place are typed', () => {
    expect(formProblem(valid(), now)).toBeNull()
  })

  it('should name the first problem in the order the fields are shown', () => {
    expect(formProblem({ ...valid(), title: '  ', quota: '0' }, now)?.field).toBe('title')
    expect(formProblem({ ...valid(), place: '' }, now)?.field).toBe('place')
  })

  it('should refuse an end before the start, a span over 7 days, and an end already past', () => {
    const form = valid()
    expect(formProblem({ ...form, endAt: form.startAt }, now)?.message).toBe('结束时间必须晚于开始时间')
    expect(formProblem({ ...form, endAt: new Date(form.startAt.getTime() + 7 * 24 * HOUR + 60_000) }, now)?.field).toBe('endAt')
    const later = new Date(form.endAt.getTime() + HOUR)
    expect(formProblem(form, later)?.message).toBe('结束时间已过')
  })

  it('should refuse a sign-up deadline after the start', () => {
    const form = valid()
    expect(formProblem({ ...form, signupDeadline: new Date(form.startAt.getTime() + 60_000) }, now)?.field).toBe('signupDeadline')
  })

  it.each([
    ['quota', '0'],
    ['quota', '10001'],
    ['quota', '1.5'],
    ['quota', '-3'],
    ['points', '1001'],
    ['points', '2.5'],
    ['maxHours', '0'],
    ['maxHours', '24.5'],
    ['maxHours', 'abc'],
  ] as const)('should refuse %s = %s', (field, value) => {
    expect(formProblem({ ...valid(), [field]: value }, now)?.field).toBe(field)
  })

  it('should accept zero points and fractional hours', () => {
    expect(formProblem({ ...valid(), points: '0', maxHours: '2.5' }, now)).toBeNull()
  })

  it('should send trimmed text, numbers and ISO times', () => {
    const form = { ...valid(), title: ' 清洁 ', pointsKind: 'fixed' as const, points: '15', maxHours: '1.5' }
    expect(toActivityFields(form)).toEqual({
      type: '志愿服务',
      title: '清洁',
      place: '幸福小区 1-6 栋',
      description: '',
      startAt: form.startAt.toISOString(),
      endAt: form.endAt.toISOString(),
      signupDeadline: form.signupDeadline.toISOString(),
      quota: 20,
      pointsRule: { kind: 'fixed', points: 15 },
      maxHours: 1.5,
    })
  })
})

describe('the item forms', () => {
  const item: ItemForm = { name: '毛巾', photoUrl: '', pricePoints: '30', perPersonLimit: '2', stock: '40', onShelf: true }

  it('should accept a complete item', () => {
    expect(itemProblem(item, true)).toBeNull()
  })

  it('should refuse a zero or negative price and a limit out of range', () => {
    expect(itemProblem({ ...item, pricePoints: '0' }, true)).toMatch('所需积分')
    expect(itemProblem({ ...item, pricePoints: '-5' }, true)).toMatch('所需积分')
    expect(itemProblem({ ...item, perPersonLimit: '101' }, true)).toMatch('每人限兑')
  })

  it('should check the stock only when creating (later changes go through restock)', () => {
    expect(itemProblem({ ...item, stock: '' }, true)).toMatch('初始库存')
    expect(itemProblem({ ...item, stock: '' }, false)).toBeNull()
  })

  it('should refuse a restock of zero, one below zero stock, or one without a reason', () => {
    expect(restockProblem('0', '到货', 5)).toMatch('非零整数')
    expect(restockProblem('-6', '损坏', 5)).toMatch('库存只有 5 件')
    expect(restockProblem('10', ' ', 5)).toBe('请填写原因')
    expect(restockProblem('-5', '损坏', 5)).toBeNull()
  })
})

describe('the adjustment form', () => {
  it('should need a person, a non-zero integer within 10000 and a reason of at least 2 characters', () => {
    expect(adjustmentProblem(false, '20', '补记服务')).toBe('请选择居民')
    expect(adjustmentProblem(true, '0', '补记服务')).toBe('调整积分不能为 0')
    expect(adjustmentProblem(true, '1.5', '补记服务')).toMatch('整数')
    expect(adjustmentProblem(true, '10001', '补记服务')).toMatch('10000')
    expect(adjustmentProblem(true, '-20', '补')).toMatch('原因')
    expect(adjustmentProblem(true, '+20', '补记服务')).toBeNull()
    expect(adjustmentProblem(true, '-20', '误记扣回')).toBeNull()
  })
})

describe('the attendance sheet', () => {
  it('should offer only sign-ups with both a check-in and a check-out', () => {
    expect(isConfirmable({ status: 'enrolled', checkInAt: 'a', checkOutAt: 'b' })).toBe(true)
    expect(isConfirmable({ status: 'enrolled', checkInAt: 'a', checkOutAt: null })).toBe(false)
    expect(isConfirmable({ status: 'confirmed', checkInAt: 'a', checkOutAt: 'b' })).toBe(false)
  })

  it('should sum up a bulk confirmation in one line', () => {
    expect(
      confirmSummary([
        { userId: 'a', result: 'confirmed' },
        { userId: 'b', result: 'no_attendance' },
        { userId: 'c', result: 'confirmed' },
      ]),
    ).toBe('已确认 2 人；缺少签到或签退 1 人')
    expect(confirmSummary([])).toBe('没有需要确认的人')
  })
})

describe('the check-in code rotation', () => {
  const received = Date.parse('2026-11-23T06:00:10Z')

  it('should fetch the next code when the shown one expires', () => {
    expect(refreshAt('2026-11-23T06:00:30Z', 30, received)).toBe(Date.parse('2026-11-23T06:00:30Z'))
  })

  it('should wait at least a second when the phone clock runs ahead of the server', () => {
    expect(refreshAt('2026-11-23T06:00:05Z', 30, received)).toBe(received + 1000)
  })

  it('should wait at most one period when the phone clock runs behind', () => {
    expect(refreshAt('2026-11-23T06:05:00Z', 30, received)).toBe(received + 30_000)
  })
})

describe('the attendance confirmation sheet', () => {
  const activity = { maxHours: 3, pointsRule: { kind: 'perHour' as const, points: 5 } }
  const at = (time: string) => `2026-11-20T${time}:00+08:00`
  it('should say what confirming will credit before it happens, capped as the server caps it', () => {
    const rows = [
      { checkInAt: at('09:00'), checkOutAt: at('12:00') },
      { checkInAt: at('09:00'), checkOutAt: at('13:00') },
      { checkInAt: at('09:00'), checkOutAt: at('09:00') },
    ]
    expect(confirmationText(activity, rows)).toBe('确认后将为 3 人记入 6 小时、30 积分，不能撤回。')
    expect(confirmationText({ maxHours: 2, pointsRule: { kind: 'fixed', points: 15 } }, rows.slice(2))).toBe('确认后将为 1 人记入 0 小时、15 积分，不能撤回。')
  })
})
