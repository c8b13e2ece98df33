import { wechatContentChecker, type ContentChecker } from '../content'
import type { Database } from '../db/types'
import { templatesFromEnv, wechatMessenger, type Messenger } from '../reminders/messenger'
import type { AnyAction, FunctionDef } from './action'
import type { ApiResponse } from './envelope'
import { toErrorBody } from './errors'
import { invoke } from './invoke'
import { consoleLogger } from './logger'
import { isTimerEvent, runTimerEvent } from './timers'
import { wxOpenApiFromEnv, type WxOpenApiCaller } from '../wechat/openapi'

interface CloudbaseSdk {
  SYMBOL_CURRENT_ENV: symbol
  init(config: { env: symbol; context?: unknown }): { database(): unknown } & WxOpenApiCaller
  getCloudbaseContext(context?: unknown): Record<string, string | undefined>
}

/**
 * The CloudBase entry of a function: `exports.main = cloudbaseMain(fn)`.
 * The SDK is required lazily so the local server, which imports the same
 * function modules, never loads it.
 */
export function cloudbaseMain(fn: FunctionDef<Record<string, AnyAction>>) {
  return async (event: unknown, context: unknown): Promise<ApiResponse<unknown>> => {
    let platform: { db: Database; openid: string | null; contentCheck: ContentChecker; messenger: Messenger }
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tcb = require('@cloudbase/node-sdk') as CloudbaseSdk
      const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, context })
      const db = app.database() as Database
      // WX_APPID + WX_APPSECRET: the server API with a stable token; otherwise 云调用 (README「部署到云开发」).
      const openApi = wxOpenApiFromEnv(process.env, { db, app })
      // The caller's OPENID comes from the invocation context the platform sets, never from the event.
      platform = {
        db,
        openid: tcb.getCloudbaseContext(context).WX_OPENID || null,
        contentCheck: wechatContentChecker(openApi),
        messenger: wechatMessenger(openApi, { templates: templatesFromEnv(process.env), miniprogramState: process.env.TONGXIN_MINIPROGRAM_STATE || 'formal' }),
      }
    } catch (error) {
      consoleLogger.error('platform', { fn: fn.name, message: error instanceof Error ? error.message : String(error) })
      return { ok: false, error: toErrorBody(error) }
    }
    // A timer trigger carries no OPENID; it runs the function's own tick (or, from the console, one job), never an action.
    if (isTimerEvent(event)) return runTimerEvent(fn, event, { db: platform.db, log: consoleLogger, messenger: platform.messenger })
    return invoke(fn, withoutPlatformFields(event), { ...platform, log: consoleLogger, signingKey: process.env.TONGXIN_SIGNING_KEY || null })
  }
}

/** WeChat adds `userInfo` to events from the mini-program; we read identity from the context instead. */
function withoutPlatformFields(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || !('userInfo' in event)) return event
  const { userInfo: _ignored, ...rest } = event as Record<string, unknown>
  return rest
}
