import { maskName, maskPhone, nameFor } from '../../../cloudfunctions/lib/shared/privacy'

describe('maskName', () => {
  it.each([
    ['王小华', '王*华'],
    ['王华', '王*'],
    ['欧阳小华', '欧**华'],
    ['王', '王*'],
    ['  李建国 ', '李*国'],
    ['', '*'],
  ])('should mask %p as %p', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  it('should never return the full name of two or more characters', () => {
    for (const name of ['张三', '李四五', '司马相如', 'Alice']) expect(maskName(name)).not.toBe(name)
  })
})

describe('maskPhone', () => {
  it('should keep only the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('123')).toBe('****')
  })
})

describe('nameFor', () => {
  it('should mask a name for a viewer without a grant', () => {
    expect(nameFor('张伟', null)).toBe('张*')
    expect(nameFor('欧阳小华', false)).toBe('欧**华')
  })

  it.each(['own', 'staff', 'contact', 'liaison', 'official'] as const)('should show the name in full with the %p grant', (grant) => {
    expect(nameFor('张伟', grant)).toBe('张伟')
  })
})
