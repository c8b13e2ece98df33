import type { ActivityCard, ActivityType, ClaimStatus, EnrollmentStatus, EntryKind, Me, RedemptionStatus, WishCard, WishCategory, WishStatus } from '@/api'

/**
 * Chinese labels for the back end's state names. Typed as full records, so a
 * state added in a function without a label here fails `tsc`.
 */
export const activityStatusLabels: Record<ActivityCard['status'], string> = {
  published: '报名中',
  cancelled: '已取消',
  finished: '已结束',
}

/**
 * What a card says about an activity now: a published one whose end has
 * passed is over (the server counts it as finished too), a full one is full.
 */
export function activityPhaseLabel(activity: Pick<ActivityCard, 'status' | 'endAt' | 'quota' | 'enrolledCount'>, now: number): string {
  if (activity.status !== 'published') return activityStatusLabels[activity.status]
  if (Date.parse(activity.endAt) <= now) return activityStatusLabels.finished
  if (activity.quota > 0 && activity.enrolledCount >= activity.quota) return '名额已满'
  return activityStatusLabels.published
}

export const wishStatusLabels: Record<WishCard['status'], string> = {
  open: '待认领',
  claimed: '已认领',
  fulfilled: '已圆梦',
  confirmed: '已确认',
}

/** Every status, for the wisher's and staff's views (the wall shows only the public ones above). */
export const wishAnyStatusLabels: Record<WishStatus, string> = {
  pending: '待审核',
  rejected: '未通过',
  withdrawn: '已撤回',
  ...wishStatusLabels,
}

export const claimStatusLabels: Record<ClaimStatus, string> = {
  active: '认领中',
  released: '已放弃',
  expired: '已超期',
  fulfilled: '待确认',
  confirmed: '已圆梦',
}

export const enrollmentStatusLabels: Record<EnrollmentStatus, string> = {
  enrolled: '已报名',
  cancelled: '已取消',
  confirmed: '已确认',
  absent: '缺席',
}

export const redemptionStatusLabels: Record<RedemptionStatus, string> = {
  held: '待领取',
  picked: '已领取',
  cancelled: '已取消',
  expired: '已过期',
}

export const entryKindLabels: Record<EntryKind, string> = {
  earn: '服务获得',
  hold: '兑换冻结',
  post: '领取扣除',
  void: '兑换退回',
  adjust: '人工调整',
}

export const roleLabels: Record<Me['roles'][number]['role'], string> = {
  member: '党员/志愿者',
  staff: '社区工作人员',
  district_admin: '街道管理员',
  liaison: '共建单位联络员',
  team_leader: '服务队队长',
}

/**
 * Filter tabs, in display order. Written as record keys (not imported: the
 * app takes only types from cloudfunctions/) so a value added there and
 * missing here fails `tsc`.
 */
const activityTypeSet: Record<ActivityType, true> = { 主题党日: true, 志愿服务: true, 文体: true, 学习: true, 其他: true }
export const activityTypes = Object.keys(activityTypeSet) as ActivityType[]

const wishCategorySet: Record<WishCategory, true> = { 学习用品: true, 生活物资: true, 陪伴服务: true, 维修帮办: true, 其他: true }
export const wishCategories = Object.keys(wishCategorySet) as WishCategory[]
