/**
 * 候补 (waitlist): when an activity is full, members wait in line for a seat.
 *
 * A freed seat goes to the first person waiting, exactly once, however many
 * withdrawals, sign-ups and joins race. Under CloudBase's snapshot isolation
 * only write-write conflicts abort, so every step that depends on the seat
 * count or on who waits WRITES the activity document (its `enrolledCount` or
 * `waitlistCount`) and the waitlist entry it decides on:
 * - a hand-over (withdrawal with people waiting) writes the entry
 *   (waiting → promoted), the activity (waitlistCount − 1) and the enrollment
 *   in one transaction: two withdrawals racing for the same first-in-line
 *   both write that entry, so one of them retries and takes the next;
 * - a join writes the activity (waitlistCount + 1) in the transaction that
 *   checks it is full, so a release that saw nobody waiting and a join that
 *   saw no free seat cannot both commit;
 * - a plain release (nobody waiting) is one conditional update that requires
 *   `waitlistCount` to be 0 at the moment of writing.
 * A seat freed while people wait is handed over, never released, so a fresh
 * sign-up cannot take it ahead of the line.
 */
import * as z from 'zod'
import type { Database } from '../db/types'
import { queueReminder } from '../reminders'
import { beijingTime } from '../reminders/model'
import { reminderPages } from '../reminders/service'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { nameFor } from '../shared/privacy'
import { id } from '../shared/schemas'
import { withTransaction } from '../shared/transaction'
import type { UserDoc } from '../users/model'
import { enrollmentDocId, isOver, newEnrollment, type ActivityDoc, type EnrollmentDoc } from './model'

export const waitlistStatuses = ['waiting', 'promoted', 'left'] as const
export type WaitlistStatus = (typeof waitlistStatuses)[number]

/** One person in line for one activity: `_id` is `<activityId>:<userId>`; joining again reuses it. */
export interface WaitlistDoc {
  _id: string
  activityId: string
  communityId: string
  userId: string
  status: WaitlistStatus
  joinedAt: Date
  promotedAt: Date | null
  updatedAt: Date
}

export const waitlistRef = z.object({ activityId: id }).strict()

/** A line longer than this is not a waitlist but a second activity. */
export const MAX_WAITLIST = 200

// ---------------------------------------------------------------- join, leave

/**
 * Checks in order: NOT_FOUND, INVALID_STATE (cancelled or over),
 * ALREADY_EXISTS (signed up or already waiting), INVALID_STATE (seats free:
 * sign up instead), QUOTA_FULL (the line itself is full).
 */
export async function joinWaitlist(input: z.output<typeof waitlistRef>, ctx: ActionContext): Promise<{ status: 'waiting'; position: number }> {
  const { db } = ctx
  const user = ctx.caller.user!
  const now = ctx.now()
  const entryId = enrollmentDocId(input.activityId, user._id)
  const position = await withTransaction(db, async (tx) => {
    // Read inside the transaction (not the guard's copy): the decision rests on the counts as of its start.
    const activityRef = tx.collection<ActivityDoc>('activities').doc(input.activityId)
    const entryRef = tx.collection<WaitlistDoc>('waitlist').doc(entryId)
    const [activity, enrollment, entry] = await Promise.all([
      activityRef.get().then((found) => found.data),
      tx.collection<EnrollmentDoc>('enrollments').doc(entryId).get().then((found) => found.data),
      entryRef.get().then((found) => found.data),
    ])
    if (!activity) throw new AppError('NOT_FOUND', '活动不存在或已删除')
    if (activity.status !== 'published' || isOver(activity, now)) throw new AppError('INVALID_STATE', '活动已取消或已结束')
    if (now.getTime() >= activity.startAt.getTime()) throw new AppError('INVALID_STATE', '活动已开始，不能候补')
    if (enrollment && enrollment.status !== 'cancelled') throw new AppError('ALREADY_EXISTS', '您已报名此活动')
    if (entry?.status === 'waiting') throw new AppError('ALREADY_EXISTS', '您已在候补名单中')
    if (activity.enrolledCount < activity.quota) throw new AppError('INVALID_STATE', '还有名额，请直接报名')
    const waiting = activity.waitlistCount ?? 0
    if (waiting >= MAX_WAITLIST) throw new AppError('QUOTA_FULL', '候补名单已满')
    await Promise.all([
      entryRef.set({ activityId: activity._id, communityId: activity.communityId, userId: user._id, status: 'waiting', joinedAt: now, promotedAt: null, updatedAt: now }),
      // Written, not only read: a release that saw nobody waiting conflicts with this join.
      activityRef.update({ waitlistCount: waiting + 1 }),
    ])
    // Everyone counted in waitlistCount joined before us (every change to the line writes it in its own transaction): we are last.
    return waiting + 1
  })
  return { status: 'waiting', position }
}

/** People waiting who joined no later than `joinedAt`: the caller's place in line. */
async function positionOf(db: Database, activityId: string, joinedAt: Date): Promise<number> {
  const ahead = await db.collection<WaitlistDoc>('waitlist').where({ activityId, status: 'waiting', joinedAt: db.command.lte(joinedAt) }).count()
  return ahead.total
}

/** Leaving the line; leaving twice answers the same. */
export async function leaveWaitlist(input: z.output<typeof waitlistRef>, ctx: ActionContext): Promise<{ status: 'left' }> {
  const { db } = ctx
  const entryId = enrollmentDocId(input.activityId, ctx.caller.user!._id)
  const now = ctx.now()
  await withTransaction(db, async (tx) => {
    const entryRef = tx.collection<WaitlistDoc>('waitlist').doc(entryId)
    const activityRef = tx.collection<ActivityDoc>('activities').doc(input.activityId)
    const [entry, activity] = await Promise.all([entryRef.get().then((found) => found.data), activityRef.get().then((found) => found.data)])
    if (!entry) throw new AppError('INVALID_STATE', '您不在候补名单中')
    if (entry.status === 'left') return
    if (entry.status === 'promoted') throw new AppError('INVALID_STATE', '您已候补成功，如不能参加请取消报名')
    await Promise.all([
      entryRef.update({ status: 'left', updatedAt: now }),
      activity ? activityRef.update({ waitlistCount: Math.max(0, (activity.waitlistCount ?? 0) - 1) }) : null,
    ])
  })
  return { status: 'left' }
}

// ---------------------------------------------------------------- a freed seat

type HandOver = { kind: 'released' } | { kind: 'promoted'; entry: WaitlistDoc; activity: ActivityDoc } | { kind: 'again' }

/** Enough for a line that keeps changing under us; each round re-reads who is first. */
const HAND_OVER_ROUNDS = 20

/**
 * Gives the seat of a sign-up that just ended (withdrawn, 来不了) to the first
 * person waiting, or back to the activity when nobody waits. Called once, by
 * the caller whose conditional update ended that sign-up.
 */
export async function freeSeat(ctx: Pick<ActionContext, 'db' | 'now' | 'log'>, activityId: string): Promise<{ promotedUserId: string | null }> {
  const { db } = ctx
  const _ = db.command
  // Nobody waiting at the moment of writing: the seat goes back, as before waitlists (one conditional update).
  const released = await db
    .collection<ActivityDoc>('activities')
    .where({ _id: activityId, status: 'published', enrolledCount: _.gt(0), waitlistCount: _.in([0, null]) })
    .update({ enrolledCount: _.inc(-1) })
  if (released.updated === 1) return { promotedUserId: null }

  for (let round = 0; round < HAND_OVER_ROUNDS; round += 1) {
    const first = await db.collection<WaitlistDoc>('waitlist').where({ activityId, status: 'waiting' }).orderBy('joinedAt', 'asc').limit(1).get()
    const outcome = await handOver(ctx, activityId, first.data[0] ?? null)
    if (outcome.kind === 'released') return { promotedUserId: null }
    if (outcome.kind === 'promoted') {
      await remindPromoted(ctx, outcome.activity, outcome.entry.userId)
      return { promotedUserId: outcome.entry.userId }
    }
  }
  throw new AppError('CONFLICT', '操作的人太多了，请稍后再试')
}

async function handOver(ctx: Pick<ActionContext, 'db' | 'now'>, activityId: string, first: WaitlistDoc | null): Promise<HandOver> {
  const now = ctx.now()
  return withTransaction(ctx.db, async (tx) => {
    const activityRef = tx.collection<ActivityDoc>('activities').doc(activityId)
    const entryRef = first ? tx.collection<WaitlistDoc>('waitlist').doc(first._id) : null
    const enrollmentRef = first ? tx.collection<EnrollmentDoc>('enrollments').doc(enrollmentDocId(activityId, first.userId)) : null
    // The three reads at once; the entry and the enrollment only matter when the decision gets to them.
    const [activity, entry, enrollment] = await Promise.all([
      activityRef.get().then((found) => found.data),
      entryRef?.get().then((found) => found.data) ?? null,
      enrollmentRef?.get().then((found) => found.data) ?? null,
    ])
    // A cancelled activity has its count reset already; an activity under way fills no seats.
    if (!activity || activity.status !== 'published') return { kind: 'released' }
    const waiting = activity.waitlistCount ?? 0
    const underway = now.getTime() >= activity.startAt.getTime()
    if (waiting === 0 || underway) {
      await activityRef.update({ enrolledCount: Math.max(0, activity.enrolledCount - 1) })
      return { kind: 'released' }
    }
    // Someone joined after our read of the line: read it again.
    if (!first || !entryRef || !enrollmentRef) return { kind: 'again' }
    if (entry?.status !== 'waiting') return { kind: 'again' }
    if (enrollment && enrollment.status !== 'cancelled') {
      // Signed up on their own meanwhile (a seat was free after a quota change): out of the line, seat not theirs to take twice.
      await Promise.all([entryRef.update({ status: 'left', updatedAt: now }), activityRef.update({ waitlistCount: waiting - 1 })])
      return { kind: 'again' }
    }
    const { _id, ...fresh } = newEnrollment(activity, entry.userId, now)
    await Promise.all([
      entryRef.update({ status: 'promoted', promotedAt: now, updatedAt: now }),
      // The seat passes from the one who left to the one promoted: enrolledCount stays, the line shortens.
      activityRef.update({ waitlistCount: waiting - 1 }),
      enrollment ? enrollmentRef.set(fresh) : enrollmentRef.create(fresh),
    ])
    return { kind: 'promoted', entry, activity }
  })
}

async function remindPromoted(ctx: Pick<ActionContext, 'db' | 'now' | 'log'>, activity: ActivityDoc, userId: string): Promise<void> {
  await queueReminder(ctx, {
    userId,
    communityId: activity.communityId,
    reason: 'waitlist_promoted',
    subjectId: activity._id,
    title: `候补成功：${activity.title}`,
    fields: { activity: activity.title, time: beijingTime(activity.startAt), place: activity.place },
    page: reminderPages.activityReply(activity._id),
  })
}

// ---------------------------------------------------------------- staff's view

export interface WaitlistRow {
  userId: string
  name: string
  status: WaitlistStatus
  joinedAt: Date
  promotedAt: Date | null
}

/** Staff (and the team's 队长) see the line in order, with full names, and who was promoted. */
export async function waitlist(input: z.output<typeof waitlistRef>, ctx: ActionContext): Promise<{ items: WaitlistRow[]; waiting: number }> {
  const { db } = ctx
  const entries = await db
    .collection<WaitlistDoc>('waitlist')
    .where({ activityId: input.activityId, status: db.command.in(['waiting', 'promoted']) })
    .orderBy('joinedAt', 'asc')
    .limit(MAX_WAITLIST * 2)
    .get()
  const userIds = [...new Set(entries.data.map((entry) => entry.userId))]
  const users = userIds.length ? await db.collection<UserDoc>('users').where({ _id: db.command.in(userIds) }).limit(userIds.length).get() : { data: [] }
  const names = new Map(users.data.map((user) => [user._id, user.name]))
  const grant = ctx.roles.has('staff') ? 'staff' : 'leader'
  const items = entries.data.map((entry) => ({
    userId: entry.userId,
    name: nameFor(names.get(entry.userId) ?? '', grant),
    status: entry.status,
    joinedAt: entry.joinedAt,
    promotedAt: entry.promotedAt,
  }))
  return { items, waiting: items.filter((item) => item.status === 'waiting').length }
}

/** The caller's own place: null when not in line. */
export async function myWaitlistEntry(db: Database, activityId: string, userId: string): Promise<{ status: WaitlistStatus; position: number | null } | null> {
  const entry = (await db.collection<WaitlistDoc>('waitlist').doc(enrollmentDocId(activityId, userId)).get()).data[0]
  if (!entry) return null
  return { status: entry.status, position: entry.status === 'waiting' ? await positionOf(db, activityId, entry.joinedAt) : null }
}
