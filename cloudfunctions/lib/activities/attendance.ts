import { assertNotLockedOut, recordFailedAttempt } from '../shared/attempts'
import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import type { Database } from '../db/types'
import { earnIn } from '../points/ledger'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import type { AuditDoc } from '../shared/audit'
import { nameFor } from '../shared/privacy'
import { id } from '../shared/schemas'
import { DB_PARALLEL, mapWithin } from '../shared/parallel'
import { withTransaction } from '../shared/transaction'
import { participationIn, statsIn } from '../stats'
import type { CommunityDoc, UserDoc } from '../users/model'
import { checkinCode, codeFromInput, verifyCheckinCode, type CheckinCode } from './checkin-code'
import {
  CHECKIN_OPENS_BEFORE_MS,
  CHECKOUT_CLOSES_AFTER_MS,
  attendanceConcerns,
  creditFor,
  type AttendanceConcern,
  enrollmentDocId,
  toEnrollmentView,
  type ActivityDoc,
  type AttendanceSource,
  type EnrollmentDoc,
  type EnrollmentStatus,
  type EnrollmentView,
} from './model'
import { activityRef, findEnrollment, isoDate, requireActivity } from './service'

export const attendInput = z
  .object({
    activityId: id,
    /** The 6 digits typed in, or the scanned QR payload `tongxin:checkin:<activityId>:<code>`. */
    code: z.string().trim().min(1).max(200),
  })
  .strict()

export const recordAttendanceInput = z
  .object({
    activityId: id,
    userId: id,
    checkInAt: isoDate,
    checkOutAt: isoDate,
    reason: z.string().trim().min(2).max(200),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!(value.checkInAt instanceof Date) || !(value.checkOutAt instanceof Date)) return
    if (value.checkOutAt.getTime() <= value.checkInAt.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['checkOutAt'], message: '签退时间必须晚于签到时间' })
    }
  })

/** A page of confirmations fits one screen of ticks; larger activities confirm in several. */
export const MAX_CONFIRM_BATCH = 200

export const confirmInput = z
  .object({
    activityId: id,
    userIds: z.array(id).min(1).max(MAX_CONFIRM_BATCH),
    /** The people whose flagged visit (too short, outside the activity's time) staff have looked at and accept. */
    acknowledge: z.array(id).max(MAX_CONFIRM_BATCH).optional(),
  })
  .strict()

const opensAt = (activity: ActivityDoc) => new Date(activity.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS)
const checkoutClosesAt = (activity: ActivityDoc) => new Date(activity.endAt.getTime() + CHECKOUT_CLOSES_AFTER_MS)

function assertNotCancelled(activity: ActivityDoc): void {
  if (activity.status === 'cancelled') throw new AppError('INVALID_STATE', '活动已取消')
}

// ---------------------------------------------------------------- the rotating code

export async function showCheckinCode(_input: z.output<typeof activityRef>, ctx: ActionContext<ActivityDoc>): Promise<CheckinCode> {
  const activity = ctx.target
  const now = ctx.now()
  assertNotCancelled(activity)
  if (now.getTime() > checkoutClosesAt(activity).getTime()) throw new AppError('INVALID_STATE', '活动已结束，签到签退已关闭')
  return checkinCode(ctx.signingKey(), activity._id, now)
}

/** Wrong codes one person may type for one activity in ten minutes. */
const MAX_CODE_FAILURES = 10

/** Checks the code; `lockout` is the lock-out check, started by the caller alongside its other reads. */
async function assertCode(activity: ActivityDoc, given: string, ctx: ActionContext, lockout: Promise<void>): Promise<void> {
  await lockout
  const code = codeFromInput(activity._id, given)
  if (code && verifyCheckinCode(ctx.signingKey(), activity._id, code, ctx.now())) return
  await recordFailedAttempt(ctx.db, attemptsKey(activity, ctx), ctx.now())
  throw new AppError('CODE_INVALID', '签到码无效或已过期，请重新扫码')
}

const attemptsKey = (activity: ActivityDoc, ctx: ActionContext) => `checkin:${enrollmentDocId(activity._id, ctx.caller.user!._id)}`

/**
 * The lock-out check and the caller's enrollment are independent reads: both
 * start at once (one round trip); their answers are still checked in the
 * documented order.
 */
function attendReads(activity: ActivityDoc, ctx: ActionContext) {
  const lockout = assertNotLockedOut(ctx.db, attemptsKey(activity, ctx), ctx.now(), MAX_CODE_FAILURES)
  const enrollment = findEnrollment(ctx.db, enrollmentDocId(activity._id, ctx.caller.user!._id))
  lockout.catch(() => undefined)
  enrollment.catch(() => undefined)
  return { lockout, enrollment }
}

function notEnrolled(): AppError {
  return new AppError('INVALID_STATE', '您没有报名此活动')
}

/**
 * Check-in with the code, from an hour before the start to the end. Checks in
 * order: NOT_FOUND, INVALID_STATE (cancelled), CODE_INVALID, INVALID_STATE
 * (outside the window, not enrolled). Idempotent: a second check-in keeps the
 * first time, so the credited span starts when the person really arrived.
 */
export async function checkIn(input: z.output<typeof attendInput>, ctx: ActionContext<ActivityDoc>): Promise<EnrollmentView> {
  const { db } = ctx
  const now = ctx.now()
  const activity = ctx.target
  assertNotCancelled(activity)
  const reads = attendReads(activity, ctx)
  await assertCode(activity, input.code, ctx, reads.lockout)
  if (now.getTime() < opensAt(activity).getTime()) throw new AppError('INVALID_STATE', '签到尚未开始：活动开始前 1 小时开放签到')
  if (now.getTime() > activity.endAt.getTime()) throw new AppError('INVALID_STATE', '活动已结束，不能签到')

  const enrollmentId = enrollmentDocId(activity._id, ctx.caller.user!._id)
  const enrollment = await reads.enrollment
  if (!enrollment || enrollment.status === 'cancelled') throw notEnrolled()
  if (enrollment.status !== 'enrolled' || enrollment.checkInAt) return toEnrollmentView(enrollment)
  const changes = { checkInAt: now, attendanceSource: 'code' as const, updatedAt: now }
  const written = await db
    .collection<EnrollmentDoc>('enrollments')
    .where({ _id: enrollmentId, status: 'enrolled', checkInAt: null })
    .update(changes)
  if (written.updated === 1) return toEnrollmentView({ ...enrollment, ...changes })
  // A racing tap (or a change) won: the stored check-in is the answer.
  const current = await findEnrollment(db, enrollmentId)
  if (!current || current.status === 'cancelled') throw notEnrolled()
  return toEnrollmentView(current)
}

/**
 * Check-out with the code, after check-in and until two hours after the end.
 * A second check-out replaces the first (the last one counts: someone who
 * checked out early by mistake and stayed can correct it) until staff confirm;
 * after confirmation attendance is frozen.
 */
export async function checkOut(input: z.output<typeof attendInput>, ctx: ActionContext<ActivityDoc>): Promise<EnrollmentView> {
  const { db } = ctx
  const now = ctx.now()
  const activity = ctx.target
  assertNotCancelled(activity)
  const reads = attendReads(activity, ctx)
  await assertCode(activity, input.code, ctx, reads.lockout)
  if (now.getTime() < opensAt(activity).getTime()) throw new AppError('INVALID_STATE', '活动尚未开始')
  if (now.getTime() > checkoutClosesAt(activity).getTime()) throw new AppError('INVALID_STATE', '签退已截止，请联系社区工作人员补录')

  const enrollmentId = enrollmentDocId(activity._id, ctx.caller.user!._id)
  const enrollment = await reads.enrollment
  if (!enrollment || enrollment.status === 'cancelled') throw notEnrolled()
  if (enrollment.status !== 'enrolled') throw new AppError('INVALID_STATE', '考勤已确认，不能再签退')
  if (!enrollment.checkInAt) throw new AppError('INVALID_STATE', '请先签到')
  const written = await db
    .collection<EnrollmentDoc>('enrollments')
    .where({ _id: enrollmentId, status: 'enrolled' })
    .update({ checkOutAt: now, updatedAt: now })
  if (written.updated === 1) return toEnrollmentView({ ...enrollment, checkOutAt: now, updatedAt: now })
  const current = await findEnrollment(db, enrollmentId)
  if (written.updated === 0 && current?.status !== 'enrolled') throw new AppError('INVALID_STATE', '考勤已确认，不能再签退')
  return toEnrollmentView(current!)
}

// ---------------------------------------------------------------- staff: 补录, attendance list, confirmation

/**
 * 补录: staff set a person's check-in and check-out by hand, with a reason,
 * in the same transaction as the audit line, so no hand-made attendance
 * exists without its trail. Staff cannot record their own attendance.
 */
export async function recordAttendance(input: z.output<typeof recordAttendanceInput>, ctx: ActionContext<ActivityDoc>): Promise<EnrollmentView> {
  const { db } = ctx
  const now = ctx.now()
  const actor = ctx.caller.user!
  const activity = ctx.target
  assertNotCancelled(activity)
  if (input.userId === actor._id) throw new AppError('FORBIDDEN', '不能为自己补录考勤，请联系其他工作人员')
  if (input.checkInAt.getTime() < opensAt(activity).getTime() || input.checkOutAt.getTime() > checkoutClosesAt(activity).getTime()) {
    throw new AppError('VALIDATION_FAILED', '提交的内容有误：补录时间须在活动开始前 1 小时至结束后 2 小时之间')
  }
  if (input.checkOutAt.getTime() > now.getTime()) throw new AppError('VALIDATION_FAILED', '提交的内容有误：签退时间不能晚于现在')

  const enrollmentId = enrollmentDocId(activity._id, input.userId)
  return withTransaction(db, async (tx) => {
    const ref = tx.collection<EnrollmentDoc>('enrollments').doc(enrollmentId)
    const enrollment = (await ref.get()).data
    if (!enrollment || enrollment.status === 'cancelled') throw new AppError('INVALID_STATE', '该用户没有报名此活动')
    if (enrollment.status !== 'enrolled') throw new AppError('INVALID_STATE', '考勤已确认，不能再修改')
    const changes = { checkInAt: input.checkInAt, checkOutAt: input.checkOutAt, attendanceSource: 'manual' as const, updatedAt: now }
    const audit: Omit<AuditDoc, '_id'> = {
      kind: 'enrollment.attendance',
      actorId: actor._id,
      targetId: input.userId,
      communityId: activity.communityId,
      detail: {
        activityId: activity._id,
        enrollmentId,
        before: { checkInAt: enrollment.checkInAt, checkOutAt: enrollment.checkOutAt, attendanceSource: enrollment.attendanceSource },
        after: { checkInAt: input.checkInAt, checkOutAt: input.checkOutAt },
      },
      reason: input.reason,
      requestId: ctx.requestId,
      createdAt: now,
    }
    // The change and its audit entry in one round trip: the transaction commits both or neither.
    await Promise.all([ref.update(changes), tx.collection<AuditDoc>('audit').add({ _id: randomUUID().replace(/-/g, ''), ...audit })])
    return toEnrollmentView({ ...enrollment, ...changes })
  })
}

export interface AttendanceRow {
  userId: string
  name: string
  status: EnrollmentStatus
  checkInAt: Date | null
  checkOutAt: Date | null
  attendanceSource: AttendanceSource | null
  hours: number | null
  points: number | null
  /** Why this visit needs a look before it is confirmed; empty when it looks right (or is already decided). */
  concerns: AttendanceConcern[]
}

/** CloudBase returns at most 1000 documents per read. */
const READ_PAGE = 1000
/** Quota is at most 10 000, so this many pages hold every enrollment. */
const MAX_PAGES = 10

async function usersByIds(db: Database, userIds: string[]): Promise<Map<string, UserDoc>> {
  const users = new Map<string, UserDoc>()
  for (let start = 0; start < userIds.length; start += READ_PAGE) {
    const chunk = userIds.slice(start, start + READ_PAGE)
    const found = await db.collection<UserDoc>('users').where({ _id: db.command.in(chunk) }).limit(chunk.length).get()
    for (const user of found.data) users.set(user._id, user)
  }
  return users
}

/** Staff's sheet of everyone signed up (withdrawn sign-ups left out), in sign-up order, with full names. */
export async function attendance(_input: z.output<typeof activityRef>, ctx: ActionContext<ActivityDoc>): Promise<{ items: AttendanceRow[] }> {
  const { db } = ctx
  const activity = ctx.target
  const query = db
    .collection<EnrollmentDoc>('enrollments')
    .where({ activityId: activity._id, status: db.command.in(['enrolled', 'confirmed', 'absent']) })
  const enrollments: EnrollmentDoc[] = []
  for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex += 1) {
    const page = await query
      .orderBy('createdAt', 'asc')
      .skip(pageIndex * READ_PAGE)
      .limit(READ_PAGE)
      .get()
    enrollments.push(...page.data)
    if (page.data.length < READ_PAGE) break
  }
  const users = await usersByIds(db, enrollments.map((enrollment) => enrollment.userId))
  return {
    items: enrollments.map((enrollment) => ({
      userId: enrollment.userId,
      name: nameFor(users.get(enrollment.userId)?.name ?? '', ctx.roles.has('staff') ? 'staff' : 'leader'),
      status: enrollment.status,
      checkInAt: enrollment.checkInAt,
      checkOutAt: enrollment.checkOutAt,
      attendanceSource: enrollment.attendanceSource,
      hours: enrollment.hours,
      points: enrollment.points,
      concerns: enrollment.status === 'enrolled' ? attendanceConcerns(activity, enrollment.checkInAt, enrollment.checkOutAt) : [],
    })),
  }
}

export type ConfirmResult = 'confirmed' | 'already_confirmed' | 'not_enrolled' | 'no_attendance' | 'self' | 'needs_acknowledge'

export interface ConfirmOutcome {
  userId: string
  result: ConfirmResult
  /** Only with `needs_acknowledge`: what staff must look at. */
  concerns?: AttendanceConcern[]
}

/**
 * How long one call starts confirmations: with a transaction's own retry
 * budget (CONFIRM_TRANSACTION_MS) on top, the call answers well inside the
 * function's 10 s timeout at any database latency.
 */
export const CONFIRM_BUDGET_MS = 5_000
const CONFIRM_TRANSACTION_MS = 2_000
/** Confirmations in flight at once: each is its own small transaction on its own person's documents. */
const CONFIRM_PARALLEL = DB_PARALLEL

/**
 * Confirms attendance, ten people at a time: each confirmation is one
 * transaction holding the enrollment's move to `confirmed` and the ledger's
 * earn entry (`earn:enrollment:<enrollmentId>`), so hours and points are
 * credited exactly once however often staff tap, retry, or race each other.
 * Stops starting new ones after CONFIRM_BUDGET_MS and answers the people it
 * did not reach as `remaining`; the client calls again with them (any retry
 * of anyone is safe: a confirmed person answers `already_confirmed`).
 */
export async function confirm(
  input: z.output<typeof confirmInput>,
  ctx: ActionContext,
): Promise<{ results: ConfirmOutcome[]; remaining: string[] }> {
  const activity = await requireActivity(ctx.db, input.activityId)
  assertNotCancelled(activity)
  const userIds = [...new Set(input.userIds)]
  const acknowledged = new Set(input.acknowledge ?? [])
  const community = ctx.community?._id === activity.communityId ? ctx.community : (await ctx.db.collection<CommunityDoc>('communities').doc(activity.communityId).get()).data[0]
  const districtId = community?.districtId ?? null
  const { results, remaining } = await mapWithin(userIds, CONFIRM_PARALLEL, Date.now() + CONFIRM_BUDGET_MS, (userId) =>
    confirmOne(activity, districtId, userId, acknowledged.has(userId), ctx),
  )
  return { results, remaining }
}

async function confirmOne(activity: ActivityDoc, districtId: string | null, userId: string, acknowledged: boolean, ctx: ActionContext): Promise<ConfirmOutcome> {
  const decided = (result: ConfirmResult): ConfirmOutcome => ({ userId, result })
  const actor = ctx.caller.user!
  if (userId === actor._id) return decided('self')
  const enrollmentId = enrollmentDocId(activity._id, userId)
  return withTransaction(ctx.db, async (tx) => {
    const ref = tx.collection<EnrollmentDoc>('enrollments').doc(enrollmentId)
    const enrollment = (await ref.get()).data
    if (!enrollment || enrollment.status === 'cancelled') return decided('not_enrolled')
    if (enrollment.status === 'confirmed') return decided('already_confirmed')
    if (enrollment.status !== 'enrolled' || !enrollment.checkInAt || !enrollment.checkOutAt) return decided('no_attendance')
    // Judged on the attendance read in this transaction, not on what staff's sheet showed earlier.
    const concerns = attendanceConcerns(activity, enrollment.checkInAt, enrollment.checkOutAt)
    if (concerns.length > 0 && !acknowledged) return { userId, result: 'needs_acknowledge', concerns }
    const now = ctx.now()
    const credit = creditFor(activity, enrollment.checkInAt, enrollment.checkOutAt)
    await ref.update({ status: 'confirmed', hours: credit.hours, points: credit.points, confirmedBy: actor._id, confirmedAt: now, updatedAt: now })
    await earnIn(tx, {
      communityId: activity.communityId,
      userId,
      points: credit.points,
      hours: credit.hours,
      refType: 'enrollment',
      refId: enrollmentId,
      actorId: actor._id,
      reason: `参加活动「${activity.title}」`,
      now,
    })
    // The dashboard's roll-ups move in the same transaction as the attendance they count.
    await statsIn(tx, { communityId: activity.communityId, at: now, subject: userId }, { attendances: 1, volunteerCentihours: Math.round(credit.hours * 100) })
    await participationIn(tx, { communityId: activity.communityId, districtId, at: now, userId })
    return decided('confirmed')
  }, { budgetMs: CONFIRM_TRANSACTION_MS })
}
