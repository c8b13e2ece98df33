import type { Database } from '../db/types'
import type { AnyAction, FunctionDef } from './action'
import type { ApiResponse } from './envelope'
import { invoke } from './invoke'
import { consoleLogger } from './logger'

interface CloudbaseSdk {
  SYMBOL_CURRENT_ENV: symbol
  init(config: { env: symbol; context?: unknown }): { database(): unknown }
  getCloudbaseContext(context?: unknown): Record<string, string | undefined>
}

/**
 * The CloudBase entry of a function: `exports.main = cloudbaseMain(fn)`.
 * The SDK is required lazily so the local server, which imports the same
 * function modules, never loads it.
 */
export function cloudbaseMain(fn: FunctionDef<Record<string, AnyAction>>) {
  return async (event: unknown, context: unknown): Promise<ApiResponse<unknown>> => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tcb = require('@cloudbase/node-sdk') as CloudbaseSdk
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, context })
    // The caller's OPENID comes from the invocation context the platform sets, never from the event.
    const openid = tcb.getCloudbaseContext(context).WX_OPENID || null
    return invoke(fn, withoutPlatformFields(event), { db: app.database() as Database, openid, log: consoleLogger })
  }
}

/** WeChat adds `userInfo` to events from the mini-program; we read identity from the context instead. */
function withoutPlatformFields(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || !('userInfo' in event)) return event
  const { userInfo: _ignored, ...rest } = event as Record<string, unknown>
  return rest
}
