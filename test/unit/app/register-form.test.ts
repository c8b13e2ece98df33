import { phoneAsTyped, registerProblems } from '@/pages/me/register-form'

describe('the registration form', () => {
  it('should check the phone number as it is typed: quiet while it can still be right, a message once it cannot', () => {
    for (const partial of ['', '1', '13', '138001', '13800000001']) expect(phoneAsTyped(partial)).toBeNull()
    expect(phoneAsTyped('2')).toBe('手机号以 13–19 开头')
    expect(phoneAsTyped('12')).toBe('手机号以 13–19 开头')
    expect(phoneAsTyped('138a')).toBe('手机号只能是数字')
  })

  it('should name every problem at once, each by its field', () => {
    expect(registerProblems({ name: '', phone: '', communityId: '' })).toEqual({ name: '请填写姓名', phone: '请填写手机号', communityId: '请选择所在社区' })
    expect(registerProblems({ name: '刘秀英', phone: '1380000', communityId: 'c-xingfu' })).toEqual({ phone: '请填写 11 位手机号' })
    expect(registerProblems({ name: '刘秀英', phone: '13800000001', communityId: 'c-xingfu' })).toEqual({})
  })
})
