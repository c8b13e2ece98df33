import type { BaseDoc } from '../db/types'
import { maskName } from '../shared/privacy'

export const wishCategories = ['学习用品', '生活物资', '陪伴服务', '维修帮办', '其他'] as const
export type WishCategory = (typeof wishCategories)[number]

/** pending → open (on the wall) → claimed → fulfilled → confirmed; or rejected / withdrawn. */
export const wishStatuses = ['pending', 'open', 'rejected', 'claimed', 'fulfilled', 'confirmed', 'withdrawn'] as const
export type WishStatus = (typeof wishStatuses)[number]

/** Statuses a public wall shows. */
export const wallStatuses = ['open', 'claimed', 'fulfilled', 'confirmed'] as const satisfies readonly WishStatus[]
export type WallStatus = (typeof wallStatuses)[number]

export interface WishDoc extends BaseDoc {
  communityId: string
  /** The registered wisher; null when staff posted for a neighbour without a phone. */
  wisherId: string | null
  /** Who the wish is for. Private: only staff and the claimer ever see phone and address. */
  beneficiary: { name: string; phone: string; address: string }
  title: string
  story: string
  category: WishCategory
  status: WishStatus
  postedBy: string
  createdAt: Date
  updatedAt: Date
}

export interface WishCard {
  id: string
  title: string
  category: WishCategory
  wisherMasked: string
  status: WallStatus
  createdAt: Date
}

export const toWishCard = (wish: WishDoc): WishCard => ({
  id: wish._id,
  title: wish.title,
  category: wish.category,
  wisherMasked: maskName(wish.beneficiary.name),
  status: wish.status as WallStatus,
  createdAt: wish.createdAt,
})
