import type { BaseDoc } from '../db/types'
import type { Reviewable } from '../shared/content-review'

export const unitKinds = ['机关', '企事业单位', '学校', '社会组织', '两新组织'] as const
export type UnitKind = (typeof unitKinds)[number]

export interface UnitDoc extends BaseDoc {
  name: string
  kind: UnitKind
  partyOrg: string
  contact: { name: string; phone: string }
  address: string
  /** Communities this unit has signed a co-building agreement with. */
  communityIds: string[]
  status: 'active' | 'suspended'
  createdAt: Date
}

/**
 * One co-building agreement (契约化共建协议): `_id` is `<unitId>:<communityId>`,
 * so a unit pairs with a community once. Suspending keeps the row (history).
 */
export interface AgreementDoc extends BaseDoc {
  unitId: string
  communityId: string
  signedAt: Date
  status: 'active' | 'suspended'
  reason: string
  createdBy: string
  createdAt: Date
  updatedAt: Date
  /**
   * Bumped by every transaction whose decision depends on the agreement being
   * active (a liaison joining through an invite of this pairing). CloudBase
   * aborts transactions on write-write conflicts only, so a guard that merely
   * read the status would let a join commit next to a suspension.
   */
  rev?: number
}

export const agreementId = (unitId: string, communityId: string): string => `${unitId}:${communityId}`

/**
 * A liaison invite: `_id` is the SHA-256 of the code, so the stored row
 * cannot be turned back into a usable code.
 */
export interface InviteDoc extends BaseDoc {
  unitId: string
  communityId: string
  createdBy: string
  createdAt: Date
  expiresAt: Date
  usedBy: string | null
  usedAt: Date | null
}

export const commitmentStatuses = ['proposed', 'agreed', 'in_progress', 'completed', 'verified', 'withdrawn'] as const
export type CommitmentStatus = (typeof commitmentStatuses)[number]

/**
 * 承诺事项: one unit's promise to one community for one year, tracked from promise to verified completion.
 * `contentReview` is 'pending' while a proposal or note went unchecked (lib/shared/content-review.ts); only
 * verified commitments are public, and staff agreeing or verifying — reading it — settles the flag.
 */
export interface CommitmentDoc extends BaseDoc, Reviewable {
  unitId: string
  communityId: string
  year: number
  title: string
  content: string
  category: string
  deadline: Date
  /** 衡量标准: how staff will tell it is done. */
  measure: string
  status: CommitmentStatus
  progress: Array<{ note: string; photos: string[]; at: Date; by: string }>
  evidence: { note: string; photos: string[] } | null
  withdrawReason: string
  /** The demand this commitment answers, when a unit claimed one. */
  demandId: string | null
  proposedBy: string
  history: Array<{ status: CommitmentStatus; at: Date; by: string; note: string }>
  createdAt: Date
  updatedAt: Date
}

export const demandStatuses = ['open', 'claimed', 'done', 'cancelled'] as const
export type DemandStatus = (typeof demandStatuses)[number]

/**
 * 需求清单: a community need units claim. `open` while it takes claims;
 * `claimed` once `maxClaims` units have claimed it; each claim creates a
 * linked commitment (status agreed) in the same transaction.
 */
export interface DemandDoc extends BaseDoc {
  communityId: string
  title: string
  content: string
  category: string
  deadline: Date | null
  maxClaims: number
  claims: Array<{ unitId: string; commitmentId: string; at: Date; by: string }>
  status: DemandStatus
  cancelReason: string
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export const resourceKinds = ['场地', '物资', '人才技能', '资金', '其他'] as const
export type ResourceKind = (typeof resourceKinds)[number]

/**
 * 资源清单: something a unit can share with the communities it is paired with.
 * `contentReview` 'pending' (unchecked) or 'rejected' keeps it off the public
 * list until staff of a paired community clear it (units.reviewResource).
 */
export interface ResourceDoc extends BaseDoc, Reviewable {
  unitId: string
  kind: ResourceKind
  title: string
  description: string
  availability: string
  createdBy: string
  createdAt: Date
}

/** Staff ask a unit for a resource: requested → accepted | declined (unit) → fulfilled (staff), which counts as shared. */
export interface ResourceRequestDoc extends BaseDoc {
  resourceId: string
  unitId: string
  communityId: string
  note: string
  answerNote: string
  status: 'requested' | 'accepted' | 'declined' | 'fulfilled'
  createdBy: string
  createdAt: Date
  answeredAt: Date | null
  fulfilledAt: Date | null
}

/**
 * 群众评议: `_id` is `<commitmentId>:<userId>`, so a person rates a commitment once.
 * The comment is shown nowhere today; `contentReview` 'pending' marks one that went
 * unchecked, for any view that shows comments to leave out.
 */
export interface RatingDoc extends BaseDoc, Reviewable {
  commitmentId: string
  unitId: string
  communityId: string
  userId: string
  score: number
  comment: string
  createdAt: Date
}

export const ratingId = (commitmentId: string, userId: string): string => `${commitmentId}:${userId}`
