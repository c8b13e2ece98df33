import { defaultCommunitySettings } from '../users/model'
import type { BaseDoc } from '../db/types'

/** A good in a community's 积分超市. */
export interface ItemDoc extends BaseDoc {
  communityId: string
  name: string
  photoUrl: string | null
  pricePoints: number
  stock: number
  perPersonLimit: number
  onShelf: boolean
  /**
   * Redemptions whose unit is taken from `stock` but not yet settled
   * (lib/shop/redemptions.ts reserveUnit): set with the unit in one atomic
   * update, removed when the redemption exists or the unit goes back.
   */
  reservations?: string[]
  /** When each reservation was made, for the sweep of abandoned ones. */
  reservedAt?: Record<string, Date>
  createdAt: Date
  updatedAt: Date
}

export const redemptionStatuses = ['held', 'picked', 'cancelled', 'expired'] as const
export type RedemptionStatus = (typeof redemptionStatuses)[number]

/**
 * One redemption: points and one unit of stock held until staff post it at
 * pick-up, or the member or staff cancel it, or it expires (both void it).
 * It leaves `held` exactly once, by a transition checked inside a transaction.
 */
export interface RedemptionDoc extends BaseDoc {
  communityId: string
  itemId: string
  /** As it was when redeemed; the item may be renamed later. */
  itemName: string
  userId: string
  /** The price when redeemed: what was held, and what a void gives back. */
  points: number
  status: RedemptionStatus
  /** 6 digits, unique among the community's held redemptions while held. */
  pickupCode: string
  expiresAt: Date
  createdAt: Date
  closedAt: Date | null
  closedBy: string | null
  closeReason: string
}

/** `_id` is `<itemId>:<userId>`: units held or picked up, counted against the item's per-person limit. */
export interface PurchaseDoc extends BaseDoc {
  communityId: string
  itemId: string
  userId: string
  count: number
  updatedAt: Date
}

/** `_id` is `<communityId>:<code>`; exists exactly while its redemption is held. */
export interface PickupCodeDoc extends BaseDoc {
  communityId: string
  code: string
  redemptionId: string
  createdAt: Date
}

export const purchaseDocId = (itemId: string, userId: string): string => `${itemId}:${userId}`
export const pickupCodeDocId = (communityId: string, code: string): string => `${communityId}:${code}`
export const pickupQrPayload = (communityId: string, code: string): string => `tongxin:pickup:${communityId}:${code}`

export const DEFAULT_REDEMPTION_DAYS = defaultCommunitySettings.redemptionDays
