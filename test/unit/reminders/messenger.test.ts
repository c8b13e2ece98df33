import type { ReminderDoc } from '../../../cloudfunctions/lib/reminders'
import { templateData, templatesFromEnv, wechatMessenger } from '../../../cloudfunctions/lib/reminders/messenger'

const reminder: ReminderDoc = {
  _id: 'u-1:activity_tomorrow:a-1:2031-03-11',
  userId: 'u-1',
  communityId: 'c-1',
  reason: 'activity_tomorrow',
  subjectId: 'a-1',
  day: '2031-03-11',
  title: '明天的活动：社区大扫除',
  fields: { activity: '幸福社区环境整治志愿服务暨垃圾分类宣传活动', time: '2031年3月12日 09:00', place: '党群服务中心' },
  page: '/packages/activities/pages/detail/index?id=a-1',
  status: 'sending',
  attempts: 0,
  lastError: null,
  createdAt: new Date('2031-03-11T00:00:00Z'),
  sendingAt: null,
  sentAt: null,
  updatedAt: new Date('2031-03-11T00:00:00Z'),
}

/** A stand-in for node-sdk's `callWxOpenApi`: records requests, answers as told. */
function fakeApp(answer: () => Promise<{ result?: unknown; code?: string; message?: string }>) {
  const requests: Array<{ apiName: string; requestData: any }> = []
  return {
    requests,
    callWxOpenApi: async (options: { apiName: string; requestData: unknown }) => {
      requests.push(options as { apiName: string; requestData: any })
      return answer()
    },
  }
}

const templates = templatesFromEnv({ TONGXIN_TEMPLATE_ACTIVITY_TOMORROW: 'tpl-activity' })

describe('wechatMessenger', () => {
  it('should send subscribeMessage.send with the template, page and fields under their template keys, cut to WeChat limits', async () => {
    const app = fakeApp(async () => ({ result: { errcode: 0, errmsg: 'ok' } }))
    expect(await wechatMessenger(app, { templates, miniprogramState: 'trial' }).send(reminder, 'openid-1')).toEqual({ status: 'sent' })
    expect(app.requests).toEqual([
      {
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: {
          touser: 'openid-1',
          template_id: 'tpl-activity',
          page: 'packages/activities/pages/detail/index?id=a-1',
          data: { thing1: { value: '幸福社区环境整治志愿服务暨垃圾分类宣传…' }, time2: { value: '2031年3月12日 09:00' }, thing3: { value: '党群服务中心' } },
          miniprogram_state: 'trial',
          lang: 'zh_CN',
        },
      },
    ])
    expect([...app.requests[0].requestData.data.thing1.value]).toHaveLength(20)
  })

  it('should call 43101 no_consent, other errcodes and transport errors failed, and a JSON string result the same as an object', async () => {
    const messenger = (answer: () => Promise<{ result?: unknown; code?: string; message?: string }>) => wechatMessenger(fakeApp(answer), { templates, miniprogramState: 'formal' })
    expect(await messenger(async () => ({ result: JSON.stringify({ errcode: 43101, errmsg: 'user refuse to accept the msg' }) })).send(reminder, 'o')).toEqual({ status: 'no_consent' })
    expect(await messenger(async () => ({ result: { errcode: 47003, errmsg: 'argument invalid' } })).send(reminder, 'o')).toEqual({ status: 'failed', error: 'errcode 47003: argument invalid' })
    expect(await messenger(async () => ({ code: 'PERMISSION_DENIED', message: 'no openapi permission' })).send(reminder, 'o')).toEqual({ status: 'failed', error: 'PERMISSION_DENIED no openapi permission' })
    expect(await messenger(async () => Promise.reject(new Error('socket hang up'))).send(reminder, 'o')).toEqual({ status: 'failed', error: 'socket hang up' })
  })

  it('should skip a reason the deployment has no template for, without calling WeChat', async () => {
    const app = fakeApp(async () => ({ result: { errcode: 0 } }))
    expect(await wechatMessenger(app, { templates, miniprogramState: 'formal' }).send({ ...reminder, reason: 'wish_claimed' }, 'o')).toEqual({ status: 'skipped' })
    expect(app.requests).toHaveLength(0)
  })
})

describe('templates', () => {
  it('should read template ids and key overrides from the environment, ignoring blank ones', () => {
    expect(
      templatesFromEnv({ TONGXIN_TEMPLATE_WISH_CLAIMED: ' tpl-claimed ', TONGXIN_TEMPLATE_WISH_CLAIMED_KEYS: 'wish:thing2, claimer:name1', TONGXIN_TEMPLATE_PARTY_ANNIVERSARY: '' }),
    ).toEqual({ wish_claimed: { templateId: 'tpl-claimed', keys: { wish: 'thing2', claimer: 'name1' } } })
  })

  it('should leave out empty fields and cut each value by its key type', () => {
    expect(templateData({ name: '欧阳娜娜娜娜娜娜娜娜娜', code: '123456', note: '' }, { name: 'name1', code: 'character_string2', note: 'thing3' })).toEqual({
      name1: { value: '欧阳娜娜娜娜娜娜娜…' },
      character_string2: { value: '123456' },
    })
  })
})
