import type { BaseDoc } from '../db/types'
import { contentReviewOf, type ContentReview, type Reviewable } from '../shared/content-review'
import { nameFor } from '../shared/privacy'

export const suggestionCategories = ['环境卫生', '治安安全', '物业管理', '设施维修', '邻里关系', '社区发展建议', '其他'] as const
export type SuggestionCategory = (typeof suggestionCategories)[number]

/**
 * 收集民意 → 解决问题 → 办结反馈: submitted → accepted → assigned → replied →
 * closed (then rated once); or declined by staff / withdrawn by the submitter
 * before anyone accepted it.
 */
export const suggestionStatuses = ['submitted', 'accepted', 'assigned', 'replied', 'closed', 'declined', 'withdrawn'] as const
export type SuggestionStatus = (typeof suggestionStatuses)[number]

export const historyActions = ['submit', 'withdraw', 'accept', 'decline', 'assign', 'reply', 'close', 'rate'] as const
export type HistoryAction = (typeof historyActions)[number]

/** One step on the timeline the submitter sees. Never edited. */
export interface HistoryEntry {
  action: HistoryAction
  at: Date
  /** The user who acted. */
  by: string
  /** Staff's name as it was then; '' for the submitter's own steps, which the views label themselves. */
  byName: string
  note: string
}

export interface Reply {
  text: string
  at: Date
  by: string
  byName: string
}

/** Who handles it: a staff member of the community, or a handler / department staff named (物业公司, 城管中队 …). */
export type Assignee = { kind: 'staff'; userId: string; name: string } | { kind: 'handler'; userId: null; name: string }

export interface Rating {
  /** 1–5. */
  score: number
  comment: string
  at: Date
  /** 'pending' when the comment went unchecked (lib/shared/content-review.ts); only the submitter and staff ever read it. */
  contentReview?: 'pending'
}

/**
 * Optional timestamps and the rating are absent until their step happens, so
 * "has it been replied to" is `repliedAt` existing, for the dashboard as well.
 */
/**
 * `contentReview` is 'pending' while a submitted title or content went
 * unchecked (lib/shared/content-review.ts); 受理 or 不予受理 — staff reading it —
 * settles it, and only a suggestion staff accepted ever reaches 办结公示.
 */
export interface SuggestionDoc extends BaseDoc, Reviewable {
  communityId: string
  userId: string
  /** The submitter's name when submitted: staff call back; the public never sees it. */
  submitterName: string
  /** Hidden from other residents (the public list says 匿名居民); staff still see who it is to follow up. */
  anonymous: boolean
  category: SuggestionCategory
  title: string
  content: string
  /** The submitter's photos: staff and the submitter only (they may show people or homes). */
  photos: string[]
  status: SuggestionStatus
  declineReason: string
  assignee: Assignee | null
  replies: Reply[]
  /** 办结结果, written on close; public. */
  result: string
  /** Photos staff attach to the result (the repaired lamp): public. */
  resultPhotos: string[]
  history: HistoryEntry[]
  createdAt: Date
  updatedAt: Date
  acceptedAt?: Date
  assignedAt?: Date
  /** The first reply (or the close, when staff closed without one): response time = repliedAt − createdAt. */
  repliedAt?: Date
  closedAt?: Date
  withdrawnAt?: Date
  rating?: Rating
}

// ---------------------------------------------------------------- views

export interface TimelineStep {
  action: HistoryAction
  at: Date
  /** Staff's name for staff steps; '' for the submitter's own. */
  actorName: string
  note: string
}

export interface ReplyView {
  text: string
  at: Date
  byName: string
}

/** What the submitter and staff read. */
export interface SuggestionView {
  id: string
  communityId: string
  category: SuggestionCategory
  title: string
  content: string
  photos: string[]
  anonymous: boolean
  status: SuggestionStatus
  declineReason: string
  assignee: { kind: Assignee['kind']; name: string } | null
  replies: ReplyView[]
  result: string
  resultPhotos: string[]
  rating: Rating | null
  timeline: TimelineStep[]
  createdAt: Date
  acceptedAt: Date | null
  repliedAt: Date | null
  closedAt: Date | null
  /** Staff of the community only: who to call back. */
  submitter: { userId: string; name: string } | null
  /** 'pending' while the submitted text waits for staff to read it (the content check was unreachable). */
  contentReview: ContentReview | null
  mine: {
    isSubmitter: boolean
    canWithdraw: boolean
    canRate: boolean
    canAccept: boolean
    canDecline: boolean
    canAssign: boolean
    canReply: boolean
    canClose: boolean
  }
}

/** A line of a list (mine, staff's queue): enough to pick one. */
export interface SuggestionCard {
  id: string
  category: SuggestionCategory
  title: string
  status: SuggestionStatus
  anonymous: boolean
  /** Staff lists show the name; the submitter's own list shows theirs too. */
  submitterName: string
  assigneeName: string
  replyCount: number
  rated: boolean
  /** 待人工审核 in staff's 待受理 list. */
  contentReview: ContentReview | null
  createdAt: Date
  updatedAt: Date
}

/** A staff assignee signs in office; a named handler (物业公司) is not a person at all. */
export const assigneeName = (assignee: Assignee | null): string =>
  !assignee ? '' : assignee.kind === 'staff' ? nameFor(assignee.name, 'official') : assignee.name

/** `grant`: the submitter's own list, or staff's queue (staff follow up, anonymous or not). */
export const toSuggestionCard = (grant: 'own' | 'staff') => (doc: SuggestionDoc): SuggestionCard => ({
  id: doc._id,
  category: doc.category,
  title: doc.title,
  status: doc.status,
  anonymous: doc.anonymous,
  submitterName: nameFor(doc.submitterName, grant),
  assigneeName: assigneeName(doc.assignee),
  replyCount: (doc.replies ?? []).length,
  rated: doc.rating !== undefined && doc.rating !== null,
  contentReview: contentReviewOf(doc),
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
})

/** The public list: a handled suggestion without the submitter's name, photos or the staff's names. */
export interface PublicSuggestion {
  id: string
  category: SuggestionCategory
  title: string
  content: string
  /** 匿名居民 when the submitter asked; else the masked name (刘*英). */
  submitterMasked: string
  replies: Array<{ text: string; at: Date }>
  result: string
  resultPhotos: string[]
  /** The submitter's score, without their comment. */
  score: number | null
  createdAt: Date
  repliedAt: Date | null
  closedAt: Date | null
}

export const ANONYMOUS_LABEL = '匿名居民'

export const toPublicSuggestion = (doc: SuggestionDoc): PublicSuggestion => ({
  id: doc._id,
  category: doc.category,
  title: doc.title,
  content: doc.content,
  submitterMasked: doc.anonymous ? ANONYMOUS_LABEL : nameFor(doc.submitterName, null),
  replies: (doc.replies ?? []).map((reply) => ({ text: reply.text, at: reply.at })),
  result: doc.result,
  resultPhotos: doc.resultPhotos ?? [],
  score: doc.rating?.score ?? null,
  createdAt: doc.createdAt,
  repliedAt: doc.repliedAt ?? null,
  closedAt: doc.closedAt ?? null,
})
