/**
 * Reminders: an outbox of messages to one person (DESIGN: sending is
 * idempotent per user, reason, subject and day). Domain code queues a
 * reminder after its own transaction commits; the `reminders` function's
 * `deliver` timer hands queued ones to the platform's Messenger (WeChat
 * subscription messages in production, nothing locally: the outbox itself is
 * what a developer reads with `npm run outbox`).
 */
import { DbErrorCode, isDbError, type Database } from '../db/types'
import type { Logger } from '../runtime/logger'
import { chinaDate } from '../shared/china-time'
import { reminderId, type ReminderDoc, type ReminderReason } from './model'

export { reminderReasons, type ReminderReason, type ReminderDoc, type ReminderStatus } from './model'

export interface ReminderContext {
  db: Database
  now(): Date
  log: Logger
}

export interface ReminderInput {
  userId: string
  communityId: string
  reason: ReminderReason
  subjectId: string
  title: string
  fields: Record<string, string>
  page?: string
}

/**
 * Stores a reminder once per (user, reason, subject, Beijing day): a second
 * call for the same trigger returns `{ queued: false }` instead of throwing.
 * Call it after the transaction that caused it commits; a failure here is
 * logged and swallowed, because a missed reminder must not undo or fail the
 * action that caused it (the person still sees the change in the app).
 */
export async function queueReminder(ctx: ReminderContext, r: ReminderInput): Promise<{ queued: boolean }> {
  const now = ctx.now()
  const day = chinaDate(now)
  const id = reminderId(r.userId, r.reason, r.subjectId, day)
  const doc: Omit<ReminderDoc, '_id'> = {
    userId: r.userId,
    communityId: r.communityId,
    reason: r.reason,
    subjectId: r.subjectId,
    day,
    title: r.title,
    fields: r.fields,
    page: r.page ?? null,
    status: 'queued',
    attempts: 0,
    lastError: null,
    createdAt: now,
    sendingAt: null,
    sentAt: null,
    updatedAt: now,
  }
  try {
    await ctx.db.collection<ReminderDoc>('reminders').doc(id).create(doc)
    return { queued: true }
  } catch (error) {
    if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) return { queued: false }
    ctx.log.error('reminder_not_queued', { id, error: error instanceof Error ? error.message : String(error) })
    return { queued: false }
  }
}
