import type { BaseDoc } from '../db/types'
import { contentReviewOf, type ContentReview, type Reviewable } from '../shared/content-review'

/**
 * 在职党员报到: a party member registers once a year with the community they
 * live in. submitted → confirmed (staff) | returned (staff, with a reason);
 * returned → submitted (the member edits and resubmits); confirmed → returned
 * (staff withdraw a confirmation, with a reason, audited).
 */
export const reportStatuses = ['submitted', 'confirmed', 'returned'] as const
export type ReportStatus = (typeof reportStatuses)[number]

export const reportStatusLabels: Record<ReportStatus, string> = {
  submitted: '待审核',
  confirmed: '已报到',
  returned: '已退回',
}

/** 服务意向 offered as choices; the member may add their own words as well. */
export const willingnessOptions = ['政策宣讲', '环境整治', '邻里互助', '关爱老幼', '文体活动', '法律咨询', '医疗健康', '治安巡逻', '助学辅导', '矛盾调解'] as const

export type ReportHistoryAction = 'submit' | 'resubmit' | 'edit' | 'confirm' | 'return' | 'withdraw'

export interface ReportHistoryEntry {
  action: ReportHistoryAction
  at: Date
  by: string
  note?: string
}

/** `_id` is `<communityId>:<userId>:<year>`: one report per person, community and year. */
/**
 * `contentReview` is 'pending' while the form's words went unchecked
 * (lib/shared/content-review.ts): staff and the member are its only readers,
 * so it is a tag in staff's 待审核 list, settled when staff confirm or return it.
 */
export interface MemberReportDoc extends BaseDoc, Reviewable {
  communityId: string
  userId: string
  year: number
  name: string
  workUnit: string
  partyOrg: string
  /** YYYY-MM-DD */
  partyJoinedAt: string
  /** MM-DD of partyJoinedAt: the 政治生日 the reminders scan looks up. */
  anniversary: string
  skills: string[]
  willingness: string[]
  status: ReportStatus
  returnReason?: string
  confirmedAt?: Date
  confirmedBy?: string
  createdAt: Date
  updatedAt: Date
  history: ReportHistoryEntry[]
}

export const reportDocId = (communityId: string, userId: string, year: number): string => `${communityId}:${userId}:${year}`

export interface ReportView {
  id: string
  communityId: string
  userId: string
  year: number
  name: string
  workUnit: string
  partyOrg: string
  partyJoinedAt: string
  skills: string[]
  willingness: string[]
  status: ReportStatus
  returnReason: string
  confirmedAt: Date | null
  /** 待人工审核 while the form's words wait for staff (the content check was unreachable). */
  contentReview: ContentReview | null
  createdAt: Date
  updatedAt: Date
  history: ReportHistoryEntry[]
}

export const toReportView = (report: MemberReportDoc): ReportView => ({
  id: report._id,
  communityId: report.communityId,
  userId: report.userId,
  year: report.year,
  name: report.name,
  workUnit: report.workUnit,
  partyOrg: report.partyOrg,
  partyJoinedAt: report.partyJoinedAt,
  skills: report.skills,
  willingness: report.willingness,
  status: report.status,
  returnReason: report.returnReason ?? '',
  confirmedAt: report.confirmedAt ?? null,
  contentReview: contentReviewOf(report),
  createdAt: report.createdAt,
  updatedAt: report.updatedAt,
  history: report.history,
})

