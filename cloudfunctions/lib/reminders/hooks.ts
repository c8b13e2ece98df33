/**
 * Reminders other domains queue when something happens to a person's
 * record. Each is called after the domain's transaction has committed, by
 * the one caller whose change won, and never fails the action.
 */
import type { ActionContext } from '../runtime/action'
import type { WishDoc } from '../wishes/model'
import { queueReminder } from './index'
import { beijingTime } from './model'
import { reminderPages } from './service'

/**
 * The wisher hears how staff reviewed the wish: approved, it is on the 心愿墙
 * for neighbours to claim; not approved, why. Keyed by the wish (a wish is
 * reviewed once; an edit sends it back for review, which is news again the
 * next day at most). A wish staff posted for a neighbour has no wisher to tell.
 */
export async function remindWisherReviewed(ctx: Pick<ActionContext, 'db' | 'now' | 'log'>, wish: WishDoc, approved: boolean): Promise<void> {
  if (!wish.wisherId) return
  const now = ctx.now()
  await queueReminder(ctx, {
    userId: wish.wisherId,
    communityId: wish.communityId,
    reason: 'wish_reviewed',
    subjectId: wish._id,
    title: approved ? `您的心愿「${wish.title}」已通过审核，已在心愿墙展示` : `您的心愿「${wish.title}」未通过审核：${wish.rejectReason}`,
    fields: { wish: wish.title, result: approved ? '已通过' : '未通过', time: beijingTime(now) },
    page: reminderPages.wish(wish._id),
  })
}

/**
 * The wisher hears that the wish was claimed (by whom) or fulfilled (so they
 * confirm it). Keyed by the claim, so a wish released and claimed again the
 * same day is news again. A wish staff posted for a neighbour without a phone
 * has no wisher to tell.
 */
export async function remindWisher(ctx: Pick<ActionContext, 'db' | 'now' | 'log'>, wish: WishDoc, reason: 'wish_claimed' | 'wish_fulfilled', claimerName = ''): Promise<void> {
  if (!wish.wisherId || !wish.claimId) return
  const now = ctx.now()
  await queueReminder(ctx, {
    userId: wish.wisherId,
    communityId: wish.communityId,
    reason,
    subjectId: wish.claimId,
    title: reason === 'wish_claimed' ? `您的心愿「${wish.title}」已被${claimerName || '志愿者'}认领` : `您的心愿「${wish.title}」已完成，请确认`,
    fields:
      reason === 'wish_claimed'
        ? { wish: wish.title, claimer: claimerName, time: beijingTime(now) }
        : { wish: wish.title, note: wish.fulfilment?.note || '认领人已完成心愿', time: beijingTime(wish.fulfilment?.at ?? now) },
    page: reminderPages.wish(wish._id),
  })
}
