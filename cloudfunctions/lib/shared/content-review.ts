/**
 * Text the content check could not reach (ctx.checkContent answered
 * 'unchecked') is kept, never lost, and held for a human before the public
 * reads it. One rule per kind of text (docs/api.md, "内容待人工审核"):
 *
 * - public text that already passes a staff step before anyone else reads it
 *   (a wish in 心愿审核, a suggestion before 受理, a commitment before
 *   确认 / 验收): the record carries `contentReview: 'pending'` as a tag in
 *   that queue, and the step — a human reading it — clears it;
 * - public text with no such step (a fulfilled wish's note, a thank-you
 *   story, a unit's resource): the same flag, public views leave the text out
 *   while it is set, and staff settle it with a `reviewContent` action;
 * - text only its author and staff read (a booking's purpose, a 报到 form, a
 *   rating comment): stored with the flag as a tag for staff; nothing to hide;
 * - text staff write themselves (announcements, replies, 办结结果, demands):
 *   published as written, because its author is the community's own
 *   accountable reviewer and it is often urgent (停水通知); the audit trail
 *   records that it went out unchecked (`content.unchecked`).
 */
import * as z from 'zod'
import type { ContentVerdict } from '../content'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { recordAudit } from './audit'

/** 'pending' until staff read it; 'rejected' keeps it out of public views for good (author and staff still read it). */
export const contentReviewStates = ['pending', 'rejected'] as const
export type ContentReview = (typeof contentReviewStates)[number]

/** A record that may hold unchecked text. Absent or null: nothing held. */
export interface Reviewable {
  contentReview?: ContentReview | null
}

/** The flag a write adds for its texts: pending when they went unchecked, nothing otherwise. */
export const holdIf = (verdict: ContentVerdict): { contentReview: 'pending' } | Record<string, never> =>
  verdict === 'unchecked' ? { contentReview: 'pending' } : {}

/** Public views leave held text out. */
export const isHeld = (doc: Reviewable): boolean => doc.contentReview === 'pending' || doc.contentReview === 'rejected'

/** For staff views: the tag 待人工审核 / 未通过人工审核, or null. */
export const contentReviewOf = (doc: Reviewable): ContentReview | null => doc.contentReview ?? null

/** What a staff step that reads the record (approve, accept, confirm, verify) writes: the flag is settled. */
export const REVIEWED = { contentReview: null } as const

export const reviewDecision = z.enum(['clear', 'reject'])
export type ReviewDecision = z.output<typeof reviewDecision>

/**
 * Staff settle held text: clear (it goes public) or reject (it stays out of
 * public views). A conditional update on 'pending', so of two racing staff
 * one decides and the other gets INVALID_STATE; audited either way.
 */
export async function settleContentReview(
  ctx: ActionContext,
  target: { collection: string; id: string; communityId: string | null },
  decision: ReviewDecision,
  reason: string,
): Promise<void> {
  const result = await ctx.db
    .collection<Reviewable & { _id: string }>(target.collection)
    .where({ _id: target.id, contentReview: 'pending' })
    .update({ contentReview: decision === 'clear' ? null : 'rejected' })
  if (result.updated !== 1) throw new AppError('INVALID_STATE', '该内容不在待人工审核状态')
  await recordAudit(ctx, { kind: `content.${decision}`, targetId: target.id, communityId: target.communityId, detail: { collection: target.collection }, reason })
}

/** Staff-written text that went out unchecked: on the audit trail under its author's name, with the requestId. */
export async function recordUnchecked(ctx: ActionContext, verdict: ContentVerdict, target: { action: string; targetId: string; communityId: string | null }): Promise<void> {
  if (verdict !== 'unchecked') return
  await recordAudit(ctx, { kind: 'content.unchecked', targetId: target.targetId, communityId: target.communityId, detail: { action: target.action } })
}
