import { randomUUID } from 'node:crypto'
import type { Database } from '../db/types'
import type { CommunityDoc } from '../users/model'
import type { AnyAction, FunctionDef } from './action'
import type { ApiResponse } from './envelope'
import { toErrorBody } from './errors'
import type { Logger } from './logger'
import { outboxMessenger, type Messenger } from '../reminders/messenger'

/** The event a CloudBase timer trigger sends: `{ Type: 'Timer', TriggerName, Time, Message }`. */
export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
}

export function isTimerEvent(event: unknown): event is TimerEvent {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && typeof (event as { TriggerName?: unknown }).TriggerName === 'string'
}

/** Runs one of a function's timers; a failure is logged with its id and answered without a stack. */
export async function runTimer(
  fn: FunctionDef<Record<string, AnyAction>>,
  name: string,
  platform: { db: Database; log: Logger; now?: () => Date; messenger?: Messenger },
): Promise<ApiResponse<Record<string, number>>> {
  const requestId = `timer-${randomUUID()}`
  const timer = Object.hasOwn(fn.timers, name) ? fn.timers[name] : undefined
  if (!timer) return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `没有这个定时任务：${name}` } }
  const started = Date.now()
  try {
    const counts = await timer.run({ db: platform.db, now: platform.now ?? (() => new Date()), log: platform.log, requestId, messenger: platform.messenger ?? outboxMessenger })
    platform.log.info('timer', { fn: fn.name, timer: name, requestId, ms: Date.now() - started, ...counts })
    return { ok: true, data: counts }
  } catch (error) {
    platform.log.error('bug', { fn: fn.name, timer: name, requestId, error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) })
    return { ok: false, error: toErrorBody(error) }
  }
}

/** A 街道 has a handful of communities and a city a few hundred: one page of them. */
const MAX_COMMUNITIES = 1000

export async function allCommunityIds(db: Database): Promise<string[]> {
  const communities = await db.collection<CommunityDoc>('communities').field({ _id: true }).limit(MAX_COMMUNITIES).get()
  return communities.data.map((community) => community._id)
}
