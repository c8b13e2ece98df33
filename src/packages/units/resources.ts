import { colors } from '@/constants/theme'
import type { api } from '@/api'

export type Resource = Awaited<ReturnType<typeof api.units.resources>>[number]
export type ResourceKind = Resource['kind']
export type ResourceRequest = Awaited<ReturnType<typeof api.units.resourceRequests>>[number]
export type RequestStatus = ResourceRequest['status']

/** Typed as a full record so a kind added in the function fails `tsc` here. */
const kindRecord: Record<ResourceKind, true> = { 场地: true, 物资: true, 人才技能: true, 资金: true, 其他: true }
export const resourceKinds = Object.keys(kindRecord) as ResourceKind[]

export const requestStatusLabels: Record<RequestStatus, string> = {
  requested: '待答复',
  accepted: '已同意',
  declined: '已婉拒',
  fulfilled: '已提供',
}

export const requestStatusColors: Record<RequestStatus, string> = {
  requested: '#d48806',
  accepted: '#c8161d',
  declined: colors.muted,
  fulfilled: colors.success,
}

export type RequestAction = 'accept' | 'decline' | 'fulfil'

/**
 * The buttons a resource request offers, as the units function rules them:
 * the unit's liaison accepts or declines a new request; the community's staff
 * mark an accepted one provided (which counts as a shared resource).
 */
export function requestActions(status: RequestStatus, roles: { isStaff: boolean; isLiaison: boolean }): RequestAction[] {
  if (status === 'requested' && roles.isLiaison) return ['accept', 'decline']
  if (status === 'accepted' && roles.isStaff) return ['fulfil']
  return []
}
