import type { BaseDoc } from '../db/types'

export const activityTypes = ['主题党日', '志愿服务', '文体', '学习', '其他'] as const
export type ActivityType = (typeof activityTypes)[number]

export const activityStatuses = ['published', 'cancelled', 'finished'] as const
export type ActivityStatus = (typeof activityStatuses)[number]

/** Points for a confirmed attendance: per credited hour, or a fixed amount. */
export interface PointsRule {
  kind: 'perHour' | 'fixed'
  points: number
}

export interface ActivityDoc extends BaseDoc {
  communityId: string
  type: ActivityType
  title: string
  description: string
  coverUrl: string | null
  place: string
  startAt: Date
  endAt: Date
  signupDeadline: Date
  quota: number
  /** Kept by conditional updates on sign-up and cancel, so the quota holds under races. */
  enrolledCount: number
  pointsRule: PointsRule
  maxHours: number
  status: ActivityStatus
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export interface ActivityCard {
  id: string
  title: string
  type: ActivityType
  place: string
  startAt: Date
  endAt: Date
  quota: number
  enrolledCount: number
  status: ActivityStatus
  coverUrl: string | null
  /** Points shown on the card: the fixed amount, or per hour. */
  points: number
}

export const toActivityCard = (activity: ActivityDoc): ActivityCard => ({
  id: activity._id,
  title: activity.title,
  type: activity.type,
  place: activity.place,
  startAt: activity.startAt,
  endAt: activity.endAt,
  quota: activity.quota,
  enrolledCount: activity.enrolledCount,
  status: activity.status,
  coverUrl: activity.coverUrl,
  points: activity.pointsRule.points,
})
