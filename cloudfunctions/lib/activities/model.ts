import type { BaseDoc } from '../db/types'

export const activityTypes = ['主题党日', '志愿服务', '文体', '学习', '其他'] as const
export type ActivityType = (typeof activityTypes)[number]

/**
 * `finished` is reserved for an explicit close; until something sets it, an
 * activity whose end has passed counts as finished (see `isOver`).
 */
export const activityStatuses = ['published', 'cancelled', 'finished'] as const
export type ActivityStatus = (typeof activityStatuses)[number]

export const pointsRuleKinds = ['perHour', 'fixed'] as const

/** Points for a confirmed attendance: per credited hour, or a fixed amount. */
export interface PointsRule {
  kind: (typeof pointsRuleKinds)[number]
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
  /** The 服务队 running it, whose 队长 may show the code, record and confirm attendance; absent or null for the community's own. */
  teamId?: string | null
  /** People waiting for a seat (lib/activities/waitlist.ts); absent on activities from before waitlists. */
  waitlistCount?: number
  pointsRule: PointsRule
  maxHours: number
  status: ActivityStatus
  createdBy: string
  createdAt: Date
  updatedAt: Date
  cancelReason?: string
  cancelledBy?: string
  cancelledAt?: Date
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
  teamId: string | null
  waitlistCount: number
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
  teamId: activity.teamId ?? null,
  waitlistCount: activity.waitlistCount ?? 0,
})

/** No sign-up, edit or cancel once an activity is cancelled, closed, or over. */
export const isOver = (activity: ActivityDoc, now: Date): boolean =>
  activity.status === 'finished' || activity.endAt.getTime() <= now.getTime()

export const enrollmentStatuses = ['enrolled', 'cancelled', 'confirmed', 'absent'] as const
export type EnrollmentStatus = (typeof enrollmentStatuses)[number]

export type AttendanceSource = 'code' | 'manual'

/**
 * One person's sign-up for one activity. `_id` is `<activityId>:<userId>`,
 * the natural key: a person has one enrollment per activity, and signing up
 * again after withdrawing reuses it.
 *
 * enrolled → cancelled (withdraw, activity cancelled) → enrolled (sign up again)
 * enrolled → confirmed (staff confirm attendance; hours and points credited once)
 * `absent` is reserved for marking no-shows; no action sets it yet.
 */
export interface EnrollmentDoc extends BaseDoc {
  activityId: string
  communityId: string
  userId: string
  /** The activity's team, copied at sign-up so a team's hours are read without its activities. */
  teamId?: string | null
  status: EnrollmentStatus
  checkInAt: Date | null
  checkOutAt: Date | null
  attendanceSource: AttendanceSource | null
  hours: number | null
  points: number | null
  confirmedBy: string | null
  confirmedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export const enrollmentDocId = (activityId: string, userId: string): string => `${activityId}:${userId}`

/** A fresh sign-up: enrolled, nothing attended or credited yet. */
export const newEnrollment = (activity: Pick<ActivityDoc, '_id' | 'communityId' | 'teamId'>, userId: string, at: Date): EnrollmentDoc => ({
  _id: enrollmentDocId(activity._id, userId),
  activityId: activity._id,
  communityId: activity.communityId,
  userId,
  teamId: activity.teamId ?? null,
  status: 'enrolled',
  checkInAt: null,
  checkOutAt: null,
  attendanceSource: null,
  hours: null,
  points: null,
  confirmedBy: null,
  confirmedAt: null,
  createdAt: at,
  updatedAt: at,
})

export interface EnrollmentView {
  id: string
  activityId: string
  userId: string
  status: EnrollmentStatus
  checkInAt: Date | null
  checkOutAt: Date | null
  attendanceSource: AttendanceSource | null
  hours: number | null
  points: number | null
  confirmedAt: Date | null
  createdAt: Date
}

export const toEnrollmentView = (enrollment: EnrollmentDoc): EnrollmentView => ({
  id: enrollment._id,
  activityId: enrollment.activityId,
  userId: enrollment.userId,
  status: enrollment.status,
  checkInAt: enrollment.checkInAt,
  checkOutAt: enrollment.checkOutAt,
  attendanceSource: enrollment.attendanceSource,
  hours: enrollment.hours,
  points: enrollment.points,
  confirmedAt: enrollment.confirmedAt,
  createdAt: enrollment.createdAt,
})

const HOUR_MS = 3600 * 1000

/** Check-in opens this long before the start, so people arriving early are not turned away. */
export const CHECKIN_OPENS_BEFORE_MS = 1 * HOUR_MS
/** Check-out (and 补录 times) stay open this long after the end: clearing up runs late. */
export const CHECKOUT_CLOSES_AFTER_MS = 2 * HOUR_MS

/** A visit shorter than this is never a real one, whatever the activity's length. */
export const MIN_VISIT_MS = 10 * 60 * 1000
/** Nor is one covering less than this share of the activity. */
export const MIN_VISIT_SHARE = 1 / 4

/**
 * What staff must look at before a visit earns hours and points:
 * `outside_time` — the check-in to check-out span does not overlap the
 * activity at all (e.g. both in the same minute before the start);
 * `too_short` — the time present during the activity is under 10 minutes or
 * under a quarter of the activity. Codes and 补录 can produce both honestly
 * (someone leaving early, a mistyped time), so they are not refused: they are
 * shown, and confirmed only when staff acknowledge them by name.
 */
export type AttendanceConcern = 'outside_time' | 'too_short'

export function attendanceConcerns(
  activity: Pick<ActivityDoc, 'startAt' | 'endAt'>,
  checkInAt: Date | null,
  checkOutAt: Date | null,
): AttendanceConcern[] {
  if (!checkInAt || !checkOutAt) return []
  const start = activity.startAt.getTime()
  const end = activity.endAt.getTime()
  const present = Math.max(0, Math.min(end, checkOutAt.getTime()) - Math.max(start, checkInAt.getTime()))
  const concerns: AttendanceConcern[] = []
  if (checkOutAt.getTime() <= start || checkInAt.getTime() >= end) concerns.push('outside_time')
  if (present < Math.max(MIN_VISIT_MS, (end - start) * MIN_VISIT_SHARE)) concerns.push('too_short')
  return concerns
}

export interface Credit {
  hours: number
  points: number
}

/**
 * What a confirmed attendance is worth: only the checked-in span counts
 * (travel is not service), capped at the activity's maximum, to 0.01 h.
 */
export function creditFor(activity: Pick<ActivityDoc, 'maxHours' | 'pointsRule'>, checkInAt: Date, checkOutAt: Date): Credit {
  const spanHours = Math.max(0, checkOutAt.getTime() - checkInAt.getTime()) / HOUR_MS
  const hours = Math.round(Math.min(spanHours, activity.maxHours) * 100) / 100
  const points = activity.pointsRule.kind === 'fixed' ? activity.pointsRule.points : Math.round(activity.pointsRule.points * hours)
  return { hours, points }
}
