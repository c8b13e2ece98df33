import * as z from 'zod'
import type { ActivityDoc, EnrollmentDoc } from '../activities/model'
import type { BaseDoc, Where } from '../db/types'
import type { ActionContext, SystemContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { allCommunityIds } from '../runtime/timers'
import { addDays, chinaDate, instantOf } from '../shared/china-time'
import { pageOf, readAll, readWhereIn } from '../shared/paging'
import { DB_PARALLEL, mapBounded, mapWithin } from '../shared/parallel'
import { nameFor } from '../shared/privacy'
import { id, paging, type Page } from '../shared/schemas'
import type { RedemptionDoc } from '../shop/model'
import type { UserDoc } from '../users/model'
import { queueReminder, type ReminderInput } from './index'
import type { Messenger, SendOutcome } from './messenger'
import { beijingTime, reminderId, reminderStatuses, type ReminderDoc, type ReminderReason, type ReminderStatus } from './model'

/** Pages a reminder opens; the app's routes.ts has the same paths. */
export const reminderPages = {
  activity: (activityId: string) => `/packages/activities/pages/detail/index?id=${encodeURIComponent(activityId)}`,
  /** An activity reminder opens the activity with its one-tap 来不了 answer (activities.cantCome) in view. */
  activityReply: (activityId: string) => `/packages/activities/pages/detail/index?id=${encodeURIComponent(activityId)}&reply=1`,
  wish: (wishId: string) => `/packages/wishes/pages/detail/index?id=${encodeURIComponent(wishId)}`,
  redemptions: '/packages/shop/pages/redemptions/index',
  messages: '/packages/reminders/pages/index/index',
} as const

// ---------------------------------------------------------------- deliver

/** One run takes at most this many; a morning's queue at 街道 scale is a few hundred, and the next tick (5 minutes) takes the rest. */
export const DELIVER_BATCH = 500
/** Of the tick's budget, delivery takes at most this, so the daily scan after it has time too. */
export const DELIVER_BUDGET_MS = 3_000
/** A failed send is tried this many times in all, one run apart, then left as `failed`. */
export const MAX_ATTEMPTS = 3
/** A `sending` reminder older than this belongs to a run that died mid-send. */
const STALE_SENDING_MS = 10 * 60 * 1000
/** "Your activity is tomorrow" is wrong two days later: a reminder queued this long ago is dropped. */
const TOO_LATE_MS = 24 * 3600 * 1000

export type DeliverContext = SystemContext & { messenger: Messenger }

/**
 * Hands queued reminders to the messenger, oldest first, ten at a time, until
 * the batch is done or the delivery budget is spent (the rest waits for the
 * next tick, still queued). Each is taken with a conditional update
 * (queued → sending) before it is sent, so two runs at the same time, or a
 * run repeated, send each reminder once.
 */
export async function deliver(ctx: DeliverContext): Promise<Record<string, number>> {
  const { db, messenger } = ctx
  const now = ctx.now()
  const deadline = Math.min(ctx.deadline ?? Number.POSITIVE_INFINITY, Date.now() + DELIVER_BUDGET_MS)
  const reminders = db.collection<ReminderDoc>('reminders')
  const counts: Record<string, number> = { requeued: 0, sent: 0, outbox: 0, skipped: 0, no_consent: 0, failed: 0, retry: 0 }

  const stale = await reminders.where({ status: 'sending', sendingAt: db.command.lt(new Date(now.getTime() - STALE_SENDING_MS)) }).limit(DELIVER_BATCH).get()
  await mapBounded(stale.data, DB_PARALLEL, async (reminder) => {
    const attempts = reminder.attempts + 1
    const requeued = await reminders
      .where({ _id: reminder._id, status: 'sending', attempts: reminder.attempts })
      .update({ status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued', attempts, lastError: '发送中断', sendingAt: null, updatedAt: now })
    counts.requeued += requeued.updated
  })

  const queued = await reminders.where({ status: 'queued' }).orderBy('createdAt', 'asc').limit(DELIVER_BATCH).get()
  // Recipients in one read per hundred, not one per reminder.
  const recipients = await readWhereIn<UserDoc>(db, 'users', '_id', [...new Set(queued.data.map((reminder) => reminder.userId))], { cap: DELIVER_BATCH, message: '提醒过多' }, {}, { openid: true })
  const openids = new Map(recipients.map((user) => [user._id, user.openid]))
  const { remaining } = await mapWithin(queued.data, DB_PARALLEL, deadline, async (reminder) => {
    const taken = await reminders.where({ _id: reminder._id, status: 'queued', attempts: reminder.attempts }).update({ status: 'sending', sendingAt: now, updatedAt: now })
    if (taken.updated === 0) return
    const outcome = await sendOne(messenger, reminder, openids.get(reminder.userId), now)
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
  })
  if (remaining.length) counts.left = remaining.length
  return counts
}

async function sendOne(messenger: Messenger, reminder: ReminderDoc, openid: string | null | undefined, now: Date): Promise<SendOutcome | { status: 'skipped'; error: string }> {
  if (now.getTime() - reminder.createdAt.getTime() > TOO_LATE_MS) return { status: 'skipped', error: '已过时，未发送' }
  if (!openid) return { status: 'skipped', error: '收件人没有微信身份' }
  return messenger.send(reminder, openid)
}

// ---------------------------------------------------------------- the daily scan

/** A 街道's morning is hundreds of reminders; past this a scan would be a bug, not a busy day. */
const SCAN_ROWS = { cap: 200_000, message: '提醒对象过多' }

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

/** The daily scan's parts, in the order a run goes through them (and resumes them). */
const dailyPhases = ['activity_tomorrow', 'redemption_expiring', 'party_anniversary'] as const
type DailyPhase = (typeof dailyPhases)[number]

/** A reminder the scan means to store, with the id it will have (the resume cursor orders by it). */
interface Planned {
  id: string
  reminder: ReminderInput
}

const planned = (reminder: ReminderInput, day: string): Planned => ({ id: reminderId(reminder.userId, reminder.reason, reminder.subjectId, day), reminder })

/**
 * The first tick after 08:00 Beijing queues the day's reminders. Each part
 * reads its targets across every community in pages (a few round trips), then
 * stores the reminders ten at a time in the order of their ids. When the
 * tick's deadline comes first it saves the part and the last id stored as the
 * day's checkpoint and answers `pending`: the next tick goes on from there
 * (and storing is idempotent per id, so a run that died before saving only
 * repeats harmless duplicates). Nothing is dropped by the function's timeout.
 */
export async function daily(ctx: SystemContext): Promise<Record<string, number>> {
  const deadline = ctx.deadline ?? Number.POSITIVE_INFINITY
  const saved = ctx.checkpoint?.value as { phase?: DailyPhase; after?: string } | null | undefined
  const first = saved?.phase ? Math.max(0, dailyPhases.indexOf(saved.phase)) : 0
  const counts: Record<string, number> = { activity_tomorrow: 0, redemption_expiring: 0, party_anniversary: 0 }
  for (let index = first; index < dailyPhases.length; index += 1) {
    const phase = dailyPhases[index]
    const after = index === first ? (saved?.after ?? '') : ''
    const todo = (await dailyPlans[phase](ctx)).filter((plan) => plan.id > after).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const { results, remaining } = await mapWithin(todo, DB_PARALLEL, deadline, (plan) => queueReminder(ctx, plan.reminder))
    counts[phase] += results.filter((result) => result.queued).length
    if (remaining.length) {
      await ctx.checkpoint?.save({ phase, after: results.length ? todo[results.length - 1].id : after })
      return { ...counts, pending: remaining.length }
    }
  }
  return counts
}

const dailyPlans: Record<DailyPhase, (ctx: SystemContext) => Promise<Planned[]>> = {
  activity_tomorrow: planActivitiesTomorrow,
  redemption_expiring: planExpiringRedemptions,
  party_anniversary: planPartyAnniversaries,
}

/** Everyone signed up for an activity that starts tomorrow (Beijing calendar day). */
async function planActivitiesTomorrow(ctx: SystemContext): Promise<Planned[]> {
  const { db } = ctx
  const _ = db.command
  const today = chinaDate(ctx.now())
  const tomorrow = addDays(today, 1)
  const startAt = _.and(_.gte(instantOf(tomorrow, '00:00')), _.lt(instantOf(tomorrow, '24:00')))
  const perCommunity = await mapBounded(await allCommunityIds(db), DB_PARALLEL, (communityId) =>
    readAll<ActivityDoc>(db, 'activities', { communityId, status: 'published', startAt }, SCAN_ROWS),
  )
  const activities = new Map(perCommunity.flat().map((activity) => [activity._id, activity]))
  const enrollments = await readWhereIn<EnrollmentDoc>(db, 'enrollments', 'activityId', [...activities.keys()], SCAN_ROWS, { status: 'enrolled' }, { userId: true, activityId: true })
  return enrollments.map((enrollment) => {
    const activity = activities.get(enrollment.activityId)!
    return planned(
      {
        userId: enrollment.userId,
        communityId: activity.communityId,
        reason: 'activity_tomorrow',
        subjectId: activity._id,
        title: `明天的活动：${activity.title}`,
        fields: { activity: activity.title, time: beijingTime(activity.startAt), place: activity.place },
        page: reminderPages.activityReply(activity._id),
      },
      today,
    )
  })
}

export async function remindActivitiesTomorrow(ctx: SystemContext): Promise<number> {
  return queueAll(ctx, await planActivitiesTomorrow(ctx))
}

const DAY_MS = 24 * 3600 * 1000

/**
 * Held redemptions that expire within the next 24 hours, once per redemption:
 * the 08:00 runs' windows do not overlap, but `npm start` runs every minute,
 * so yesterday's reminder for the same redemption counts as already sent.
 */
async function planExpiringRedemptions(ctx: SystemContext): Promise<Planned[]> {
  const { db } = ctx
  const _ = db.command
  const now = ctx.now()
  const today = chinaDate(now)
  const yesterday = chinaDate(new Date(now.getTime() - DAY_MS))
  const expiring = await readAll<RedemptionDoc>(db, 'redemptions', { status: 'held', expiresAt: _.and(_.gt(now), _.lte(new Date(now.getTime() + DAY_MS))) }, SCAN_ROWS)
  const earlierIds = expiring.map((redemption) => reminderId(redemption.userId, 'redemption_expiring', redemption._id, yesterday))
  const earlier = new Set((await readWhereIn<ReminderDoc>(db, 'reminders', '_id', earlierIds, SCAN_ROWS, {}, { _id: true })).map((reminder) => reminder._id))
  return expiring
    .filter((_redemption, index) => !earlier.has(earlierIds[index]))
    .map((redemption) =>
      planned(
        {
          userId: redemption.userId,
          communityId: redemption.communityId,
          reason: 'redemption_expiring',
          subjectId: redemption._id,
          title: `「${redemption.itemName}」即将过期，请尽快领取`,
          fields: { item: redemption.itemName, code: redemption.pickupCode, time: beijingTime(redemption.expiresAt) },
          page: reminderPages.redemptions,
        },
        today,
      ),
    )
}

export async function remindExpiringRedemptions(ctx: SystemContext): Promise<number> {
  return queueAll(ctx, await planExpiringRedemptions(ctx))
}

async function queueAll(ctx: SystemContext, plans: Planned[]): Promise<number> {
  const results = await mapBounded(plans, DB_PARALLEL, (plan) => queueReminder(ctx, plan.reminder))
  return results.filter((result) => result.queued).length
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * 政治生日: confirmed 报到 whose 入党 MM-DD is today (Beijing). Someone who
 * joined on 29 February is remembered on 28 February in other years. A
 * person with reports from several years is reminded once, from the newest.
 */
async function planPartyAnniversaries(ctx: SystemContext): Promise<Planned[]> {
  const { db } = ctx
  const today = chinaDate(ctx.now())
  const year = Number(today.slice(0, 4))
  const monthDay = today.slice(5)
  const days = monthDay === '02-28' && !isLeapYear(year) ? ['02-28', '02-29'] : [monthDay]
  const newest = new Map<string, AnniversaryReport>()
  for (const anniversary of days) {
    for (const report of await readAll<AnniversaryReport>(db, 'memberReports', { status: 'confirmed', anniversary }, SCAN_ROWS)) {
      const seen = newest.get(report.userId)
      if (!seen || report.year > seen.year) newest.set(report.userId, report)
    }
  }
  const plans: Planned[] = []
  for (const report of newest.values()) {
    const years = year - Number(report.partyJoinedAt.slice(0, 4))
    if (years < 1) continue
    plans.push(
      planned(
        {
          userId: report.userId,
          communityId: report.communityId,
          reason: 'party_anniversary',
          subjectId: report.userId,
          title: `政治生日快乐：今天是您入党 ${years} 周年`,
          fields: { name: report.name, date: report.partyJoinedAt, years: `入党${years}周年` },
          page: reminderPages.messages,
        },
        today,
      ),
    )
  }
  return plans
}

/**
 * 政治生日: confirmed 报到 whose 入党 MM-DD is today (Beijing). Someone who
 * joined on 29 February is remembered on 28 February in other years. A
 * person with reports from several years is reminded once, from the newest.
 */
export async function remindPartyAnniversaries(ctx: SystemContext): Promise<number> {
  return queueAll(ctx, await planPartyAnniversaries(ctx))
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
  waitlist_promoted: '候补成功',
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
