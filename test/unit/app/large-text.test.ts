jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))
import { largeTextFor } from '@/hooks/use-large-text'

describe('长辈版 follows WeChat’s font size', () => {
  it('should turn on for a reader who enlarged WeChat’s text, and stay off at the standard size or without the setting', () => {
    expect(largeTextFor('', 20)).toBe(true)
    expect(largeTextFor('', 18)).toBe(true)
    expect(largeTextFor('', 17)).toBe(false)
    expect(largeTextFor('', null)).toBe(false)
  })

  it('should let the person’s own choice win over WeChat’s setting', () => {
    expect(largeTextFor(false, 22)).toBe(false)
    expect(largeTextFor(true, 16)).toBe(true)
  })
})
