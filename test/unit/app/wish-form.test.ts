import { isStarted, suggestionProblems } from '@/packages/suggestions/pages/submit/form'
import { beneficiaryProblem, dayOf, wishProblem, type WishForm } from '@/packages/wishes/pages/post/form'

const valid: WishForm = { title: '想要一个书包', story: '孩子上三年级，旧书包坏了。', category: '学习用品', wishedBy: '', photos: [] }
const today = '2026-11-23'

describe('wishProblem', () => {
  it('should accept a complete wish without a date or photos', () => {
    expect(wishProblem(valid, today)).toBeNull()
  })

  it('should ask for a title of 2–40 characters, ignoring surrounding spaces', () => {
    expect(wishProblem({ ...valid, title: ' 书 ' }, today)).toBe('心愿标题 2–40 个字')
    expect(wishProblem({ ...valid, title: '书'.repeat(41) }, today)).toBe('心愿标题 2–40 个字')
  })

  it('should ask for a story of at most 500 characters', () => {
    expect(wishProblem({ ...valid, story: '  ' }, today)).toMatch(/心愿的情况/)
    expect(wishProblem({ ...valid, story: '字'.repeat(501) }, today)).toMatch(/心愿的情况/)
  })

  it('should ask for a category before anything later in the form', () => {
    expect(wishProblem({ ...valid, category: '', wishedBy: '2020-01-01' }, today)).toBe('请选择心愿类别')
  })

  it('should refuse a wished-by day in the past and accept today', () => {
    expect(wishProblem({ ...valid, wishedBy: '2026-11-22' }, today)).toBe('期望实现日期不能早于今天')
    expect(wishProblem({ ...valid, wishedBy: today }, today)).toBeNull()
  })

  it('should refuse more than six photos', () => {
    expect(wishProblem({ ...valid, photos: Array.from({ length: 7 }, (_, i) => `/uploads/${i}.jpg`) }, today)).toBe('最多 6 张照片')
  })
})

describe('beneficiaryProblem', () => {
  const neighbour = { name: '周桂兰', phone: '', address: '3 号楼 2 单元 101' }

  it('should accept a neighbour without a phone', () => {
    expect(beneficiaryProblem(neighbour)).toBeNull()
  })

  it('should refuse a phone that is not a mainland mobile number', () => {
    expect(beneficiaryProblem({ ...neighbour, phone: '12345' })).toMatch(/手机号/)
    expect(beneficiaryProblem({ ...neighbour, phone: '13800138000' })).toBeNull()
  })

  it('should ask for the name and the address', () => {
    expect(beneficiaryProblem({ ...neighbour, name: ' ' })).toMatch(/姓名/)
    expect(beneficiaryProblem({ ...neighbour, address: '' })).toMatch(/住址/)
  })
})

describe('wished-by days', () => {
  it('should read an instant as its day in China', () => {
    expect(dayOf('2026-12-01T15:59:59.000Z')).toBe('2026-12-01')
  })

  it('should read a late-evening UTC instant as the next day in China', () => {
    expect(dayOf('2026-11-30T20:00:00.000Z')).toBe('2026-12-01')
  })
})

describe('the suggestion form', () => {
  it('should name every problem at once, each by its field', () => {
    expect(Object.keys(suggestionProblems({ category: '', title: '', content: '', photos: [], anonymous: false })).sort()).toEqual(['category', 'content', 'title'])
    expect(suggestionProblems({ category: '环境卫生', title: '路灯坏了', content: '东门路灯不亮三天了', photos: [], anonymous: false })).toEqual({})
  })

  it('should count a form as started once anything is typed or chosen', () => {
    const empty = { category: '' as const, title: '', content: '', photos: [], anonymous: false }
    expect(isStarted(empty)).toBe(false)
    expect(isStarted({ ...empty, title: '路' })).toBe(true)
  })
})
