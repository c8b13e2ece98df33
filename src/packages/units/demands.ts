import type { api } from '@/api'

export type Demand = Awaited<ReturnType<typeof api.units.demands>>['items'][number]
export type DemandStatus = Demand['status']

export const demandStatusLabels: Record<DemandStatus, string> = {
  open: '待认领',
  claimed: '已认领',
  done: '已完成',
  cancelled: '已取消',
}

export type DemandAction = 'claim' | 'complete' | 'cancel'

/**
 * The buttons a demand offers, as the units function rules them: a liaison
 * claims an open demand their unit has not claimed yet (several units only
 * when the demand allows it); staff mark it done once a unit has taken it on,
 * and cancel it while nobody has.
 */
export function demandActions(demand: Pick<Demand, 'status' | 'claims'>, roles: { isStaff: boolean; unitId: string | null }): DemandAction[] {
  const actions: DemandAction[] = []
  const claimedByMe = roles.unitId !== null && demand.claims.some((claim) => claim.unitId === roles.unitId)
  if (roles.unitId !== null && demand.status === 'open' && !claimedByMe) actions.push('claim')
  if (roles.isStaff && demand.claims.length > 0 && (demand.status === 'open' || demand.status === 'claimed')) actions.push('complete')
  if (roles.isStaff && demand.status === 'open' && demand.claims.length === 0) actions.push('cancel')
  return actions
}
