import type { ActivityCard, ActivityType, Me, WishCard, WishCategory } from '@/api'

/**
 * Chinese labels for the back end's state names. Typed as full records, so a
 * state added in a function without a label here fails `tsc`.
 */
export const activityStatusLabels: Record<ActivityCard['status'], string> = {
  published: '报名中',
  cancelled: '已取消',
  finished: '已结束',
}

export const wishStatusLabels: Record<WishCard['status'], string> = {
  open: '待认领',
  claimed: '已认领',
  fulfilled: '已圆梦',
  confirmed: '已确认',
}

export const roleLabels: Record<Me['roles'][number]['role'], string> = {
  member: '党员/志愿者',
  staff: '社区工作人员',
  district_admin: '街道管理员',
  liaison: '共建单位联络员',
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
