import { pageOf } from '../shared/paging'
import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import { DbErrorCode, isDbError, type Database } from '../db/types'
import { resolved, type ActionContext, type GuardContext, type Resolved } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { recordAudit } from '../shared/audit'
import { id, instant, paging, text, type Page } from '../shared/schemas'
import {
  activityTypes,
  enrollmentDocId,
  enrollmentStatuses,
  isOver,
  pointsRuleKinds,
  toActivityCard,
  toEnrollmentView,
  type ActivityCard,
  type ActivityDoc,
  type EnrollmentDoc,
  type EnrollmentStatus,
  type EnrollmentView,
  type PointsRule,
  newEnrollment,
} from './model'
import { requireTeamIn } from '../teams/service'
import { freeSeat, myWaitlistEntry, type WaitlistStatus } from './waitlist'

const DAY_MS = 24 * 3600 * 1000
const MAX_ACTIVITY_DAYS = 7

// ---------------------------------------------------------------- records

export async function findActivity(db: Database, activityId: string): Promise<ActivityDoc | null> {
  const found = await db.collection<ActivityDoc>('activities').doc(activityId).get()
  return found.data[0] ?? null
}

export async function requireActivity(db: Database, activityId: string): Promise<ActivityDoc> {
  const activity = await findActivity(db, activityId)
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在或已删除')
  return activity
}

export async function findEnrollment(db: Database, enrollmentId: string): Promise<EnrollmentDoc | null> {
  const found = await db.collection<EnrollmentDoc>('enrollments').doc(enrollmentId).get()
  return found.data[0] ?? null
}

/**
 * The guard's community for any action on an existing activity: the
 * activity's own, never one named in the input. A missing activity is
 * NOT_FOUND before any role is checked (activities are public anyway).
 */
export async function activityCommunity(input: { activityId: string }, { db }: GuardContext): Promise<Resolved<ActivityDoc>> {
  const activity = await requireActivity(db, input.activityId)
  return resolved(activity.communityId, activity)
}

/** The guard's narrower scope: the activity's team, whose 队长 may run it (read from the record the guard already holds). */
export const activityTeam = (_input: { activityId: string }, activity: ActivityDoc): string | null => activity.teamId ?? null

// ---------------------------------------------------------------- schemas

/** ISO 8601 with an offset or Z, on a Beijing day within the shared range; becomes a Date. */
export const isoDate = instant()

/** An uploaded image: a CloudBase file id or an https address. */
const coverUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^(https:\/\/|cloud:\/\/)\S+$/, '请上传封面图片')
  .nullable()

const pointsRule = z
  .object({
    kind: z.enum(pointsRuleKinds),
    points: z.number().int().min(0).max(1000),
  })
  .strict()

const description = z.string().trim().max(2000)

/** The fields staff fill in; shared by publish (all required) and update (any subset). */
const activityFields = {
  type: z.enum(activityTypes),
  title: text(60),
  place: text(100),
  startAt: isoDate,
  endAt: isoDate,
  signupDeadline: isoDate,
  quota: z.number().int().min(1).max(10_000),
  pointsRule,
  maxHours: z.number().positive().max(24),
}

interface Timing {
  startAt: Date
  endAt: Date
  signupDeadline: Date
}

/** The one rule for an activity's times, checked on publish and on every update. */
export function timingProblem({ startAt, endAt, signupDeadline }: Timing): { path: keyof Timing; message: string } | null {
  if (endAt.getTime() <= startAt.getTime()) return { path: 'endAt', message: '结束时间必须晚于开始时间' }
  if (endAt.getTime() - startAt.getTime() > MAX_ACTIVITY_DAYS * DAY_MS) return { path: 'endAt', message: `活动时长不能超过 ${MAX_ACTIVITY_DAYS} 天` }
  if (signupDeadline.getTime() > startAt.getTime()) return { path: 'signupDeadline', message: '报名截止时间不能晚于开始时间' }
  return null
}

export const publishInput = z
  .object({
    communityId: id,
    /** A 服务队 of the community runs it; its 队长 may then show the code, record and confirm attendance. */
    teamId: id.nullable().default(null),
    ...activityFields,
    description: description.default(''),
    coverUrl: coverUrl.default(null),
  })
  .strict()
  .superRefine((value, ctx) => {
    // zod runs this even when a field already failed; the times are Dates only if each parsed.
    if (![value.startAt, value.endAt, value.signupDeadline].every((at) => at instanceof Date)) return
    const problem = timingProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message })
  })

export const updateInput = z
  .object({
    activityId: id,
    type: activityFields.type.optional(),
    title: activityFields.title.optional(),
    place: activityFields.place.optional(),
    startAt: activityFields.startAt.optional(),
    endAt: activityFields.endAt.optional(),
    signupDeadline: activityFields.signupDeadline.optional(),
    quota: activityFields.quota.optional(),
    pointsRule: activityFields.pointsRule.optional(),
    maxHours: activityFields.maxHours.optional(),
    description: description.optional(),
    coverUrl: coverUrl.optional(),
  })
  .strict()

export const activityRef = z.object({ activityId: id }).strict()

export const cancelInput = z
  .object({
    activityId: id,
    reason: z.string().trim().min(2).max(200),
  })
  .strict()

export const listInput = z
  .object({
    communityId: id.optional(),
    type: z.enum(activityTypes).optional(),
    /** upcoming: not yet ended, soonest first; past: ended, latest first; omitted: every published one, latest first. */
    when: z.enum(['upcoming', 'past']).optional(),
    ...paging,
  })
  .strict()

export const mineInput = z
  .object({
    status: z.enum(enrollmentStatuses).optional(),
    ...paging,
  })
  .strict()

// ---------------------------------------------------------------- browsing

/** Activities of a community; anyone may browse. */
export async function listActivities(input: z.output<typeof listInput>, ctx: ActionContext): Promise<Page<ActivityCard>> {
  if (!ctx.community) throw new AppError('VALIDATION_FAILED', '请先选择社区')
  const _ = ctx.db.command
  const now = ctx.now()
  const where: Record<string, unknown> = { communityId: ctx.community._id, status: 'published' }
  let direction: 'asc' | 'desc' = 'desc'
  if (input.when === 'upcoming') {
    where.endAt = _.gt(now)
    direction = 'asc'
  } else if (input.when === 'past') {
    where.status = _.in(['published', 'finished'])
    where.endAt = _.lte(now)
  }
  if (input.type) where.type = input.type
  return pageOf(ctx.db.collection<ActivityDoc>('activities').where(where as never), ['startAt', direction], input, toActivityCard)
}

export interface MyEnrollment {
  status: EnrollmentStatus
  checkInAt: Date | null
  checkOutAt: Date | null
  hours: number | null
  points: number | null
}

export interface ActivityDetail extends ActivityCard {
  communityId: string
  description: string
  signupDeadline: Date
  maxHours: number
  pointsRule: PointsRule
  /** The caller's own sign-up; null when anonymous, unregistered or never signed up. */
  myEnrollment: MyEnrollment | null
  /** The caller's place on the waitlist; null when not in line. */
  myWaitlist: { status: WaitlistStatus; position: number | null } | null
}

export async function detail(_input: z.output<typeof activityRef>, ctx: ActionContext<ActivityDoc>): Promise<ActivityDetail> {
  const activity = ctx.target
  const user = ctx.caller.user
  const [mine, myWaitlist] = user
    ? await Promise.all([findEnrollment(ctx.db, enrollmentDocId(activity._id, user._id)), myWaitlistEntry(ctx.db, activity._id, user._id)])
    : [null, null]
  return {
    ...toActivityCard(activity),
    communityId: activity.communityId,
    description: activity.description,
    signupDeadline: activity.signupDeadline,
    maxHours: activity.maxHours,
    pointsRule: activity.pointsRule,
    myEnrollment: mine
      ? { status: mine.status, checkInAt: mine.checkInAt, checkOutAt: mine.checkOutAt, hours: mine.hours, points: mine.points }
      : null,
    myWaitlist,
  }
}

// ---------------------------------------------------------------- staff: publish, update, cancel

export async function publish(input: z.output<typeof publishInput>, ctx: ActionContext): Promise<ActivityCard> {
  const now = ctx.now()
  if (input.endAt.getTime() <= now.getTime()) throw new AppError('VALIDATION_FAILED', '提交的内容有误：结束时间已过，不能发布')
  if (input.teamId) await requireTeamIn(ctx.db, input.teamId, input.communityId)
  const activity: ActivityDoc = {
    _id: randomUUID().replace(/-/g, ''),
    communityId: input.communityId,
    type: input.type,
    title: input.title,
    description: input.description,
    coverUrl: input.coverUrl,
    place: input.place,
    startAt: input.startAt,
    endAt: input.endAt,
    signupDeadline: input.signupDeadline,
    quota: input.quota,
    enrolledCount: 0,
    teamId: input.teamId,
    waitlistCount: 0,
    pointsRule: input.pointsRule,
    maxHours: input.maxHours,
    status: 'published',
    createdBy: ctx.caller.user!._id,
    createdAt: now,
    updatedAt: now,
  }
  await ctx.db.collection<ActivityDoc>('activities').add(activity)
  return toActivityCard(activity)
}

function assertEditable(activity: ActivityDoc, now: Date): void {
  if (activity.status === 'cancelled') throw new AppError('INVALID_STATE', '活动已取消')
  if (isOver(activity, now)) throw new AppError('INVALID_STATE', '活动已结束')
}

export async function update(input: z.output<typeof updateInput>, ctx: ActionContext<ActivityDoc>): Promise<ActivityCard> {
  const { db } = ctx
  const now = ctx.now()
  const { activityId, ...changes } = input
  if (Object.keys(changes).length === 0) throw new AppError('VALIDATION_FAILED', '提交的内容有误：没有需要修改的内容')
  const activity = ctx.target
  assertEditable(activity, now)
  const problem = timingProblem({ ...activity, ...changes })
  if (problem) throw new AppError('VALIDATION_FAILED', `提交的内容有误：${problem.message}`, { issues: [problem] })
  if (changes.quota !== undefined && changes.quota < activity.enrolledCount) {
    throw new AppError('INVALID_STATE', `已有 ${activity.enrolledCount} 人报名，名额不能少于报名人数`)
  }

  const _ = db.command
  // The quota may only shrink to what is taken at the moment of writing, not at the moment of reading.
  const where: Record<string, unknown> = { _id: activityId, status: 'published' }
  if (changes.quota !== undefined) where.enrolledCount = _.lte(changes.quota)
  const body: Record<string, unknown> = { ...changes, updatedAt: now }
  // A nested object given to update() is merged path by path in CloudBase; set() replaces the rule whole.
  if (changes.pointsRule) body.pointsRule = _.set(changes.pointsRule)
  const result = await db.collection<ActivityDoc>('activities').where(where as never).update(body)
  // Written: the activity is what was read with the changes (the condition held at the write). Missed: read why.
  if (result.updated === 1) return toActivityCard({ ...activity, ...changes, updatedAt: now })
  const current = await requireActivity(db, activityId)
  {
    assertEditable(current, now)
    if (changes.quota !== undefined && changes.quota < current.enrolledCount) {
      throw new AppError('INVALID_STATE', `已有 ${current.enrolledCount} 人报名，名额不能少于报名人数`)
    }
  }
  return toActivityCard(current)
}

/** Cancelling frees every sign-up; nobody is notified yet. */
export async function cancel(input: z.output<typeof cancelInput>, ctx: ActionContext<ActivityDoc>): Promise<{ cancelledEnrollments: number }> {
  const { db } = ctx
  const now = ctx.now()
  const activity = ctx.target
  assertEditable(activity, now)
  const activities = db.collection<ActivityDoc>('activities')
  // The status flips first: from here no sign-up can take a seat (see reserveSeat), so the sweep below misses nobody.
  const flipped = await activities
    .where({ _id: activity._id, status: 'published' })
    .update({ status: 'cancelled', cancelReason: input.reason, cancelledBy: ctx.caller.user!._id, cancelledAt: now, updatedAt: now })
  if (flipped.updated === 0) throw new AppError('INVALID_STATE', '活动已取消')
  const freed = await db
    .collection<EnrollmentDoc>('enrollments')
    .where({ activityId: activity._id, status: 'enrolled' })
    .update({ status: 'cancelled', updatedAt: now })
  // The count and the trail are independent writes: one round trip for both.
  await Promise.all([
    activities.doc(activity._id).update({ enrolledCount: 0 }),
    recordAudit(ctx, {
    kind: 'activity.cancel',
    targetId: activity._id,
    communityId: activity.communityId,
      detail: { cancelledEnrollments: freed.updated },
      reason: input.reason,
    }),
  ])
  return { cancelledEnrollments: freed.updated }
}

// ---------------------------------------------------------------- members: sign up, withdraw, mine

/** How often a sign-up retries when staff change the quota between its read and its write. */
const SEAT_ATTEMPTS = 5

function assertOpenForSignup(activity: ActivityDoc, now: Date): void {
  assertEditable(activity, now)
  if (now.getTime() > activity.signupDeadline.getTime()) throw new AppError('DEADLINE_PASSED', '报名已截止')
}

/**
 * Takes one seat with a conditional increment (`enrolledCount < quota`), so
 * the quota holds however many sign-ups race. The quota read is part of the
 * condition: if staff change it meanwhile, the write misses and is retried
 * against the new quota.
 */
async function reserveSeat(db: Database, activity: ActivityDoc, now: Date): Promise<void> {
  const _ = db.command
  let seen = activity
  for (let attempt = 0; attempt < SEAT_ATTEMPTS; attempt += 1) {
    const taken = await db
      .collection<ActivityDoc>('activities')
      .where({ _id: seen._id, status: 'published', quota: seen.quota, enrolledCount: _.lt(seen.quota) })
      .update({ enrolledCount: _.inc(1) })
    if (taken.updated === 1) return
    seen = await requireActivity(db, seen._id)
    assertOpenForSignup(seen, now)
    if (seen.enrolledCount >= seen.quota) throw new AppError('QUOTA_FULL')
  }
  throw new AppError('CONFLICT')
}

/** Gives a seat back. A cancelled activity already has its count reset to 0, so it is left alone. */
async function releaseSeat(db: Database, activityId: string): Promise<void> {
  await db
    .collection<ActivityDoc>('activities')
    .where({ _id: activityId, status: 'published', enrolledCount: db.command.gt(0) })
    .update({ enrolledCount: db.command.inc(-1) })
}

/**
 * Checks in a fixed order: NOT_FOUND, INVALID_STATE (cancelled or over),
 * DEADLINE_PASSED, ALREADY_EXISTS, QUOTA_FULL.
 *
 * The seat is taken before the enrollment is written: if the function dies in
 * between, a seat stays taken with nobody in it (the count errs high, never
 * past the quota). Two taps by one person may both take a seat for a moment;
 * the natural key lets one enrollment in and the other gives its seat back.
 */
export async function signup(_input: z.output<typeof activityRef>, ctx: ActionContext<ActivityDoc>): Promise<EnrollmentView> {
  const { db } = ctx
  const user = ctx.caller.user!
  const now = ctx.now()
  const activity = ctx.target
  assertOpenForSignup(activity, now)
  const enrollmentId = enrollmentDocId(activity._id, user._id)
  const existing = await findEnrollment(db, enrollmentId)
  if (existing && existing.status !== 'cancelled') throw new AppError('ALREADY_EXISTS', '您已报名此活动')

  try {
    await reserveSeat(db, activity, now)
  } catch (error) {
    // Another tap of this person may hold the last seat for a moment: to them the answer is that they are in.
    if (error instanceof AppError && error.code === 'QUOTA_FULL') {
      const mine = await findEnrollment(db, enrollmentId)
      if (mine && mine.status !== 'cancelled') throw new AppError('ALREADY_EXISTS', '您已报名此活动')
    }
    throw error
  }
  const enrollment = newEnrollment(activity, user._id, now)
  const { _id, ...body } = enrollment
  const enrollments = db.collection<EnrollmentDoc>('enrollments')
  let written: boolean
  try {
    if (existing) {
      // Signing up again after withdrawing reuses the one enrollment, and only from `cancelled`.
      written = (await enrollments.where({ _id, status: 'cancelled' }).update(body)).updated === 1
    } else {
      await enrollments.doc(_id).create(body)
      written = true
    }
  } catch (error) {
    await releaseSeat(db, activity._id)
    if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) throw new AppError('ALREADY_EXISTS', '您已报名此活动')
    throw error
  }
  if (!written) {
    await releaseSeat(db, activity._id)
    throw new AppError('ALREADY_EXISTS', '您已报名此活动')
  }

  // A cancel may have swept the enrollments between our seat and our write; if so, this one is swept here.
  const current = await findActivity(db, activity._id)
  if (current?.status !== 'published') {
    await enrollments.where({ _id, status: 'enrolled' }).update({ status: 'cancelled', updatedAt: ctx.now() })
    throw new AppError('INVALID_STATE', '活动已取消')
  }
  return toEnrollmentView(enrollment)
}

/**
 * A member withdraws before the deadline; a second withdrawal is answered the
 * same. The freed seat goes to the first person on the waitlist (waitlist.ts).
 */
export async function withdraw(_input: z.output<typeof activityRef>, ctx: ActionContext<ActivityDoc>): Promise<{ status: 'cancelled' }> {
  assertOpenForSignup(ctx.target, ctx.now())
  return endSignup(ctx.target, ctx)
}

/**
 * 来不了: the answer to an activity reminder. Unlike a withdrawal it is taken
 * after the sign-up deadline too, until the activity starts, because that is
 * when reminders arrive and when a freed seat still helps someone waiting.
 */
export async function cantCome(_input: z.output<typeof activityRef>, ctx: ActionContext<ActivityDoc>): Promise<{ status: 'cancelled' }> {
  const activity = ctx.target
  assertEditable(activity, ctx.now())
  if (ctx.now().getTime() >= activity.startAt.getTime()) throw new AppError('INVALID_STATE', '活动已开始，请直接联系组织者')
  return endSignup(activity, ctx)
}

async function endSignup(activity: ActivityDoc, ctx: ActionContext<ActivityDoc>): Promise<{ status: 'cancelled' }> {
  const { db } = ctx
  const user = ctx.caller.user!
  const now = ctx.now()
  const enrollmentId = enrollmentDocId(activity._id, user._id)
  const withdrawn = await db
    .collection<EnrollmentDoc>('enrollments')
    .where({ _id: enrollmentId, status: 'enrolled' })
    .update({ status: 'cancelled', updatedAt: now })
  if (withdrawn.updated === 0) {
    const current = await findEnrollment(db, enrollmentId)
    if (current?.status === 'cancelled') return { status: 'cancelled' }
    if (!current) throw new AppError('INVALID_STATE', '您没有报名此活动')
    throw new AppError('INVALID_STATE', '当前报名状态不能取消')
  }
  // Only the caller whose update ended the sign-up frees its seat: once.
  await freeSeat(ctx, activity._id)
  return { status: 'cancelled' }
}

export interface MyActivity {
  activity: ActivityCard
  enrollment: EnrollmentView
}

/** My sign-ups, latest first, with their activities. */
export async function mine(input: z.output<typeof mineInput>, ctx: ActionContext): Promise<Page<MyActivity>> {
  const { db } = ctx
  const user = ctx.caller.user!
  const where: Record<string, unknown> = { userId: user._id }
  if (input.status) where.status = input.status
  const page = await pageOf(db.collection<EnrollmentDoc>('enrollments').where(where as never), ['createdAt', 'desc'], input, (enrollment) => enrollment)
  const activityIds = [...new Set(page.items.map((enrollment) => enrollment.activityId))]
  const activities = activityIds.length
    ? await db.collection<ActivityDoc>('activities').where({ _id: db.command.in(activityIds) }).limit(activityIds.length).get()
    : { data: [] }
  const byId = new Map(activities.data.map((activity) => [activity._id, activity]))
  const items: MyActivity[] = []
  for (const enrollment of page.items) {
    const activity = byId.get(enrollment.activityId)
    if (activity) items.push({ activity: toActivityCard(activity), enrollment: toEnrollmentView(enrollment) })
  }
  return { ...page, items }
}
