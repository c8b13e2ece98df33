import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { localContentChecker, wechatContentChecker, wordListChecker, type WxOpenApiCaller } from '../../../cloudfunctions/lib/content'

describe('word-list content checker', () => {
  const check = wordListChecker(['赌博网站', 'SPAM'])

  it('should accept ordinary wishes', async () => {
    expect(await check(['家里的台灯坏了', '想请人帮忙修一修'], null)).toBe(true)
  })

  it.each([['推荐一个赌博网站'], ['赌 博\n网站'], ['this is spam'], ['ok', '第二段有赌博网站']])('should refuse %j', async (...texts) => {
    expect(await check(texts, null)).toBe(false)
  })

  it('should add the words of DATA_DIR/blocked-words.txt to the built-in list, skipping comments and blank lines', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongxin-content-'))
    try {
      writeFileSync(join(dataDir, 'blocked-words.txt'), '# 注释\n\n卖保健品\r\n')
      const local = localContentChecker(dataDir)
      expect(await local(['有人卖保健品'], null)).toBe(false)
      expect(await local(['代开发票'], null)).toBe(false)
      expect(await local(['# 注释'], null)).toBe(true)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('should work without a blocked-words file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongxin-content-'))
    try {
      expect(await localContentChecker(dataDir)(['想要一袋大米'], null)).toBe(true)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('WeChat msgSecCheck checker', () => {
  const fakeApp = (suggest: (content: string) => string) => {
    const calls: Array<{ apiName: string; requestData: unknown }> = []
    const app: WxOpenApiCaller = {
      async callWxOpenApi(options) {
        calls.push(options)
        const content = (options.requestData as { content: string }).content
        return { result: JSON.stringify({ errcode: 0, errmsg: 'ok', result: { suggest: suggest(content), label: 100 } }) }
      },
    }
    return { app, calls }
  }

  it('should send each text as msgSecCheck v2 with the author openid and accept only pass', async () => {
    const { app, calls } = fakeApp((content) => (content.includes('坏') ? 'risky' : 'pass'))
    const check = wechatContentChecker(app)
    expect(await check(['好心愿', ''], 'openid-1')).toBe(true)
    expect(calls).toEqual([{ apiName: '/wxa/msg_sec_check', requestData: { content: '好心愿', version: 2, scene: 3, openid: 'openid-1' } }])
    expect(await check(['好心愿', '坏内容'], 'openid-1')).toBe(false)
  })

  it('should treat review as not acceptable', async () => {
    expect(await wechatContentChecker(fakeApp(() => 'review').app)(['可能有问题'], 'openid-1')).toBe(false)
  })

  it('should throw rather than pass text it could not check', async () => {
    const failing: WxOpenApiCaller = { callWxOpenApi: async () => ({ code: 'SYS_ERR', message: 'down' }) }
    await expect(wechatContentChecker(failing)(['文字'], 'openid-1')).rejects.toThrow(/msgSecCheck failed/)
    const erring: WxOpenApiCaller = { callWxOpenApi: async () => ({ result: { errcode: 61010, errmsg: 'user access timeout' } }) }
    await expect(wechatContentChecker(erring)(['文字'], 'openid-1')).rejects.toThrow(/61010/)
    await expect(wechatContentChecker(erring)(['文字'], null)).rejects.toThrow(/openid/)
  })
})
