import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { functions } from '../cloudfunctions/registry'
import { TICK_TRIGGER } from '../cloudfunctions/lib/runtime/action'
import { root } from './paths'
import { FUNCTION_TIMEOUT_SECONDS } from '../cloudfunctions/lib/runtime/limits'

/** Deployable functions: every folder of cloudfunctions/ with an index.ts, except the shared lib. */
export function functionNames(): string[] {
  const dir = join(root, 'cloudfunctions')
  return readdirSync(dir)
    .filter((name) => name !== 'lib' && statSync(join(dir, name)).isDirectory())
    .filter((name) => {
      try {
        return statSync(join(dir, name, 'index.ts')).isFile()
      } catch {
        return false
      }
    })
    .sort()
}

/** CloudBase settings per function; every function is a short request/response today. */
export const functionSettings = {
  runtime: 'Nodejs20.19',
  timeout: FUNCTION_TIMEOUT_SECONDS,
  memorySize: 256,
  handler: 'index.main',
  installDependency: true,
} as const

/**
 * WeChat open APIs each function calls (security.msgSecCheck for the user
 * text it stores, subscribeMessage.send for reminders). For 云调用 WeChat reads
 * them from the function's config.json, which the build writes, and only
 * when the function is uploaded from WeChat DevTools; with WX_APPID /
 * WX_APPSECRET set the functions use the server API instead (README).
 */
export const openapiPermissions: Record<string, string[]> = {
  wishes: ['security.msgSecCheck'],
  venues: ['security.msgSecCheck'],
  units: ['security.msgSecCheck'],
  reminders: ['subscribeMessage.send'],
  suggestions: ['security.msgSecCheck'],
  members: ['security.msgSecCheck'],
  announcements: ['security.msgSecCheck'],
}

/** A function's one timer trigger, as cloudbaserc.json, config.json and manager-node spell it. */
export function functionTriggers(name: string): Array<{ name: string; type: 'timer'; config: string }> {
  const timer = functions[name]?.timer
  return timer ? [{ name: TICK_TRIGGER, type: 'timer', config: timer.schedule }] : []
}
