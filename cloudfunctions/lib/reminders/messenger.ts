/**
 * The delivery port: the only place a reminder leaves our database. In
 * production WeChat subscription messages (`subscribeMessage.send`); locally
 * nothing leaves: the outbox collection is what a developer reads.
 */
import { cloudOpenApi, type WxOpenApi, type WxOpenApiCaller } from '../wechat/openapi'
import type { ReminderDoc, ReminderReason } from './model'

export type SendOutcome =
  | { status: 'sent' | 'outbox' | 'skipped' | 'no_consent' }
  /** Worth another try on a later run (network, quota, WeChat busy). */
  | { status: 'failed'; error: string }

export interface Messenger {
  /** `openid` is the recipient's WeChat identity, looked up by the caller. */
  send(reminder: ReminderDoc, openid: string): Promise<SendOutcome>
}

/** Local: keeps the reminder in the outbox (`npm run outbox` prints it). */
export const outboxMessenger: Messenger = {
  async send() {
    return { status: 'outbox' }
  },
}

/**
 * Which template key carries which of our fields, per reason. The keys match
 * the 公共模板库 templates chosen for the deployment (docs/api.md, 订阅消息);
 * a deployment whose template numbers its keys differently overrides them
 * with TONGXIN_TEMPLATE_<REASON>_KEYS="activity:thing1,time:time2".
 */
export const defaultTemplateKeys: Record<ReminderReason, Record<string, string>> = {
  activity_tomorrow: { activity: 'thing1', time: 'time2', place: 'thing3' },
  wish_reviewed: { wish: 'thing1', result: 'phrase2', time: 'time3' },
  wish_claimed: { wish: 'thing1', claimer: 'thing2', time: 'time3' },
  wish_fulfilled: { wish: 'thing1', note: 'thing2', time: 'time3' },
  booking_approved: { venue: 'thing1', time: 'time2', note: 'thing3' },
  redemption_expiring: { item: 'thing1', code: 'character_string2', time: 'time3' },
  party_anniversary: { name: 'thing1', date: 'date2', years: 'thing3' },
  waitlist_promoted: { activity: 'thing1', time: 'time2', place: 'thing3' },
}

export interface TemplateConfig {
  templateId: string
  keys: Record<string, string>
}

/** Reads TONGXIN_TEMPLATE_<REASON> (and optional _KEYS) from the function's environment. */
export function templatesFromEnv(env: Record<string, string | undefined>): Partial<Record<ReminderReason, TemplateConfig>> {
  const templates: Partial<Record<ReminderReason, TemplateConfig>> = {}
  for (const reason of Object.keys(defaultTemplateKeys) as ReminderReason[]) {
    const name = `TONGXIN_TEMPLATE_${reason.toUpperCase()}`
    const templateId = env[name]?.trim()
    if (!templateId) continue
    const override = env[`${name}_KEYS`]?.trim()
    const keys = override
      ? Object.fromEntries(override.split(',').map((pair) => pair.split(':').map((part) => part.trim()) as [string, string]))
      : defaultTemplateKeys[reason]
    templates[reason] = { templateId, keys }
  }
  return templates
}

/** WeChat's per-type value limits; a longer value makes the whole send fail (47003). */
const valueLimits: Array<[prefix: string, max: number]> = [
  ['character_string', 32],
  ['thing', 20],
  ['phrase', 5],
  ['name', 10],
  ['number', 32],
  ['letter', 32],
  ['symbol', 5],
  ['car_number', 8],
  ['phone_number', 17],
]

export function templateValue(key: string, value: string): string {
  const limit = valueLimits.find(([prefix]) => key.startsWith(prefix))?.[1]
  const chars = [...value]
  if (!limit || chars.length <= limit) return value
  return `${chars.slice(0, limit - 1).join('')}…`
}

export function templateData(fields: Record<string, string>, keys: Record<string, string>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const [field, key] of Object.entries(keys)) {
    const value = fields[field]
    if (value) data[key] = { value: templateValue(key, value) }
  }
  return data
}

interface WxSendResult {
  errcode?: number
  errmsg?: string
}

/** The user has not allowed (or has used up) this template: WeChat's answer, not our failure. */
const NO_CONSENT = 43101

export interface WechatMessengerOptions {
  templates: Partial<Record<ReminderReason, TemplateConfig>>
  /** 'developer' | 'trial' | 'formal': which version of the mini-program the message opens. */
  miniprogramState: string
}

/**
 * WeChat `subscribeMessage.send`, through whichever way the deployment calls
 * WeChat (wechat/openapi.ts: 云调用 or the server API; an SDK app is taken as
 * 云调用). Each consent covers one message, so 43101 is an expected outcome:
 * the in-app 我的消息 list still has it. Anything else that goes wrong is a
 * `failed` outcome the outbox retries, never a throw.
 */
export function wechatMessenger(api: WxOpenApi | WxOpenApiCaller, options: WechatMessengerOptions): Messenger {
  const openApi = 'callWxOpenApi' in api ? cloudOpenApi(api) : api
  return {
    async send(reminder, openid) {
      const template = options.templates[reminder.reason]
      if (!template) return { status: 'skipped' }
      try {
        const result = (await openApi.call('/cgi-bin/message/subscribe/send', {
          touser: openid,
          template_id: template.templateId,
          ...(reminder.page ? { page: reminder.page.replace(/^\//, '') } : {}),
          data: templateData(reminder.fields, template.keys),
          miniprogram_state: options.miniprogramState,
          lang: 'zh_CN',
        })) as WxSendResult
        if (result.errcode === 0) return { status: 'sent' }
        if (result.errcode === NO_CONSENT) return { status: 'no_consent' }
        return { status: 'failed', error: `errcode ${result.errcode}: ${result.errmsg ?? ''}` }
      } catch (error) {
        return { status: 'failed', error: error instanceof Error ? error.message : String(error) }
      }
    },
  }
}
