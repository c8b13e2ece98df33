import Taro from '@tarojs/taro'

/** The reasons a person can be reminded of (lib/reminders/model.ts on the server). */
export type ReminderReason = 'activity_tomorrow' | 'wish_reviewed' | 'wish_claimed' | 'wish_fulfilled' | 'booking_approved' | 'redemption_expiring' | 'party_anniversary' | 'waitlist_promoted'

/**
 * The 订阅消息 template id per reason, fixed at build time from
 * TARO_APP_TEMPLATE_<REASON> (config/index.ts); the server sends with the
 * same ids (TONGXIN_TEMPLATE_<REASON>). Written out one by one because the
 * build replaces each `process.env.X` literally.
 */
const templateIds: Record<ReminderReason, string> = {
  activity_tomorrow: process.env.TARO_APP_TEMPLATE_ACTIVITY_TOMORROW ?? '',
  wish_reviewed: process.env.TARO_APP_TEMPLATE_WISH_REVIEWED ?? '',
  wish_claimed: process.env.TARO_APP_TEMPLATE_WISH_CLAIMED ?? '',
  wish_fulfilled: process.env.TARO_APP_TEMPLATE_WISH_FULFILLED ?? '',
  booking_approved: process.env.TARO_APP_TEMPLATE_BOOKING_APPROVED ?? '',
  redemption_expiring: process.env.TARO_APP_TEMPLATE_REDEMPTION_EXPIRING ?? '',
  party_anniversary: process.env.TARO_APP_TEMPLATE_PARTY_ANNIVERSARY ?? '',
  waitlist_promoted: process.env.TARO_APP_TEMPLATE_WAITLIST_PROMOTED ?? '',
}

/** WeChat asks about at most 3 templates at once. */
const MAX_TEMPLATES_PER_ASK = 3

export function templateIdsFor(reasons: ReminderReason[], ids: Record<ReminderReason, string> = templateIds): string[] {
  return [...new Set(reasons.map((reason) => ids[reason]).filter((id) => id.length > 0))].slice(0, MAX_TEMPLATES_PER_ASK)
}

/**
 * Asks the person to allow the reminders this action may bring
 * (`wx.requestSubscribeMessage`), at the moment they act, as WeChat requires:
 * call it first thing in the tap handler, before any await. Whatever they
 * answer, the action goes on: a refusal only means the reminder waits in
 * 我的消息. On H5, or with no template configured, it does nothing.
 */
export async function askConsent(reasons: ReminderReason[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const tmplIds = templateIdsFor(reasons)
  if (tmplIds.length === 0) return
  try {
    await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)
  } catch {
    // Refused, dismissed, or the base library is too old: the action does not depend on it.
  }
}
