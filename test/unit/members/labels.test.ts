import { splitList } from '../../../src/packages/members/labels'

describe('members app: lists typed in one field', () => {
  it.each([
    ['书法、电工', ['书法', '电工']],
    ['书法, 电工，摄影', ['书法', '电工', '摄影']],
    ['  书法   电工 ', ['书法', '电工']],
    ['书法、书法', ['书法']],
    ['', []],
  ])('should split %p into %p', (text, expected) => {
    expect(splitList(text)).toEqual(expected)
  })
})
