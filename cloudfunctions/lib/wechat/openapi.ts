/**
 * WeChat open APIs (msgSecCheck, subscribeMessage.send), two ways:
 *
 * - 云调用: CloudBase's `callWxOpenApi`; the platform supplies the access
 *   token, but only for the APIs listed in the function's config.json
 *   (`permissions.openapi`), which WeChat reads when the function is uploaded
 *   from WeChat DevTools. A deploy through the CloudBase API does not set it.
 * - server API: HTTPS to api.weixin.qq.com with our own *stable* access token
 *   (POST /cgi-bin/stable_token with WX_APPID / WX_APPSECRET), cached in the
 *   database so every instance shares one token, refreshed 5 minutes before
 *   it expires by whichever instance claims the refresh first.
 *
 * Both answer WeChat's JSON (`{ errcode, errmsg, … }`) and throw when WeChat
 * could not be reached or answered nothing usable; callers map the rest.
 * Layer 1: it knows the database port and nothing above it.
 */
import { DbErrorCode, isDbError, type Database } from '../db/types'

/** WeChat's answer to an open API call; `errcode` 0 (or absent) is success. */
export interface WxResult {
  errcode?: number
  errmsg?: string
  [key: string]: unknown
}

/** One way to call WeChat: `path` is the HTTPS path (`/wxa/msg_sec_check`), `body` its JSON. */
export interface WxOpenApi {
  readonly mode: WxOpenApiMode
  call(path: string, body: Record<string, unknown>): Promise<WxResult>
}

export type WxOpenApiMode = 'server' | 'cloud'

/** The slice of a `@cloudbase/node-sdk` app that 云调用 needs. */
export interface WxOpenApiCaller {
  callWxOpenApi(options: { apiName: string; requestData: unknown }): Promise<{ result?: unknown; code?: string; message?: string }>
}

/** WX_APPID and WX_APPSECRET both set: the server API; otherwise 云调用. */
export function wxOpenApiMode(env: Record<string, string | undefined>): WxOpenApiMode {
  return env.WX_APPID?.trim() && env.WX_APPSECRET?.trim() ? 'server' : 'cloud'
}

/**
 * 云调用 (node-sdk 3.x sends it as the `wx.api` action with the WeChat path).
 * A platform error (`code`, e.g. no permission) throws.
 */
export function cloudOpenApi(app: WxOpenApiCaller): WxOpenApi {
  return {
    mode: 'cloud',
    async call(path, body) {
      const response = await app.callWxOpenApi({ apiName: path, requestData: body })
      if (response.code) throw new Error(`${response.code} ${response.message ?? ''}`.trim())
      const result = typeof response.result === 'string' ? (JSON.parse(response.result) as unknown) : response.result
      if (typeof result !== 'object' || result === null) throw new Error('empty response')
      return result as WxResult
    },
  }
}

/**
 * The HTTP port: POST a JSON body, answer the parsed JSON. Throws on a
 * network error, a timeout, a non-2xx status or a body that is not JSON.
 * Tests pass the real one pointed at a local fake server (`baseUrl`).
 */
export type HttpPostJson = (url: string, body: unknown) => Promise<unknown>

/** Well inside the function's 10 s timeout, so a slow WeChat surfaces as an error, not a killed function. */
const HTTP_TIMEOUT_MS = 4000

export const fetchPostJson: HttpPostJson = async (url, body) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  })
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered HTTP ${response.status}`)
  return (await response.json()) as unknown
}

export const WECHAT_API_BASE = 'https://api.weixin.qq.com'

/** The cached token, `_id` = appid (collection `wxTokens`). */
export interface WxTokenDoc {
  _id: string
  token: string | null
  /** When WeChat says it expires. */
  expiresAt: Date | null
  /** When we fetch a new one: 5 minutes early (WeChat hands out the next token in that window). */
  refreshAt: Date | null
  /** Bumped by each claim: one conditional update decides which instance refreshes. */
  rev: number
  /** An instance is fetching until then; others keep using a still-valid token, or wait. */
  refreshingUntil: Date | null
  updatedAt: Date
}

/** "invalid credential" / "invalid access_token" / "access_token expired": fetch a new token, try once more. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001])
const REFRESH_EARLY_MS = 5 * 60 * 1000
/** Longer than one stable_token call (HTTP_TIMEOUT_MS) and far shorter than a token's life. */
const REFRESH_LEASE_MS = 10 * 1000
const WAIT_STEP_MS = 100
const WAIT_STEPS = 40

export interface ServerOpenApiOptions {
  db: Database
  appid: string
  secret: string
  now?: () => Date
  http?: HttpPostJson
  baseUrl?: string
  /** How a loser of the refresh claim waits before reading the winner's token again. */
  sleep?: (ms: number) => Promise<void>
}

/** The server API with a stable access token cached in `wxTokens`. */
export function serverOpenApi(options: ServerOpenApiOptions): WxOpenApi {
  const { db, appid, secret } = options
  const now = options.now ?? (() => new Date())
  const http = options.http ?? fetchPostJson
  const baseUrl = options.baseUrl ?? WECHAT_API_BASE
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const tokens = db.collection<WxTokenDoc>('wxTokens')
  /** This invocation's copy: an action checking three texts reads the cache once. */
  let memo: { token: string; refreshAt: number } | null = null

  async function fetchToken(): Promise<{ token: string; expiresInMs: number }> {
    const answer = (await http(`${baseUrl}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid, secret, force_refresh: false })) as {
      access_token?: unknown
      expires_in?: unknown
      errcode?: number
      errmsg?: string
    }
    if (typeof answer?.access_token !== 'string' || typeof answer.expires_in !== 'number') {
      throw new Error(`stable_token errcode ${answer?.errcode ?? '?'}: ${answer?.errmsg ?? 'no token'}`)
    }
    return { token: answer.access_token, expiresInMs: answer.expires_in * 1000 }
  }

  /** Claims the refresh with one conditional write; false when another instance holds it. */
  async function claim(current: WxTokenDoc | undefined, at: Date): Promise<boolean> {
    const refreshingUntil = new Date(at.getTime() + REFRESH_LEASE_MS)
    if (!current) {
      try {
        await tokens.add({ _id: appid, token: null, expiresAt: null, refreshAt: null, rev: 1, refreshingUntil, updatedAt: at })
        return true
      } catch (error) {
        if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) return false
        throw error
      }
    }
    const claimed = await tokens.where({ _id: appid, rev: current.rev }).update({ rev: current.rev + 1, refreshingUntil, updatedAt: at })
    return claimed.updated === 1
  }

  /** A token to use; `rejected` is one WeChat just refused, never handed out again. */
  async function token(rejected: string | null): Promise<string> {
    if (memo && memo.token !== rejected && memo.refreshAt > now().getTime()) return memo.token
    for (let step = 0; step <= WAIT_STEPS; step += 1) {
      const at = now()
      const current = (await tokens.doc(appid).get()).data[0]
      const usable = current?.token && current.token !== rejected && current.expiresAt && current.expiresAt.getTime() > at.getTime()
      const fresh = usable && current.refreshAt && current.refreshAt.getTime() > at.getTime()
      if (fresh) {
        memo = { token: current.token as string, refreshAt: (current.refreshAt as Date).getTime() }
        return memo.token
      }
      const refreshing = current?.refreshingUntil && current.refreshingUntil.getTime() > at.getTime()
      if (!refreshing && (await claim(current, at))) {
        try {
          const fetched = await fetchToken()
          const got = now().getTime()
          // Half the life when WeChat hands out a short one, so a token is never refreshed on every call.
          const refreshAt = got + Math.max(fetched.expiresInMs - REFRESH_EARLY_MS, fetched.expiresInMs / 2)
          await tokens.doc(appid).update({
            token: fetched.token,
            expiresAt: new Date(got + fetched.expiresInMs),
            refreshAt: new Date(refreshAt),
            refreshingUntil: null,
            updatedAt: new Date(got),
          })
          memo = { token: fetched.token, refreshAt }
          return fetched.token
        } catch (error) {
          await tokens.doc(appid).update({ refreshingUntil: null, updatedAt: now() })
          throw error
        }
      }
      // Another instance is refreshing: the old token still works until it expires.
      if (usable) return current.token as string
      await sleep(WAIT_STEP_MS)
    }
    throw new Error('access token: another instance is still refreshing')
  }

  async function post(path: string, body: Record<string, unknown>, accessToken: string): Promise<WxResult> {
    const answer = await http(`${baseUrl}${path}?access_token=${encodeURIComponent(accessToken)}`, body)
    if (typeof answer !== 'object' || answer === null) throw new Error(`${path}: empty response`)
    return answer as WxResult
  }

  return {
    mode: 'server',
    async call(path, body) {
      const first = await token(null)
      const answer = await post(path, body, first)
      if (answer.errcode === undefined || !TOKEN_REJECTED.has(answer.errcode)) return answer
      return post(path, body, await token(first))
    },
  }
}

/** The way this deployment calls WeChat, chosen from its environment. */
export function wxOpenApiFromEnv(env: Record<string, string | undefined>, platform: { db: Database; app: WxOpenApiCaller }): WxOpenApi {
  if (wxOpenApiMode(env) === 'cloud') return cloudOpenApi(platform.app)
  return serverOpenApi({ db: platform.db, appid: env.WX_APPID!.trim(), secret: env.WX_APPSECRET!.trim() })
}
