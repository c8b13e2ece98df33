import { randomUUID } from 'node:crypto'
import { DbErrorCode, isDbError } from '../db/types'
import type { Database } from '../db/types'
import { chinaDate, chinaTime } from '../shared/china-time'
import type { CommunityDoc } from '../users/model'
import { TICK_TRIGGER, type AnyAction, type Cadence, type FunctionDef, type JobCheckpoint, type JobSpec, type SystemContext } from './action'
import type { ApiResponse } from './envelope'
import { toErrorBody, type ErrorBody } from './errors'
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

/** Runs every tick. */
export const everyTick: Cadence = { kind: 'everyTick' }

/** Runs once per Beijing calendar day, at the first tick at or after `time` ('HH:mm', Beijing). */
export function dailyAfter(time: string): Cadence {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new Error(`dailyAfter needs 'HH:mm', got ${time}`)
  return { kind: 'dailyAfter', time }
}

export interface TimerPlatform {
  db: Database
  log: Logger
  now?: () => Date
  messenger?: Messenger
  /** The tick's budget (default TICK_BUDGET_MS); tests shrink it to watch a job stop and resume. */
  budgetMs?: number
}

/**
 * The checkpoint of a daily job, `_id` `<function>:<job>`. `day` is the
 * Beijing date it last completed; `rev` is bumped by every claim, so two
 * overlapping ticks (a slow run, a platform retry, the console's test event)
 * cannot both claim one day; `leaseUntil` lets a claim that died with its
 * instance (the function timeout) be taken over by a later tick.
 */
export interface JobRunDoc {
  _id: string
  fn: string
  job: string
  day: string | null
  rev: number
  leaseUntil: Date | null
  lastRunAt: Date | null
  lastError: string | null
  /** How far an unfinished run of `progress.day` got (the job's own cursor); cleared when the day completes. */
  progress?: { day: string; value: Record<string, unknown> } | null
  updatedAt: Date
}

/** Longer than the function timeout (10 s): a live run is never taken over; a dead one is by the next tick. */
const LEASE_MS = 2 * 60 * 1000

/**
 * The share of the function's 10 s timeout a tick's jobs may spend starting
 * work; the rest is for what is in flight to settle, the checkpoint to be
 * written and the answer to go out.
 */
export const TICK_BUDGET_MS = 7_000

export type JobOutcome =
  | { status: 'ran'; counts: Record<string, number> }
  | { status: 'skipped'; reason: 'not_yet' | 'done_today' | 'claimed' }
  | { status: 'failed'; error: ErrorBody }

/**
 * One firing of a function's timer trigger: runs each job whose cadence is
 * due, in declaration order; a failing job is logged as a bug and does not
 * stop the others. Answers `ok: false` when any job failed (the log has it).
 */
export async function runTick(fn: FunctionDef<Record<string, AnyAction>>, platform: TimerPlatform): Promise<ApiResponse<Record<string, JobOutcome>>> {
  const requestId = `tick-${randomUUID()}`
  const now = platform.now ?? (() => new Date())
  const report: Record<string, JobOutcome> = {}
  const deadline = Date.now() + (platform.budgetMs ?? TICK_BUDGET_MS)
  for (const [name, job] of Object.entries(fn.timer?.jobs ?? {})) {
    const ctx = { ...systemContext(platform, now, requestId), deadline }
    report[name] = job.cadence.kind === 'everyTick' ? await runLogged(fn, name, job, ctx) : await runDaily(fn, name, job, job.cadence.time, ctx)
  }
  const failed = Object.values(report).find((outcome): outcome is Extract<JobOutcome, { status: 'failed' }> => outcome.status === 'failed')
  return failed ? { ok: false, error: { ...failed.error, details: report } } : { ok: true, data: report }
}

/**
 * Runs one job now, whatever its cadence and checkpoint: tests, and a test
 * event `{ Type: 'Timer', TriggerName: '<job>' }` from the CloudBase console.
 * A failure is logged with its id and answered without a stack.
 */
export async function runTimer(fn: FunctionDef<Record<string, AnyAction>>, name: string, platform: TimerPlatform): Promise<ApiResponse<Record<string, number>>> {
  const job = fn.timer && Object.hasOwn(fn.timer.jobs, name) ? fn.timer.jobs[name] : undefined
  if (!job) return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `没有这个定时任务：${name}` } }
  const outcome = await runLogged(fn, name, job, systemContext(platform, platform.now ?? (() => new Date()), `timer-${randomUUID()}`))
  return outcome.status === 'ran' ? { ok: true, data: outcome.counts } : { ok: false, error: (outcome as Extract<JobOutcome, { status: 'failed' }>).error }
}

/** What CloudBase's timer event asks for: the tick, or (from the console) one job by name. */
export function runTimerEvent(fn: FunctionDef<Record<string, AnyAction>>, event: TimerEvent, platform: TimerPlatform): Promise<ApiResponse<unknown>> {
  return event.TriggerName === TICK_TRIGGER ? runTick(fn, platform) : runTimer(fn, event.TriggerName, platform)
}

function systemContext(platform: TimerPlatform, now: () => Date, requestId: string): SystemContext {
  return { db: platform.db, now, log: platform.log, requestId, messenger: platform.messenger ?? outboxMessenger }
}

async function runLogged(fn: FunctionDef<Record<string, AnyAction>>, name: string, job: JobSpec, ctx: SystemContext): Promise<Extract<JobOutcome, { status: 'ran' | 'failed' }>> {
  const started = Date.now()
  try {
    const counts = await job.run(ctx)
    ctx.log.info('timer', { fn: fn.name, timer: name, requestId: ctx.requestId, ms: Date.now() - started, ...counts })
    return { status: 'ran', counts }
  } catch (error) {
    ctx.log.error('bug', { fn: fn.name, timer: name, requestId: ctx.requestId, error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) })
    return { status: 'failed', error: toErrorBody(error) }
  }
}

async function runDaily(fn: FunctionDef<Record<string, AnyAction>>, name: string, job: JobSpec, after: string, ctx: SystemContext): Promise<JobOutcome> {
  const at = ctx.now()
  if (chinaTime(at) < after) return { status: 'skipped', reason: 'not_yet' }
  const today = chinaDate(at)
  const runs = ctx.db.collection<JobRunDoc>('jobRuns')
  const id = `${fn.name}:${name}`
  const current = (await runs.doc(id).get()).data[0]
  if (current?.day === today) return { status: 'skipped', reason: 'done_today' }
  if (current?.leaseUntil && current.leaseUntil.getTime() > at.getTime()) return { status: 'skipped', reason: 'claimed' }

  const leaseUntil = new Date(at.getTime() + LEASE_MS)
  if (!current) {
    try {
      await runs.add({ _id: id, fn: fn.name, job: name, day: null, rev: 1, leaseUntil, lastRunAt: null, lastError: null, updatedAt: at })
    } catch (error) {
      if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) return { status: 'skipped', reason: 'claimed' }
      throw error
    }
  } else {
    const claimed = await runs.where({ _id: id, rev: current.rev }).update({ rev: current.rev + 1, leaseUntil, updatedAt: at })
    if (claimed.updated === 0) return { status: 'skipped', reason: 'claimed' }
  }

  const checkpoint: JobCheckpoint = {
    value: current?.progress?.day === today ? current.progress.value : null,
    async save(value) {
      checkpoint.value = value
      // set(): replace the whole progress, or CloudBase would merge the old cursor's paths into the new one.
      await runs.doc(id).update({ progress: ctx.db.command.set({ day: today, value }), updatedAt: at })
    },
  }
  const outcome = await runLogged(fn, name, job, { ...ctx, checkpoint })
  // Completing records the day; stopping at the deadline or failing only releases the claim, so the next tick goes on.
  const finished = outcome.status === 'ran' && !(outcome.counts.pending > 0)
  await runs.doc(id).update(
    finished
      ? { day: today, leaseUntil: null, lastRunAt: at, lastError: null, progress: null, updatedAt: at }
      : outcome.status === 'ran'
        ? { leaseUntil: null, lastRunAt: at, lastError: null, updatedAt: at }
        : { leaseUntil: null, lastError: `${outcome.error.code} (requestId ${ctx.requestId})`, updatedAt: at },
  )
  return outcome
}

/** A 街道 has a handful of communities and a city a few hundred: one page of them. */
const MAX_COMMUNITIES = 1000

export async function allCommunityIds(db: Database): Promise<string[]> {
  const communities = await db.collection<CommunityDoc>('communities').field({ _id: true }).limit(MAX_COMMUNITIES).get()
  return communities.data.map((community) => community._id)
}
