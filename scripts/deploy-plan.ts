/**
 * What `npm run deploy` would create, and its check against CloudBase's
 * documented limits (`npm run deploy -- --check`: no credentials, no network).
 *
 * Limits, with where they are written down:
 * - one trigger per function, type timer, name ≤ 60 of a-z A-Z 0-9 - _ from a
 *   letter; cron of 7 fields (second minute hour day month week year)
 *   (docs.cloudbase.net cli-v1/functions/trigger-create: "一个函数目前只能配置一个触发器");
 * - function name 2–60 of letters, digits, - and _, from a letter, not ending
 *   in - or _; memory 64 or 128–3072 MB in steps of 128 (SCF CreateFunction,
 *   cloud.tencent.com/document/api/583/18586); timeout 1–60 s (CloudBase
 *   console: "最大值为 60s", cloud.tencent.com/document/product/845/19360);
 *   runtimes Node.js 16.13 / 18.15 / 20.19 (docs.cloudbase.net cloud-function/how-works);
 * - environment variables ≤ 4 KB per function (SCF quotas,
 *   cloud.tencent.com/document/product/583/11637), keys of letters, digits and _;
 * - 50 functions, 100 collections, 20 indexes per collection (basic tier,
 *   developers.weixin.qq.com wxcloud quota). The built-in `_id` index is
 *   counted with the declared ones, to stay on the safe side.
 */
import { schema, type CollectionSpec } from '../cloudfunctions/lib/db/schema'
import { defaultTemplateKeys } from '../cloudfunctions/lib/reminders/messenger'
import { wxOpenApiMode, type WxOpenApiMode } from '../cloudfunctions/lib/wechat/openapi'
import { functionNames, functionSettings, functionTriggers, openapiPermissions } from './functions'

export interface TriggerPlan {
  name: string
  type: string
  config: string
}

export interface FunctionPlan {
  name: string
  runtime: string
  timeout: number
  memorySize: number
  handler: string
  installDependency: boolean
  triggers: TriggerPlan[]
  envVariables: Record<string, string>
  /** The 云调用 permissions its config.json declares. */
  openapi: string[]
  /** How it will call WeChat, given the environment; null when it calls no open API. */
  openApiMode: WxOpenApiMode | null
}

export interface IndexPlan {
  name: string
  keys: Array<[field: string, direction: number]>
  unique: boolean
}

export interface CollectionPlan {
  name: string
  indexes: IndexPlan[]
}

export interface DeployPlan {
  functions: FunctionPlan[]
  collections: CollectionPlan[]
}

export const limits = {
  functions: 50,
  collections: 100,
  /** Per collection, the built-in `_id` index included. */
  indexesPerCollection: 20,
  envBytes: 4096,
  runtimes: ['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19'],
  timeoutSeconds: { min: 1, max: 60 },
  triggersPerFunction: 1,
} as const

/**
 * Realistic stand-ins for what a check without the deployment's secrets
 * cannot see: a 64-hex signing key (`openssl rand -hex 32`), 43-character
 * template ids, an 18-character appid and a 32-character secret. The check
 * then measures every variable deploy could set, at its real length.
 */
const placeholders = {
  TONGXIN_SIGNING_KEY: 'k'.repeat(64),
  TONGXIN_MINIPROGRAM_STATE: 'formal',
  WX_APPID: `wx${'0'.repeat(16)}`,
  WX_APPSECRET: 's'.repeat(32),
  templateId: 't'.repeat(43),
}

/**
 * The variables deploy sets on a function: the signing key on every one; the
 * 订阅消息 templates where subscribeMessage.send is called; the WeChat appid and
 * secret where any open API is called (and only when both are set). With
 * `fill`, what the environment lacks is a placeholder of realistic length.
 */
export function envVariablesFor(name: string, env: Record<string, string | undefined>, fill = false): Record<string, string> {
  const value = (key: string, placeholder: string): string | undefined => env[key]?.trim() || (fill ? placeholder : undefined)
  const variables: Record<string, string | undefined> = { TONGXIN_SIGNING_KEY: value('TONGXIN_SIGNING_KEY', placeholders.TONGXIN_SIGNING_KEY) }
  const openapi = openapiPermissions[name] ?? []
  if (openapi.includes('subscribeMessage.send')) {
    variables.TONGXIN_MINIPROGRAM_STATE = value('TONGXIN_MINIPROGRAM_STATE', placeholders.TONGXIN_MINIPROGRAM_STATE)
    for (const [reason, keys] of Object.entries(defaultTemplateKeys)) {
      const key = `TONGXIN_TEMPLATE_${reason.toUpperCase()}`
      variables[key] = value(key, placeholders.templateId)
      // The placeholder override spells out the default keys: as long as a real one.
      const override = Object.entries(keys).map(([field, templateKey]) => `${field}:${templateKey}`)
      variables[`${key}_KEYS`] = value(`${key}_KEYS`, override.join(','))
    }
  }
  if (openapi.length > 0 && (fill || wxOpenApiMode(env) === 'server')) {
    variables.WX_APPID = value('WX_APPID', placeholders.WX_APPID)
    variables.WX_APPSECRET = value('WX_APPSECRET', placeholders.WX_APPSECRET)
  }
  return Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => Boolean(entry[1])))
}

/** Everything deploy would create from the code and `env`; `fill` as in envVariablesFor. */
export function deployPlan(env: Record<string, string | undefined>, fill = false): DeployPlan {
  return {
    functions: functionNames().map((name) => {
      const openapi = openapiPermissions[name] ?? []
      return {
        name,
        ...functionSettings,
        triggers: functionTriggers(name),
        envVariables: envVariablesFor(name, env, fill),
        openapi,
        openApiMode: openapi.length ? wxOpenApiMode(env) : null,
      }
    }),
    collections: (Object.entries(schema) as Array<[string, CollectionSpec]>).map(([name, spec]) => ({
      name,
      indexes: spec.indexes.map((index) => ({ name: index.name, keys: index.keys.map(([field, direction]) => [field, direction]), unique: index.unique ?? false })),
    })),
  }
}

const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$/
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
const ENV_KEY = /^[A-Za-z][A-Za-z0-9_]*$/

/** Every way `plan` breaks a documented limit, one line each; empty when deploy can succeed. */
export function checkDeployPlan(plan: DeployPlan): string[] {
  const problems: string[] = []
  if (plan.functions.length > limits.functions) problems.push(`${plan.functions.length} functions: the limit is ${limits.functions}`)
  for (const fn of plan.functions) {
    const at = `function ${fn.name}`
    if (!FUNCTION_NAME.test(fn.name)) problems.push(`${at}: a name is 2–60 letters, digits, - or _, starting with a letter and ending with a letter or digit`)
    if (!(limits.runtimes as readonly string[]).includes(fn.runtime)) problems.push(`${at}: runtime ${fn.runtime} is not one of ${limits.runtimes.join(', ')}`)
    if (!Number.isInteger(fn.timeout) || fn.timeout < limits.timeoutSeconds.min || fn.timeout > limits.timeoutSeconds.max) {
      problems.push(`${at}: timeout ${fn.timeout} s is outside ${limits.timeoutSeconds.min}–${limits.timeoutSeconds.max} s`)
    }
    if (!(fn.memorySize === 64 || (Number.isInteger(fn.memorySize) && fn.memorySize >= 128 && fn.memorySize <= 3072 && fn.memorySize % 128 === 0))) {
      problems.push(`${at}: memory ${fn.memorySize} MB is not 64 or a multiple of 128 up to 3072`)
    }
    if (fn.handler !== 'index.main') problems.push(`${at}: handler ${fn.handler} is not index.main (the bundle exports main)`)
    if (fn.triggers.length > limits.triggersPerFunction) {
      problems.push(`${at}: ${fn.triggers.length} triggers (${fn.triggers.map((trigger) => trigger.name).join(', ')}); CloudBase allows one per function: merge them into one tick`)
    }
    for (const trigger of fn.triggers) {
      if (trigger.type !== 'timer') problems.push(`${at}: trigger ${trigger.name} is of type ${trigger.type}; only timer triggers exist`)
      if (!TRIGGER_NAME.test(trigger.name)) problems.push(`${at}: trigger name ${JSON.stringify(trigger.name)} is not ≤ 60 letters, digits, - or _ starting with a letter`)
      const cron = cronProblem(trigger.config)
      if (cron) problems.push(`${at}: trigger ${trigger.name} cron ${JSON.stringify(trigger.config)}: ${cron}`)
    }
    for (const key of Object.keys(fn.envVariables)) if (!ENV_KEY.test(key)) problems.push(`${at}: environment variable name ${JSON.stringify(key)} is not letters, digits and _ from a letter`)
    const bytes = envBytes(fn.envVariables)
    if (bytes > limits.envBytes) problems.push(`${at}: environment variables take ${bytes} bytes; the limit is ${limits.envBytes}`)
  }

  if (plan.collections.length > limits.collections) problems.push(`${plan.collections.length} collections: the limit is ${limits.collections}`)
  for (const collection of plan.collections) {
    const at = `collection ${collection.name}`
    if (collection.indexes.length + 1 > limits.indexesPerCollection) {
      problems.push(`${at}: ${collection.indexes.length} indexes and _id make ${collection.indexes.length + 1}; the limit is ${limits.indexesPerCollection}`)
    }
    const names = new Set<string>()
    const specs = new Map<string, string>()
    for (const index of collection.indexes) {
      if (names.has(index.name)) problems.push(`${at}: two indexes are named ${index.name}`)
      names.add(index.name)
      if (index.keys.length === 0) problems.push(`${at}: index ${index.name} has no keys`)
      for (const [field, direction] of index.keys) if (direction !== 1 && direction !== -1) problems.push(`${at}: index ${index.name} key ${field} has direction ${direction}, not 1 or -1`)
      const keys = keyPattern(index.keys)
      // Two indexes on one key pattern cannot coexist: the database keeps one and refuses the other.
      const twin = specs.get(keys)
      if (twin) problems.push(`${at}: indexes ${twin} and ${index.name} have the same keys ${keys}`)
      else specs.set(keys, index.name)
    }
  }
  return problems
}

export function envBytes(variables: Record<string, string>): number {
  return Object.entries(variables).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0)
}

const keyPattern = (keys: Array<[string, number | string]>): string => keys.map(([field, direction]) => `${field}:${direction}`).join(',')

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const weekdays = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']
const cronFields: Array<{ name: string; min: number; max: number; names?: string[]; namesFrom?: number }> = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: months, namesFrom: 1 },
  { name: 'week', min: 0, max: 6, names: weekdays, namesFrom: 0 },
  { name: 'year', min: 1970, max: 2099 },
]

/** Why `cron` is not a CloudBase timer cron (7 fields; `,` `-` `*` `/`), or null when it is. */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/)
  if (fields.length !== cronFields.length) return `has ${fields.length} fields; CloudBase needs 7 (second minute hour day month week year)`
  for (const [position, field] of fields.entries()) {
    const spec = cronFields[position]
    const value = (text: string): number | null => {
      const named = spec.names?.indexOf(text.toUpperCase()) ?? -1
      if (named >= 0) return named + (spec.namesFrom ?? 0)
      if (!/^\d+$/.test(text)) return null
      const number = Number(text)
      return number >= spec.min && number <= spec.max ? number : null
    }
    for (const item of field.split(',')) {
      const [range, step, extra] = item.split('/')
      if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return `${spec.name} ${JSON.stringify(item)} has a bad step`
      if (range === '*') continue
      const [from, to, beyond] = range.split('-')
      const start = value(from)
      const end = to === undefined ? start : value(to)
      if (beyond !== undefined || start === null || end === null || end < start) return `${spec.name} ${JSON.stringify(item)} is not within ${spec.min}–${spec.max}`
    }
  }
  return null
}

/** The plan, for people: functions with trigger, memory, timeout, env size and WeChat mode; collections with indexes. */
export function describePlan(plan: DeployPlan): string {
  const lines: string[] = [`functions (${plan.functions.length}):`]
  for (const fn of plan.functions) {
    const trigger = fn.triggers.map((item) => `${item.name} "${item.config}"`).join(' + ') || 'no trigger'
    const wechat =
      fn.openApiMode === null
        ? ''
        : fn.openApiMode === 'server'
          ? `  WeChat ${fn.openapi.join(', ')}: server API (stable token from WX_APPID / WX_APPSECRET)`
          : `  WeChat ${fn.openapi.join(', ')}: 云调用 (upload from WeChat DevTools so config.json's permissions apply)`
    lines.push(`  ${fn.name.padEnd(14)} ${fn.runtime} ${fn.memorySize} MB ${fn.timeout} s  ${trigger}  env ${Object.keys(fn.envVariables).length} vars ${envBytes(fn.envVariables)} B${wechat}`)
  }
  lines.push(`collections (${plan.collections.length}, all ADMINONLY):`)
  for (const collection of plan.collections) {
    lines.push(`  ${collection.name.padEnd(16)} ${collection.indexes.length} indexes${collection.indexes.length ? `: ${collection.indexes.map((index) => `${index.name}${index.unique ? ' (unique)' : ''}`).join(', ')}` : ''}`)
  }
  return lines.join('\n')
}

/** An index as CloudBase describes it (DescribeTable → Indexes). */
export interface ExistingIndex {
  Name: string
  Keys?: Array<{ Name?: string; Direction?: string }>
  Unique?: boolean
}

export interface IndexChanges {
  create: IndexPlan[]
  /** Same name, different keys, directions or uniqueness: dropped and created again. */
  recreate: IndexPlan[]
  unchanged: string[]
  /** In CloudBase but not declared (made in the console?): reported, never dropped. */
  undeclared: string[]
}

/** Compares declared indexes with CloudBase's by spec (keys, directions, uniqueness), not by name only. */
export function indexChanges(declared: IndexPlan[], existing: ExistingIndex[]): IndexChanges {
  const spec = (keys: Array<[string, number | string]>, unique: boolean) => `${keyPattern(keys)}${unique ? ' unique' : ''}`
  const existingSpec = (index: ExistingIndex) =>
    spec(
      (index.Keys ?? []).map((key) => [key.Name ?? '', key.Direction ?? '']),
      index.Unique ?? false,
    )
  const byName = new Map(existing.map((index) => [index.Name, index]))
  const changes: IndexChanges = { create: [], recreate: [], unchanged: [], undeclared: [] }
  for (const index of declared) {
    const current = byName.get(index.name)
    const wanted = spec(index.keys, index.unique)
    if (!current) changes.create.push(index)
    else if (existingSpec(current) === wanted) changes.unchanged.push(index.name)
    else changes.recreate.push(index)
  }
  const declaredNames = new Set(declared.map((index) => index.name))
  changes.undeclared = existing.map((index) => index.Name).filter((name) => name !== '_id_' && !declaredNames.has(name))
  return changes
}
