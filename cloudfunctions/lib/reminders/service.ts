import * as z from 'zod'
import type { ActivityDoc, EnrollmentDoc } from '../activities/model'
import type { BaseDoc, Database, Query, Where } from '../db/types'
import type { ActionContext, SystemContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { allCommunityIds } from '../runtime/timers'
import { addDays, chinaDate, instantOf } from '../shared/china-time'
import { pageOf } from '../shared/paging'
import { nameFor } from '../shared/privacy'
import { id, paging, type Page } from '../shared/schemas'
import type { RedemptionDoc } from '../shop/model'
import type { UserDoc } from '../users/model'
import { queueReminder } from './index'
import type { Messenger, SendOutcome } from './messenger'
import { beijingTime, reminderId, reminderStatuses, type ReminderDoc, type ReminderReason, type ReminderStatus } from './model'

/** Pages a reminder opens; the app's routes.ts has the same paths. */
export const reminderPages = {
  activity: (activityId: string) => `/packages/activities/pages/detail/index?id=${encodeURIComponent(activityId)}`,
  wish: (wishId: string) => `/packages/wishes/pages/detail/index?id=${encodeURIComponent(wishId)}`,
  redemptions: '/packages/shop/pages/redemptions/index',
  messages: '/packages/reminders/pages/index/index',
} as const

// ---------------------------------------------------------------- deliver

/** One run sends at most this many, so it ends well inside the function's 10 s timeout. */
export const DELIVER_BATCH = 50
/** A failed send is tried this many times in all, one run apart, then left as `failed`. */
export const MAX_ATTEMPTS = 3
/** A `sending` reminder older than this belongs to a run that died mid-send. */
const STALE_SENDING_MS = 10 * 60 * 1000
/** "Your activity is tomorrow" is wrong two days later: a reminder queued this long ago is dropped. */
const TOO_LATE_MS = 24 * 3600 * 1000

export type DeliverContext = SystemContext & { messenger: Messenger }

/**
 * Hands queued reminders to the messenger, oldest first. Each is taken with a
 * conditional update (queued → sending) before it is sent, so two runs at the
 * same time, or a run repeated, send each reminder once.
 */
export async function deliver(ctx: DeliverContext): Promise<Record<string, number>> {
  const { db, messenger } = ctx
  const now = ctx.now()
  const reminders = db.collection<ReminderDoc>('reminders')
  const counts: Record<string, number> = { requeued: 0, sent: 0, outbox: 0, skipped: 0, no_consent: 0, failed: 0, retry: 0 }

  const stale = await reminders.where({ status: 'sending', sendingAt: db.command.lt(new Date(now.getTime() - STALE_SENDING_MS)) }).limit(DELIVER_BATCH).get()
  for (const reminder of stale.data) {
    const attempts = reminder.attempts + 1
    const requeued = await reminders
      .where({ _id: reminder._id, status: 'sending', attempts: reminder.attempts })
      .update({ status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued', attempts, lastError: '发送中断', sendingAt: null, updatedAt: now })
    counts.requeued += requeued.updated
  }

  const queued = await reminders.where({ status: 'queued' }).orderBy('createdAt', 'asc').limit(DELIVER_BATCH).get()
  for (const reminder of queued.data) {
    const taken = await reminders.where({ _id: reminder._id, status: 'queued', attempts: reminder.attempts }).update({ status: 'sending', sendingAt: now, updatedAt: now })
    if (taken.updated === 0) continue
    const outcome = await sendOne(db, messenger, reminder, now)
    const attempts = outcome.status === 'failed' ? reminder.attempts + 1 : reminder.attempts
    const status: ReminderStatus = outcome.status !== 'failed' ? outcome.status : attempts >= MAX_ATTEMPTS ? 'failed' : 'queued'
    await reminders.where({ _id: reminder._id, status: 'sending' }).update({
      status,
      attempts,
      lastError: outcome.status === 'failed' || outcome.status === 'skipped' ? (outcome as { error?: string }).error ?? null : null,
      sendingAt: null,
      sentAt: status === 'sent' || status === 'outbox' ? now : null,
      updatedAt: now,
    })
    counts[status === 'queued' ? 'retry' : status] += 1
    if (outcome.status === 'failed') ctx.log.error('reminder_failed', { id: reminder._id, attempts, error: outcome.error })
  }
  return counts
}

async function sendOne(db: Database, messenger: Messenger, reminder: ReminderDoc, now: Date): Promise<SendOutcome | { status: 'skipped'; error: string }> {
  if (now.getTime() - reminder.createdAt.getTime() > TOO_LATE_MS) return { status: 'skipped', error: '已过时，未发送' }
  const user = (await db.collection<UserDoc>('users').doc(reminder.userId).get()).data[0]
  if (!user?.openid) return { status: 'skipped', error: '收件人没有微信身份' }
  return messenger.send(reminder, user.openid)
}

// ---------------------------------------------------------------- the daily scan

/** CloudBase reads at most 1000 documents per query; a scan pages past that. */
const SCAN_PAGE = 1000

async function everyDoc<T extends BaseDoc>(query: Query<T>, orderField: string): Promise<T[]> {
  const docs: T[] = []
  for (let skip = 0; ; skip += SCAN_PAGE) {
    const page = await query.orderBy(orderField, 'asc').orderBy('_id', 'asc').skip(skip).limit(SCAN_PAGE).get()
    docs.push(...page.data)
    if (page.data.length < SCAN_PAGE) return docs
  }
}

/** The contract fields of a 报到 (lib/members owns the collection). */
interface AnniversaryReport extends BaseDoc {
  communityId: string
  userId: string
  year: number
  name: string
  partyJoinedAt: string
  anniversary: string
  status: string
}

/**
 * The daily reminders, run at 08:00 Beijing time (and every minute by
 * `npm start`): every reminder's id carries the Beijing day, so running it
 * again the same day queues nothing new.
 */
export async function daily(ctx: SystemContext): Promise<Record<string, number>> {
  return {
    activity_tomorrow: await remindActivitiesTomorrow(ctx),
    redemption_expiring: await remindExpiringRedemptions(ctx),
    party_anniversary: await remindPartyAnniversaries(ctx),
  }
}

/** Everyone signed up for an activity that starts tomorrow (Beijing calendar day). */
export async function remindActivitiesTomorrow(ctx: SystemContext): Promise<number> {
  const { db } = ctx
  const _ = db.command
  const now = ctx.now()
  const tomorrow = addDays(chinaDate(now), 1)
  const from = instantOf(tomorrow, '00:00')
  const to = instantOf(tomorrow, '24:00')
  let queued = 0
  for (const communityId of await allCommunityIds(db)) {
    const activities = await everyDoc(db.collection<ActivityDoc>('activities').where({ communityId, status: 'published', startAt: _.and(_.gte(from), _.lt(to)) }), 'startAt')
    for (const activity of activities) {
      const enrollments = await everyDoc(db.collection<EnrollmentDoc>('enrollments').where({ activityId: activity._id, status: 'enrolled' }), 'createdAt')
      for (const enrollment of enrollments) {
        const result = await queueReminder(ctx, {
          userId: enrollment.userId,
          communityId,
          reason: 'activity_tomorrow',
          subjectId: activity._id,
          title: `明天的活动：${activity.title}`,
          fields: { activity: activity.title, time: beijingTime(activity.startAt), place: activity.place },
          page: reminderPages.activity(activity._id),
        })
        if (result.queued) queued += 1
      }
    }
  }
  return queued
}

const DAY_MS = 24 * 3600 * 1000

/**
 * Held redemptions that expire within the next 24 hours, once per redemption:
 * the 08:00 runs' windows do not overlap, but `npm start` runs every minute,
 * so yesterday's reminder for the same redemption counts as already sent.
 */
export async function remindExpiringRedemptions(ctx: SystemContext): Promise<number> {
  const { db } = ctx
  const _ = db.command
  const now = ctx.now()
  const yesterday = chinaDate(new Date(now.getTime() - DAY_MS))
  const expiring = await everyDoc(db.collection<RedemptionDoc>('redemptions').where({ status: 'held', expiresAt: _.and(_.gt(now), _.lte(new Date(now.getTime() + DAY_MS))) }), 'expiresAt')
  let queued = 0
  for (const redemption of expiring) {
    const earlier = await db.collection<ReminderDoc>('reminders').doc(reminderId(redemption.userId, 'redemption_expiring', redemption._id, yesterday)).get()
    if (earlier.data.length) continue
    const result = await queueReminder(ctx, {
      userId: redemption.userId,
      communityId: redemption.communityId,
      reason: 'redemption_expiring',
      subjectId: redemption._id,
      title: `「${redemption.itemName}」即将过期，请尽快领取`,
      fields: { item: redemption.itemName, code: redemption.pickupCode, time: beijingTime(redemption.expiresAt) },
      page: reminderPages.redemptions,
    })
    if (result.queued) queued += 1
  }
  return queued
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * 政治生日: confirmed 报到 whose 入党 MM-DD is today (Beijing). Someone who
 * joined on 29 February is remembered on 28 February in other years. A
 * person with reports from several years is reminded once, from the newest.
 */
export async function remindPartyAnniversaries(ctx: SystemContext): Promise<number> {
  const { db } = ctx
  const today = chinaDate(ctx.now())
  const year = Number(today.slice(0, 4))
  const monthDay = today.slice(5)
  const days = monthDay === '02-28' && !isLeapYear(year) ? ['02-28', '02-29'] : [monthDay]
  const newest = new Map<string, AnniversaryReport>()
  for (const anniversary of days) {
    for (const report of await everyDoc(db.collection<AnniversaryReport>('memberReports').where({ status: 'confirmed', anniversary }), 'anniversary')) {
      const seen = newest.get(report.userId)
      if (!seen || report.year > seen.year) newest.set(report.userId, report)
    }
  }
  let queued = 0
  for (const report of newest.values()) {
    const years = year - Number(report.partyJoinedAt.slice(0, 4))
    if (years < 1) continue
    const result = await queueReminder(ctx, {
      userId: report.userId,
      communityId: report.communityId,
      reason: 'party_anniversary',
      subjectId: report.userId,
      title: `政治生日快乐：今天是您入党 ${years} 周年`,
      fields: { name: report.name, date: report.partyJoinedAt, years: `入党${years}周年` },
      page: reminderPages.messages,
    })
    if (result.queued) queued += 1
  }
  return queued
}

// ---------------------------------------------------------------- reads

export const reminderReasonLabels: Record<ReminderReason, string> = {
  activity_tomorrow: '活动提醒',
  wish_reviewed: '心愿审核结果',
  wish_claimed: '心愿被认领',
  wish_fulfilled: '心愿已完成',
  booking_approved: '预约通过',
  redemption_expiring: '兑换即将过期',
  party_anniversary: '政治生日',
}

export const mineInput = z.object({ ...paging }).strict()

export const outboxInput = z
  .object({
    communityId: id,
    status: z.enum(reminderStatuses).optional(),
    ...paging,
  })
  .strict()

export interface ReminderView {
  id: string
  reason: ReminderReason
  reasonLabel: string
  title: string
  fields: Record<string, string>
  page: string | null
  createdAt: Date
}

export interface OutboxView extends ReminderView {
  userId: string
  /** In full: staff of the community already see residents' names in their lists. */
  userName: string
  status: ReminderStatus
  attempts: number
  lastError: string | null
  sentAt: Date | null
}

const toView = (reminder: ReminderDoc): ReminderView => ({
  id: reminder._id,
  reason: reminder.reason,
  reasonLabel: reminderReasonLabels[reminder.reason],
  title: reminder.title,
  fields: reminder.fields,
  page: reminder.page,
  createdAt: reminder.createdAt,
})

/** 我的消息: every reminder to the caller, whatever WeChat did with it, newest first. */
export async function mine(input: z.output<typeof mineInput>, ctx: ActionContext): Promise<Page<ReminderView>> {
  const user = ctx.caller.user
  if (!user) return { items: [], total: 0, page: input.page, pageSize: input.pageSize }
  return pageOf(ctx.db.collection<ReminderDoc>('reminders').where({ userId: user._id }), ['createdAt', 'desc'], input, toView)
}

/** 提醒发送记录: a community's reminders with what became of each, for answering "I never got it". */
export async function outbox(input: z.output<typeof outboxInput>, ctx: ActionContext): Promise<Page<OutboxView>> {
  if (!ctx.community) throw new AppError('NOT_FOUND', '社区不存在')
  const where: Where = input.status ? { communityId: ctx.community._id, status: input.status } : { communityId: ctx.community._id }
  const page = await pageOf(ctx.db.collection<ReminderDoc>('reminders').where(where), ['createdAt', 'desc'], input, (reminder) => reminder)
  const userIds = [...new Set(page.items.map((reminder) => reminder.userId))]
  const users = userIds.length ? (await ctx.db.collection<UserDoc>('users').where({ _id: ctx.db.command.in(userIds) }).field({ name: true }).limit(userIds.length).get()).data : []
  const names = new Map(users.map((user) => [user._id, user.name]))
  return {
    ...page,
    items: page.items.map((reminder) => ({
      ...toView(reminder),
      userId: reminder.userId,
      userName: nameFor(names.get(reminder.userId) ?? '', 'staff'),
      status: reminder.status,
      attempts: reminder.attempts,
      lastError: reminder.lastError,
      sentAt: reminder.sentAt,
    })),
  }
}
