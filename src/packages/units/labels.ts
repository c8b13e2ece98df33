import type { api } from '@/api'

/** Shapes the units pages render, derived from the client so a field renamed in the function fails `tsc` here. */
export type UnitCard = Awaited<ReturnType<typeof api.units.list>>[number]
export type UnitDetail = Awaited<ReturnType<typeof api.units.detail>>
export type UnitKind = UnitCard['kind']
export type AgreementStatus = NonNullable<UnitCard['agreement']>['status']

/** In the order the 台账 lists them; typed as a full record so a kind added in the function fails `tsc`. */
export const unitKindLabels: Record<UnitKind, UnitKind> = {
  机关: '机关',
  企事业单位: '企事业单位',
  学校: '学校',
  社会组织: '社会组织',
  两新组织: '两新组织',
}
export const unitKindNames = Object.keys(unitKindLabels) as UnitKind[]

export const agreementStatusLabels: Record<AgreementStatus, string> = {
  active: '共建中',
  suspended: '已暂停',
}
