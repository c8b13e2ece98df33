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
