import { groupInviteCode, isInviteCode, normaliseInviteCode } from '@/packages/units/invite-code'
import { emptyUnitForm, toRegisterFields, unitFormProblem, type UnitForm } from '@/packages/units/pages/register/unit-form'

const today = '2026-11-23'
const valid = (): UnitForm => ({
  ...emptyUnitForm(today),
  name: ' 和平区实验小学 ',
  kind: '学校',
  partyOrg: '实验小学党支部',
  contactName: '赵老师',
  contactPhone: '13800000000',
  address: '和平路 1 号',
})

describe('the unit register form', () => {
  it('should accept a filled form signed today', () => {
    expect(unitFormProblem(valid(), today)).toBeNull()
  })

  it('should name the first problem in the order the fields are shown', () => {
    expect(unitFormProblem({ ...valid(), name: '  ', kind: '' }, today)).toBe('请填写单位名称')
    expect(unitFormProblem({ ...valid(), kind: '' }, today)).toBe('请选择单位类型')
    expect(unitFormProblem({ ...valid(), contactPhone: '12345' }, today)).toBe('请输入 11 位手机号')
  })

  it('should refuse an agreement signed after today and a name over the server limit', () => {
    expect(unitFormProblem({ ...valid(), signedAt: '2026-11-24' }, today)).toBe('签订日期不能晚于今天')
    expect(unitFormProblem({ ...valid(), name: '校'.repeat(41) }, today)).toBe('单位名称最多 40 字')
  })

  it('should send trimmed fields with the contact nested and the day at noon Beijing time', () => {
    expect(toRegisterFields({ ...valid(), kind: '学校' })).toEqual({
      name: '和平区实验小学',
      kind: '学校',
      partyOrg: '实验小学党支部',
      contact: { name: '赵老师', phone: '13800000000' },
      address: '和平路 1 号',
      signedAt: '2026-11-23T12:00:00+08:00',
    })
  })
})

describe('invite codes', () => {
  it('should take a code typed in lower case, in groups or with dashes', () => {
    expect(normaliseInviteCode('abcd efgh')).toBe('ABCDEFGH')
    expect(normaliseInviteCode('ab-cd-ef-gh-jk')).toBe('ABCDEFGH')
    expect(isInviteCode(normaliseInviteCode('k7pq 2mx9'))).toBe(true)
  })

  it('should not call a short or punctuated code valid', () => {
    expect(isInviteCode('ABCDEFG')).toBe(false)
    expect(isInviteCode('ABCD!FGH')).toBe(false)
  })

  it('should show a code in two groups of four', () => {
    expect(groupInviteCode('ABCDEFGH')).toBe('ABCD EFGH')
  })
})
