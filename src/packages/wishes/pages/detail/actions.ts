import type { WishDetail } from '@/api'

/** What the caller is in the wish's community, from users.me; the server checks again on every call. */
export interface Roles {
  isMember: boolean
  isLiaison: boolean
  isStaff: boolean
}

export type WishAction = 'approve' | 'reject' | 'claim' | 'claimAsUnit' | 'fulfil' | 'confirm' | 'release' | 'edit' | 'withdraw'

/**
 * The buttons the detail offers, in the order shown: the server's `mine`
 * flags decide claim / release / fulfil / confirm; a liaison who is not a
 * member claims only for their unit; staff review a pending wish; the
 * wisher edits, and the wisher or staff withdraw, while nobody has taken the
 * wish on.
 */
export function offeredActions(wish: Pick<WishDetail, 'status' | 'mine'>, roles: Roles): WishAction[] {
  const { mine } = wish
  const unclaimed = wish.status === 'pending' || wish.status === 'open'
  const actions: WishAction[] = []
  if (roles.isStaff && wish.status === 'pending') actions.push('approve', 'reject')
  if (mine.canClaim && (roles.isMember || !roles.isLiaison)) actions.push('claim')
  if (mine.canClaim && roles.isLiaison) actions.push('claimAsUnit')
  if (mine.canFulfil) actions.push('fulfil')
  if (mine.canConfirm) actions.push('confirm')
  if (mine.canRelease) actions.push('release')
  if (mine.isWisher && unclaimed) actions.push('edit')
  if ((mine.isWisher || roles.isStaff) && unclaimed) actions.push('withdraw')
  return actions
}
