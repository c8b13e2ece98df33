import type { BaseDoc } from '../db/types'
import { contentReviewOf, type ContentReview, type Reviewable } from '../shared/content-review'
import { maskName, nameFor, type FullNameGrant } from '../shared/privacy'

export const wishCategories = ['学习用品', '生活物资', '陪伴服务', '维修帮办', '其他'] as const
export type WishCategory = (typeof wishCategories)[number]

/** pending → open (on the wall) → claimed → fulfilled → confirmed; or rejected / withdrawn. */
export const wishStatuses = ['pending', 'open', 'rejected', 'claimed', 'fulfilled', 'confirmed', 'withdrawn'] as const
export type WishStatus = (typeof wishStatuses)[number]

/** Statuses a public wall shows. */
export const wallStatuses = ['open', 'claimed', 'fulfilled', 'confirmed'] as const satisfies readonly WishStatus[]
export type WallStatus = (typeof wallStatuses)[number]

/** Statuses the wisher may still edit or withdraw: nobody has taken the wish on yet. */
export const editableStatuses = ['pending', 'open'] as const satisfies readonly WishStatus[]

export interface Fulfilment {
  note: string
  photos: string[]
  at: Date
}

export interface Confirmation {
  /** 1–5, or null when the wisher gave none. */
  rating: number | null
  comment: string
  /** The thank-you 微故事, shown on the wall. */
  story: string
  at: Date
  /** The wisher, or staff for a beneficiary without an account. */
  by: string
}

/**
 * `contentReview` (lib/shared/content-review.ts): 'pending' when a text went
 * unchecked — a posted or edited wish (cleared by 心愿审核), or a fulfilment
 * note / thank-you on a public wish (hidden from others until staff settle it).
 */
export interface WishDoc extends BaseDoc, Reviewable {
  communityId: string
  /** The registered wisher; null when staff posted for a neighbour without a phone. */
  wisherId: string | null
  /** Who the wish is for. Private: only staff and the claimer ever see phone and address. */
  beneficiary: { name: string; phone: string; address: string }
  title: string
  story: string
  category: WishCategory
  /** File ids: `cloud://…` in production, `/uploads/<hash>.<ext>` locally. */
  photos: string[]
  /** YYYY-MM-DD the wisher hopes for, or null. */
  wishedBy: string | null
  status: WishStatus
  /** Why staff rejected it, shown to the wisher; '' otherwise. */
  rejectReason: string
  withdrawReason: string
  /** The winning claim while claimed, fulfilled or confirmed; null otherwise. */
  claimId: string | null
  /** The active claim's due date, copied here so a list read can spot an overdue claim without reading claims. */
  claimDueAt: Date | null
  /** Claims ever made on this wish; the next claim's `_id` is `<wishId>:<claimCount + 1>`, so racing claims collide on one id. */
  claimCount: number
  fulfilment: Fulfilment | null
  confirmation: Confirmation | null
  postedBy: string
  createdAt: Date
  updatedAt: Date
}

export const claimerTypes = ['member', 'unit'] as const
export type ClaimerType = (typeof claimerTypes)[number]

/** active → released (by the claimer) | expired (past due) | fulfilled → confirmed. */
export const claimStatuses = ['active', 'released', 'expired', 'fulfilled', 'confirmed'] as const
export type ClaimStatus = (typeof claimStatuses)[number]

/** One winning claim. `_id` is `<wishId>:<n>`. */
export interface ClaimDoc extends BaseDoc {
  wishId: string
  communityId: string
  claimerType: ClaimerType
  /** The user (member) or the unit. */
  claimerId: string
  claimerName: string
  /** The person who claimed: the member, or the unit's liaison. They earn the points. */
  actorId: string
  status: ClaimStatus
  dueAt: Date
  releaseReason: string
  createdAt: Date
  closedAt: Date | null
}

export const claimDocId = (wishId: string, n: number): string => `${wishId}:${n}`

export interface WishCard {
  id: string
  title: string
  category: WishCategory
  wisherMasked: string
  status: WallStatus
  /** The first photo, shown on the card (the detail page shows them all to everyone too); null without one. */
  photo: string | null
  createdAt: Date
}

export const toWishCard = (wish: WishDoc): WishCard => ({
  id: wish._id,
  title: wish.title,
  category: wish.category,
  wisherMasked: maskName(wish.beneficiary.name),
  status: wish.status as WallStatus,
  photo: wish.photos?.[0] ?? null,
  createdAt: wish.createdAt,
})

/** How the public sees who helped: a person's name masked, a unit by its name. */
export interface PublicClaimer {
  type: ClaimerType
  name: string
}

export const publicClaimer = (claim: Pick<ClaimDoc, 'claimerType' | 'claimerName'>): PublicClaimer => ({
  type: claim.claimerType,
  name: claimerNameFor(claim, null),
})

/** A unit is named in full (it is not a person); a member's name follows the one masking rule. */
const claimerNameFor = (claim: Pick<ClaimDoc, 'claimerType' | 'claimerName'>, grant: FullNameGrant | null): string =>
  claim.claimerType === 'unit' ? claim.claimerName : nameFor(claim.claimerName, grant)

/** The wisher's own view: everything but other people's details. */
export interface MyWish {
  id: string
  communityId: string
  title: string
  story: string
  category: WishCategory
  photos: string[]
  wishedBy: string | null
  status: WishStatus
  rejectReason: string
  withdrawReason: string
  fulfilment: Fulfilment | null
  confirmation: Omit<Confirmation, 'by'> | null
  /** 'pending' while a text of this wish waits for staff because the content check was unreachable. */
  contentReview: ContentReview | null
  createdAt: Date
  updatedAt: Date
}

export const toMyWish = (wish: WishDoc): MyWish => ({
  id: wish._id,
  communityId: wish.communityId,
  title: wish.title,
  story: wish.story,
  category: wish.category,
  photos: wish.photos ?? [],
  wishedBy: wish.wishedBy ?? null,
  status: wish.status,
  rejectReason: wish.rejectReason ?? '',
  withdrawReason: wish.withdrawReason ?? '',
  fulfilment: wish.fulfilment ?? null,
  confirmation: wish.confirmation ? withoutBy(wish.confirmation) : null,
  contentReview: contentReviewOf(wish),
  createdAt: wish.createdAt,
  updatedAt: wish.updatedAt,
})

const withoutBy = ({ by: _by, ...rest }: Confirmation): Omit<Confirmation, 'by'> => rest

/** Staff see who the wish is for, to review it and to reach a neighbour without a phone. */
export interface StaffWish extends MyWish {
  wisherId: string | null
  beneficiary: { name: string; phone: string; address: string }
  postedBy: string
}

export const toStaffWish = (wish: WishDoc): StaffWish => ({
  ...toMyWish(wish),
  wisherId: wish.wisherId,
  beneficiary: wish.beneficiary,
  postedBy: wish.postedBy,
})

export interface ClaimView {
  id: string
  wishId: string
  claimerType: ClaimerType
  claimerName: string
  status: ClaimStatus
  dueAt: Date
  releaseReason: string
  createdAt: Date
  closedAt: Date | null
}

/** `grant`: why this viewer may read the claimer's name in full (the claimer's own list, staff); null masks it. */
export const toClaimView = (claim: ClaimDoc, grant: FullNameGrant | null): ClaimView => ({
  id: claim._id,
  wishId: claim.wishId,
  claimerType: claim.claimerType,
  claimerName: claimerNameFor(claim, grant),
  status: claim.status,
  dueAt: claim.dueAt,
  releaseReason: claim.releaseReason,
  createdAt: claim.createdAt,
  closedAt: claim.closedAt,
})
