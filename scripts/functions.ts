import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './paths'

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
  timeout: 10,
  memorySize: 256,
  handler: 'index.main',
  installDependency: true,
} as const

/**
 * WeChat open APIs each function calls. WeChat cloud development reads them
 * from the function's config.json; the build writes one per function.
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
