import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { wechatContentChecker } from '../../../cloudfunctions/lib/content'
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import type { ReminderDoc } from '../../../cloudfunctions/lib/reminders'
import { templatesFromEnv, wechatMessenger } from '../../../cloudfunctions/lib/reminders/messenger'
import { serverOpenApi, wxOpenApiMode, type WxTokenDoc } from '../../../cloudfunctions/lib/wechat/openapi'

/**
 * A stand-in for api.weixin.qq.com on 127.0.0.1: a real HTTP server that
 * hands out stable tokens `token-1`, `token-2` … and answers msgSecCheck and
 * subscribeMessage.send, refusing tokens listed in `invalid` with 40001.
 */
class FakeWechat {
  server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const json = body ? (JSON.parse(body) as Record<string, unknown>) : {}
      this.requests.push({ path: url.pathname, token: url.searchParams.get('access_token'), body: json })
      const answer = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(payload))
      }
      if (this.down) return answer(502, { message: 'bad gateway' })
      if (url.pathname === '/cgi-bin/stable_token') {
        if (json.appid !== 'wx-test' || json.secret !== 'secret-test') return answer(200, { errcode: 40125, errmsg: 'invalid appsecret' })
        this.issued += 1
        return answer(200, { access_token: `token-${this.issued}`, expires_in: 7200 })
      }
      const token = url.searchParams.get('access_token') ?? ''
      if (this.invalid.has(token) || !token.startsWith('token-')) return answer(200, { errcode: 40001, errmsg: 'invalid credential' })
      if (url.pathname === '/wxa/msg_sec_check') {
        const suggest = String(json.content).includes('坏') ? 'risky' : 'pass'
        return answer(200, { errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 } })
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send') return answer(200, json.touser === 'refuser' ? { errcode: 43101, errmsg: 'user refuse to accept the msg' } : { errcode: 0, errmsg: 'ok' })
      return answer(404, {})
    })
  })
  requests: Array<{ path: string; token: string | null; body: Record<string, unknown> }> = []
  issued = 0
  invalid = new Set<string>()
  down = false
  url = ''

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  calls(path: string) {
    return this.requests.filter((request) => request.path === path)
  }
}

const T0 = new Date('2031-03-01T00:00:00Z')
const MINUTE = 60_000

describe('WeChat server API with a stable access token', () => {
  let wechat: FakeWechat
  let db: LocalDatabase
  beforeEach(async () => {
    wechat = new FakeWechat()
    await wechat.start()
    db = openLocalDatabase({ file: ':memory:' })
  })
  afterEach(async () => {
    db.close()
    await wechat.stop()
  })

  /** One function invocation's client (each invocation builds its own, as cloudbaseMain does). */
  const api = (at: Date = T0) => serverOpenApi({ db, appid: 'wx-test', secret: 'secret-test', now: () => at, baseUrl: wechat.url })
  const cached = async () => (await db.collection<WxTokenDoc>('wxTokens').doc('wx-test').get()).data[0]

  it('should fetch a stable token with the appid and secret, call msgSecCheck with it, and cache it in the database', async () => {
    const check = wechatContentChecker(api())
    expect(await check(['好心愿'], 'openid-1')).toBe(true)
    expect(wechat.calls('/cgi-bin/stable_token')).toEqual([
      { path: '/cgi-bin/stable_token', token: null, body: { grant_type: 'client_credential', appid: 'wx-test', secret: 'secret-test', force_refresh: false } },
    ])
    expect(wechat.calls('/wxa/msg_sec_check')).toEqual([{ path: '/wxa/msg_sec_check', token: 'token-1', body: { content: '好心愿', version: 2, scene: 3, openid: 'openid-1' } }])
    expect(await cached()).toMatchObject({ token: 'token-1', expiresAt: new Date(T0.getTime() + 120 * MINUTE), refreshAt: new Date(T0.getTime() + 115 * MINUTE), refreshingUntil: null })

    // The next invocation (another instance, an hour later) uses the cached token.
    expect(await wechatContentChecker(api(new Date(T0.getTime() + 60 * MINUTE)))(['坏内容'], 'openid-1')).toBe(false)
    expect(wechat.issued).toBe(1)
  })

  it('should refresh the token 5 minutes before it expires, and not earlier', async () => {
    await api().call('/wxa/msg_sec_check', { content: 'a', version: 2, scene: 3, openid: 'o' })
    await api(new Date(T0.getTime() + 114 * MINUTE)).call('/wxa/msg_sec_check', { content: 'a', version: 2, scene: 3, openid: 'o' })
    expect(wechat.issued).toBe(1)
    await api(new Date(T0.getTime() + 116 * MINUTE)).call('/wxa/msg_sec_check', { content: 'a', version: 2, scene: 3, openid: 'o' })
    expect(wechat.issued).toBe(2)
    expect((await cached()).token).toBe('token-2')
    expect(wechat.calls('/wxa/msg_sec_check').map((request) => request.token)).toEqual(['token-1', 'token-1', 'token-2'])
  })

  it('should let one of many concurrent instances refresh the token while the others wait for it', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => wechatContentChecker(api())(['好心愿'], 'openid-1')))
    expect(results).toEqual(Array(8).fill(true))
    expect(wechat.issued).toBe(1)
    expect(new Set(wechat.calls('/wxa/msg_sec_check').map((request) => request.token))).toEqual(new Set(['token-1']))
  })

  it('should keep using a still-valid token while another instance holds the refresh claim', async () => {
    await api().call('/wxa/msg_sec_check', { content: 'a', version: 2, scene: 3, openid: 'o' })
    const at = new Date(T0.getTime() + 116 * MINUTE)
    await db.collection('wxTokens').doc('wx-test').update({ refreshingUntil: new Date(at.getTime() + 5000) })
    expect(await wechatContentChecker(api(at))(['好心愿'], 'o')).toBe(true)
    expect(wechat.issued).toBe(1)
  })

  it('should answer errcode 40001 (token invalid) with a refresh and exactly one retry', async () => {
    await api().call('/wxa/msg_sec_check', { content: 'a', version: 2, scene: 3, openid: 'o' })
    wechat.invalid.add('token-1')
    expect(await wechatContentChecker(api(new Date(T0.getTime() + 10 * MINUTE)))(['好心愿'], 'o')).toBe(true)
    expect(wechat.issued).toBe(2)
    expect(wechat.calls('/wxa/msg_sec_check').map((request) => request.token)).toEqual(['token-1', 'token-1', 'token-2'])
    expect((await cached()).token).toBe('token-2')

    // A second refusal is not retried again: the check throws rather than pass unchecked text.
    wechat.invalid.add('token-2')
    wechat.invalid.add('token-3')
    await expect(wechatContentChecker(api(new Date(T0.getTime() + 20 * MINUTE)))(['好心愿'], 'o')).rejects.toThrow(/msgSecCheck errcode 40001/)
    expect(wechat.calls('/wxa/msg_sec_check')).toHaveLength(5)
  })

  it('should make the content check throw when WeChat cannot be reached or the appid is refused', async () => {
    wechat.down = true
    await expect(wechatContentChecker(api())(['好心愿'], 'o')).rejects.toThrow(/msgSecCheck failed: .*HTTP 502/)
    wechat.down = false
    const wrongSecret = serverOpenApi({ db, appid: 'wx-test', secret: 'wrong', now: () => T0, baseUrl: wechat.url })
    await expect(wechatContentChecker(wrongSecret)(['好心愿'], 'o')).rejects.toThrow(/stable_token errcode 40125/)
    // The failed refresh released its claim: the next attempt refreshes at once.
    expect((await cached()).refreshingUntil).toBeNull()
    expect(await wechatContentChecker(api())(['好心愿'], 'o')).toBe(true)
  })

  it('should send subscription messages through the same token, mapping 43101 to no_consent and an outage to failed', async () => {
    const reminder = {
      _id: 'r-1',
      reason: 'activity_tomorrow',
      fields: { activity: '义诊', time: '3月12日 09:00', place: '党群服务中心' },
      page: '/packages/activities/pages/detail/index?id=a-1',
    } as unknown as ReminderDoc
    const messenger = wechatMessenger(api(), { templates: templatesFromEnv({ TONGXIN_TEMPLATE_ACTIVITY_TOMORROW: 'tpl-1' }), miniprogramState: 'formal' })
    expect(await messenger.send(reminder, 'openid-1')).toEqual({ status: 'sent' })
    expect(wechat.calls('/cgi-bin/message/subscribe/send')[0]).toMatchObject({ token: 'token-1', body: { touser: 'openid-1', template_id: 'tpl-1', page: 'packages/activities/pages/detail/index?id=a-1' } })
    expect(await messenger.send(reminder, 'refuser')).toEqual({ status: 'no_consent' })
    wechat.down = true
    expect(await messenger.send(reminder, 'openid-1')).toMatchObject({ status: 'failed', error: expect.stringMatching(/HTTP 502/) })
  })

  it('should choose the server API only when both WX_APPID and WX_APPSECRET are set', () => {
    expect(wxOpenApiMode({ WX_APPID: 'wx1', WX_APPSECRET: 's' })).toBe('server')
    expect(wxOpenApiMode({ WX_APPID: 'wx1' })).toBe('cloud')
    expect(wxOpenApiMode({ WX_APPID: ' ', WX_APPSECRET: 's' })).toBe('cloud')
    expect(wxOpenApiMode({})).toBe('cloud')
  })
})
