/**
 * The content check every user text passes before it is stored (DESIGN §5:
 * nothing unacceptable reaches the wall). In production WeChat's
 * `security.msgSecCheck` v2 decides; locally a word list does, so tests and
 * the demo can exercise a refusal without WeChat.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cloudOpenApi, type WxOpenApi, type WxOpenApiCaller } from '../wechat/openapi'

/**
 * True when every text is acceptable. `openid` is the author's (msgSecCheck v2 needs it).
 * Throws when the check cannot be reached; the runtime then answers 'unchecked'.
 */
export type ContentChecker = (texts: string[], openid: string | null) => Promise<boolean>

/**
 * What an action learns of its texts: 'pass', or 'unchecked' when the checker
 * could not be reached (a refusal is CONTENT_REJECTED, thrown). An action
 * keeps unchecked text and holds it for staff (lib/shared/content-review.ts).
 */
export type ContentVerdict = 'pass' | 'unchecked'

/**
 * While this file exists in DATA_DIR the local checker throws as an
 * unreachable msgSecCheck would, so tests and the demo walk the real
 * pending-review path without WeChat. Read on every call: touch it and remove
 * it on a running server.
 */
export const UNREACHABLE_SWITCH = 'content-check-unreachable'

/** A small list of obviously unacceptable words; deployments extend it with DATA_DIR/blocked-words.txt. */
export const builtinBlockedWords: readonly string[] = ['法轮功', '赌博网站', '代开发票', '枪支弹药', '毒品交易', '色情服务', '裸聊']

/** Compared without spaces and case, so "赌 博网站" is caught as well. */
const normalise = (text: string): string => text.replace(/\s+/g, '').toLowerCase()

export function wordListChecker(words: readonly string[]): ContentChecker {
  const blocked = [...new Set(words.map(normalise).filter((word) => word.length > 0))]
  return async (texts) => {
    const joined = texts.map(normalise)
    return !joined.some((text) => blocked.some((word) => text.includes(word)))
  }
}

/**
 * The local checker: the built-in list plus DATA_DIR/blocked-words.txt (one
 * word a line, # for comments); unreachable while DATA_DIR/content-check-unreachable exists.
 */
export function localContentChecker(dataDir: string): ContentChecker {
  const file = join(dataDir, 'blocked-words.txt')
  const extra = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'))
    : []
  const words = wordListChecker([...builtinBlockedWords, ...extra])
  const unreachable = join(dataDir, UNREACHABLE_SWITCH)
  return async (texts, openid) => {
    if (existsSync(unreachable)) throw new Error(`content check unreachable (${UNREACHABLE_SWITCH} is present in DATA_DIR)`)
    return words(texts, openid)
  }
}

export type { WxOpenApiCaller } from '../wechat/openapi'

interface MsgSecCheckResult {
  errcode?: number
  errmsg?: string
  result?: { suggest?: 'pass' | 'review' | 'risky'; label?: number }
}

/** msgSecCheck v2 scene 3 (论坛): user posts shown to other users. */
const FORUM_SCENE = 3

/**
 * WeChat `security.msgSecCheck` v2, through whichever way the deployment
 * calls WeChat (wechat/openapi.ts: 云调用 or the server API; an SDK app is
 * taken as 云调用). Only `pass` is acceptable: `review` means WeChat is
 * unsure, and a wish wall for neighbours should not guess. When WeChat cannot
 * be reached or answers an error the checker THROWS: it never guesses "pass",
 * and the caller decides what an unchecked text becomes.
 */
export function wechatContentChecker(api: WxOpenApi | WxOpenApiCaller): ContentChecker {
  const openApi = 'callWxOpenApi' in api ? cloudOpenApi(api) : api
  return async (texts, openid) => {
    if (!openid) throw new Error('msgSecCheck v2 needs the author openid')
    for (const content of texts) {
      if (!content.trim()) continue
      let result: MsgSecCheckResult
      try {
        result = (await openApi.call('/wxa/msg_sec_check', { content, version: 2, scene: FORUM_SCENE, openid })) as MsgSecCheckResult
      } catch (error) {
        throw new Error(`msgSecCheck failed: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (result.errcode !== 0) throw new Error(`msgSecCheck errcode ${result.errcode}: ${result.errmsg ?? ''}`)
      if (result.result?.suggest !== 'pass') return false
    }
    return true
  }
}
