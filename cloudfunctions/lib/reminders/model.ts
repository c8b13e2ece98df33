import type { BaseDoc } from '../db/types'
import { chinaDate, chinaTime } from '../shared/china-time'

/** Why a person is reminded; each has its own WeChat subscription template. */
export const reminderReasons = ['activity_tomorrow', 'wish_reviewed', 'wish_claimed', 'wish_fulfilled', 'booking_approved', 'redemption_expiring', 'party_anniversary', 'waitlist_promoted'] as const
export type ReminderReason = (typeof reminderReasons)[number]

/**
 * Where a reminder stands:
 * - queued: stored, not yet handed to the messenger (or waiting for a retry);
 * - sending: one `deliver` run has taken it (a conditional update), so a
 *   second run at the same time cannot send it again;
 * - sent: WeChat accepted it;
 * - outbox: the local messenger kept it (the local outbox is this collection);
 * - skipped: the deployment has no template for the reason, so nothing can be sent;
 * - no_consent: WeChat refused (43101): the person has not allowed this template;
 * - failed: every attempt failed (see `attempts` and `lastError`).
 * The in-app 我的消息 list shows reminders in every status: a person who
 * refused the WeChat message still finds it there.
 */
export const reminderStatuses = ['queued', 'sending', 'sent', 'outbox', 'skipped', 'no_consent', 'failed'] as const
export type ReminderStatus = (typeof reminderStatuses)[number]

/** The outbox: `_id` is `<userId>:<reason>:<subjectId>:<YYYY-MM-DD Beijing>`, so one trigger stores once a day. */
export interface ReminderDoc extends BaseDoc {
  userId: string
  communityId: string
  reason: ReminderReason
  subjectId: string
  /** The Beijing calendar day of the trigger: part of the id. */
  day: string
  /** What the in-app list shows as the heading. */
  title: string
  /** Template values by meaning (`activity`, `time`, `place` …); the messenger maps them to WeChat keys. */
  fields: Record<string, string>
  /** The mini-program page the message opens. */
  page: string | null
  status: ReminderStatus
  /** Failed sends so far; a `queued` reminder with attempts > 0 is waiting for a retry. */
  attempts: number
  lastError: string | null
  createdAt: Date
  /** When a `deliver` run took it; a run that died mid-send leaves it here, and a later run requeues it. */
  sendingAt: Date | null
  sentAt: Date | null
  updatedAt: Date
}

export function reminderId(userId: string, reason: ReminderReason, subjectId: string, day: string): string {
  return `${userId}:${reason}:${subjectId}:${day}`
}

/** A time as the person reads it: Beijing wall clock, `2026年3月1日 09:30`. */
export function beijingTime(at: Date): string {
  const [year, month, day] = chinaDate(at).split('-').map(Number)
  return `${year}年${month}月${day}日 ${chinaTime(at)}`
}
