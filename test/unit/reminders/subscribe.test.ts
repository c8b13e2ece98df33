const mockRequest = jest.fn()
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requestSubscribeMessage: (...args: unknown[]) => mockRequest(...args) } }))

import { askConsent, templateIdsFor } from '@/utils/subscribe'

const ids = { activity_tomorrow: 'tpl-a', wish_reviewed: 'tpl-v', wish_claimed: 'tpl-c', wish_fulfilled: 'tpl-f', booking_approved: '', redemption_expiring: 'tpl-r', party_anniversary: 'tpl-p', waitlist_promoted: 'tpl-w' }

/** The module as a build with TARO_APP_TEMPLATE_ACTIVITY_TOMORROW set would see it. */
function withTemplate(): typeof import('@/utils/subscribe') {
  process.env.TARO_APP_TEMPLATE_ACTIVITY_TOMORROW = 'tpl-tomorrow'
  let loaded: typeof import('@/utils/subscribe') | undefined
  jest.isolateModules(() => {
    loaded = jest.requireActual<typeof import('@/utils/subscribe')>('@/utils/subscribe')
  })
  delete process.env.TARO_APP_TEMPLATE_ACTIVITY_TOMORROW
  return loaded!
}

describe('askConsent', () => {
  const taroEnv = process.env.TARO_ENV
  afterEach(() => {
    process.env.TARO_ENV = taroEnv
    mockRequest.mockReset()
  })

  it('should ask only for reasons with a template, once each, at most 3 (WeChat’s limit)', () => {
    expect(templateIdsFor(['wish_claimed', 'wish_fulfilled', 'wish_claimed'], ids)).toEqual(['tpl-c', 'tpl-f'])
    expect(templateIdsFor(['booking_approved'], ids)).toEqual([])
    expect(templateIdsFor(['activity_tomorrow', 'wish_claimed', 'wish_fulfilled', 'party_anniversary'], ids)).toEqual(['tpl-a', 'tpl-c', 'tpl-f'])
  })

  it('should ask WeChat in the mini-program for the configured templates and carry on when refused', async () => {
    process.env.TARO_ENV = 'weapp'
    mockRequest.mockRejectedValue(new Error('requestSubscribeMessage:fail cancel'))
    await expect(withTemplate().askConsent(['activity_tomorrow', 'wish_claimed'])).resolves.toBeUndefined()
    expect(mockRequest).toHaveBeenCalledWith({ tmplIds: ['tpl-tomorrow'] })
  })

  it('should do nothing on H5, and nothing when the build has no template for the reason', async () => {
    process.env.TARO_ENV = 'h5'
    await withTemplate().askConsent(['activity_tomorrow'])
    process.env.TARO_ENV = 'weapp'
    await askConsent(['activity_tomorrow'])
    expect(mockRequest).not.toHaveBeenCalled()
  })
})
