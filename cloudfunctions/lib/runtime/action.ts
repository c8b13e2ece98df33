import type * as z from 'zod'
import type { Database } from '../db/types'
import type { CommunityDoc, Role } from '../users/model'
import type { Caller } from './caller'
import type { Logger } from './logger'
import type { Messenger } from '../reminders/messenger'
import type { ContentVerdict } from '../content'

/**
 * Who may call an action:
 * - 'anyone': no identity needed (public browsing);
 * - 'signedIn': a platform identity, registered or not (`me`, `register`);
 * - a list of roles: a registered caller holding one of them in the target
 *   community (see `community` below). A district admin holds `staff` in every
 *   community of their district.
 */
export type Access = 'anyone' | 'signedIn' | readonly Role[]

export interface ActionContext<T = unknown> {
  db: Database
  caller: Caller
  /** The community the guard checked, when the action names one (else the caller's own). */
  community: CommunityDoc | null
  /**
   * The record the action's `community` resolver read to find the community
   * (the activity, the wish …), read in parallel with the caller and handed
   * over so the handler does not read it again. It was read outside any
   * transaction: a handler that writes through a transaction still reads it
   * there; one that writes by a conditional update may decide on it.
   * `undefined` when the action has no such resolver.
   */
  target: T
  /** The caller's roles in `community`. */
  roles: ReadonlySet<Role>
  requestId: string
  now(): Date
  log: Logger
  /**
   * The deployment's signing key, for codes that must not be forged (rotating
   * check-in codes, pick-up codes). Throws when the deployment has none, which
   * surfaces as INTERNAL and a logged bug rather than an unsigned code.
   */
  signingKey(): string
  /**
   * Refuses user text the platform's content check does not accept
   * (CONTENT_REJECTED). Call it before anything is written. When the check
   * cannot be reached (WeChat busy, permission missing) it answers
   * 'unchecked' instead of failing: the caller keeps the text and holds it
   * for a human (lib/shared/content-review.ts), so nothing the user wrote is
   * lost and nothing unchecked reaches a public view.
   */
  checkContent(texts: string[]): Promise<ContentVerdict>
}

/**
 * What the guard needs before the handler runs. No caller: a resolver runs
 * in parallel with loading the caller (one round trip on the critical path
 * instead of two).
 */
export interface GuardContext {
  db: Database
}

/** A resolver's answer when it read a record to find the community: the runtime hands `target` to the handler. */
export interface Resolved<T> {
  communityId: string | null | undefined
  target: T
}

export type CommunityResolver<I, T> = (
  input: I,
  ctx: GuardContext,
) => Promise<string | null | undefined | Resolved<T>> | string | null | undefined | Resolved<T>

/** A resolver's answer that carries the record it read. */
export const resolved = <T>(communityId: string | null | undefined, target: T): Resolved<T> => ({ communityId, target })

export interface ActionSpec<S extends z.ZodType, R, T = undefined> {
  input: S
  access: Access
  /**
   * The community whose roles are checked. Defaults to `input.communityId`
   * when the schema has one, else the caller's own community. Actions on an
   * existing record (an activity, a wish) resolve it from the record, so a
   * caller can never pick the community their role is checked in. Such a
   * resolver returns `resolved(communityId, record)`, and the handler gets
   * the record as `ctx.target`.
   */
  community?: CommunityResolver<z.output<S>, T>
  /**
   * A narrower scope inside the community whose scoped grants count too: the
   * record's team, for a 队长 (team_leader). Taken from the record the
   * resolver read, so a caller cannot name a team they lead to act on
   * another's record.
   */
  scope?: (input: z.output<S>, target: T) => string | null | undefined
  handler: (input: z.output<S>, ctx: ActionContext<T>) => Promise<R>
}

export interface Action<I, O, R> {
  readonly input: z.ZodType<O, I>
  readonly access: Access
  // `any`: the record's type is checked where the action is defined (ActionSpec).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly community?: CommunityResolver<O, any>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly scope?: (input: O, target: any) => string | null | undefined
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly handler: (input: O, ctx: ActionContext<any>) => Promise<R>
}

// `any` here only widens the registry type; each action keeps its own precise types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = Action<any, any, any>

export function defineAction<S extends z.ZodType, R, T = undefined>(spec: ActionSpec<S, R, T>): Action<z.input<S>, z.output<S>, R> {
  return spec as unknown as Action<z.input<S>, z.output<S>, R>
}

/** What a timer runs with: the database and the clock, and no caller at all. */
export interface SystemContext {
  db: Database
  now(): Date
  log: Logger
  requestId: string
  /** Where reminders leave the system: WeChat in production, the outbox locally (lib/reminders/messenger). */
  messenger: Messenger
  /**
   * Wall-clock ms (Date.now) by which the tick's jobs stop starting new work,
   * well inside the function's timeout; a job that runs out of it returns
   * `pending` and continues on the next tick. Absent: no limit (scripts, tests).
   */
  deadline?: number
  /** A daily job's progress through today's run (timers.ts keeps it in `jobRuns`); absent outside a daily run. */
  checkpoint?: JobCheckpoint
}

/** Where a daily job got to today: `value` is what it last saved today, null on a fresh day. */
export interface JobCheckpoint {
  value: Record<string, unknown> | null
  save(value: Record<string, unknown>): Promise<void>
}

/**
 * When a job of a function's timer runs, judged at each tick:
 * - 'everyTick': every time the trigger fires (expiring what is overdue);
 * - 'dailyAfter': once per Beijing calendar day, at the first tick at or
 *   after `time` ('HH:mm', Beijing), checkpointed in `jobRuns` so later ticks
 *   that day skip it and a failed run is retried by the next tick.
 */
export type Cadence = { kind: 'everyTick' } | { kind: 'dailyAfter'; time: string }

/** Work no person asks for: expiring what is overdue, the morning's reminders. */
export interface JobSpec {
  cadence: Cadence
  /**
   * Returns counts for the log, e.g. `{ expired: 3 }`. A count `pending` > 0
   * says the job stopped at its deadline with work left: a daily job is then
   * not marked done and the next tick continues from its checkpoint.
   */
  run(ctx: SystemContext): Promise<Record<string, number>>
}

/**
 * A function's one timer trigger (CloudBase allows one trigger per function:
 * "一个函数目前只能配置一个触发器"). It fires on `schedule` and each firing
 * (a tick) runs the jobs whose cadence is due. In CloudBase the trigger is
 * declared in cloudbaserc.json as `tick`; locally `npm start` ticks every minute.
 */
export interface TimerSpec {
  /** CloudBase timer cron: seven fields, seconds first (`0 0 * * * * *` is on the hour). */
  schedule: string
  jobs: Readonly<Record<string, JobSpec>>
}

/** The name of every function's one timer trigger. */
export const TICK_TRIGGER = 'tick'

export interface FunctionDef<A extends Record<string, AnyAction>> {
  readonly name: string
  readonly actions: A
  readonly timer: TimerSpec | null
}

export function defineFunction<A extends Record<string, AnyAction>>(name: string, actions: A, timer: TimerSpec | null = null): FunctionDef<A> {
  return { name, actions, timer }
}
