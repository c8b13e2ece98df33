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

export interface ActionContext {
  db: Database
  caller: Caller
  /** The community the guard checked, when the action names one (else the caller's own). */
  community: CommunityDoc | null
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

/** What the guard needs before the handler runs. */
export interface GuardContext {
  db: Database
  caller: Caller
}

export interface ActionSpec<S extends z.ZodType, R> {
  input: S
  access: Access
  /**
   * The community whose roles are checked. Defaults to `input.communityId`
   * when the schema has one, else the caller's own community. Actions on an
   * existing record (an activity, a wish) resolve it from the record, so a
   * caller can never pick the community their role is checked in.
   */
  community?: (input: z.output<S>, ctx: GuardContext) => Promise<string | null | undefined> | string | null | undefined
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<R>
}

export interface Action<I, O, R> {
  readonly input: z.ZodType<O, I>
  readonly access: Access
  readonly community?: (input: O, ctx: GuardContext) => Promise<string | null | undefined> | string | null | undefined
  readonly handler: (input: O, ctx: ActionContext) => Promise<R>
}

// `any` here only widens the registry type; each action keeps its own precise types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = Action<any, any, any>

export function defineAction<S extends z.ZodType, R>(spec: ActionSpec<S, R>): Action<z.input<S>, z.output<S>, R> {
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
}

/**
 * Work no person asks for: expiring what is overdue. In CloudBase a timer
 * trigger (declared in cloudbaserc.json from `schedule`) invokes the function
 * with no OPENID; locally `npm start` runs the same timers every minute.
 */
export interface TimerSpec {
  /** CloudBase timer cron: seven fields, seconds first (`0 0 * * * * *` is on the hour). */
  schedule: string
  /** Returns counts for the log, e.g. `{ expired: 3 }`. */
  run(ctx: SystemContext): Promise<Record<string, number>>
}

export interface FunctionDef<A extends Record<string, AnyAction>> {
  readonly name: string
  readonly actions: A
  readonly timers: Readonly<Record<string, TimerSpec>>
}

export function defineFunction<A extends Record<string, AnyAction>>(name: string, actions: A, timers: Record<string, TimerSpec> = {}): FunctionDef<A> {
  return { name, actions, timers }
}
